"""`remiss backup PATH` and `remiss restore PATH`."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from remiss.db import migrate
from remiss.ops.backup import BackupError, backup, last_numbers, restore


@click.command("backup")
@click.argument("path", metavar="FIL", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path):
    """Säkerhetskopiera databasen till FIL medan appen är igång."""
    try:
        size = backup(current_app.config["DATABASE_URL"], path)
    except BackupError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"Säkerhetskopian är skriven till {path} ({size / 1_048_576:.1f} MB).")


@click.command("restore")
@click.argument("path", metavar="FIL", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Fråga inte; ersätt databasen direkt.")
@with_appcontext
def restore_command(path: Path, yes: bool):
    """Ersätt databasen med säkerhetskopian i FIL (stoppa webben och schemaläggaren först)."""
    url = current_app.config["DATABASE_URL"]
    if not yes and not _confirmed("Databasen ersätts med säkerhetskopian. Är webb och schemaläggare stoppade?"):
        raise click.ClickException("Avbrutet; databasen är orörd.")
    try:
        restore(path, url)
    except BackupError as exc:
        raise click.ClickException(str(exc))
    migrate(url)  # a backup from an older version is brought up to date
    click.echo(f"Databasen är återställd från {path}.")
    click.echo(series_warning(last_numbers(url), current_app.config["DNR_FORMAT"]))


def _confirmed(question: str) -> bool:
    """Ask in Swedish, answered j/ja (or y/yes) or n/nej; anything else is asked again."""
    while True:
        answer = click.prompt(f"{question} [j/N]", default="", show_default=False, prompt_suffix=" ").strip().lower()
        if answer in ("j", "ja", "y", "yes"):
            return True
        if answer in ("", "n", "nej", "no"):
            return False
        click.echo("Svara j (ja) eller n (nej).", err=True)


def series_warning(numbers: list[tuple[str, int, int]], dnr_format: str) -> str:
    """What the operator must check after a restore: diarienummer handed out after the backup are handed out again."""
    text = ("OBS: allt som registrerades efter säkerhetskopian är borta, och diarienummer som delades ut efter den "
            "delas ut igen. Jämför med diariet, e-postloggen och utskickade brev")
    if not numbers:
        return text + "."
    listed = ", ".join(dnr_format.format(prefix=prefix, year=year, number=last) for prefix, year, last in numbers)
    return (text + f". Senaste numret per serie i säkerhetskopian: {listed}. Har högre nummer använts, registrera "
            "dem igen eller räkna upp serien (tabellen diarie_series) innan registreringen öppnas.")


@click.command("check")
@with_appcontext
def check_command():
    """Kontrollera inställningarna, instansmappen och databasen, som webben gör när den startar (rc 1 vid fel)."""
    from remiss.db import pending_migrations
    from remiss.startup import SettingsError, check_database, mask_url

    url = current_app.config["DATABASE_URL"]
    try:
        check_database(url)
    except SettingsError as exc:
        raise click.ClickException(str(exc))
    waiting = pending_migrations(url)
    if waiting:
        raise click.ClickException(f"Databasens schema är inte uppdaterat ({waiting} migreringar återstår): kör "
                                   "`remiss migrate`.")
    click.echo(f"Inställningarna är i ordning och databasen svarar ({mask_url(url)}).")


COMMANDS = [backup_command, restore_command, check_command]
