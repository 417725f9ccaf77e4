"""`remiss backup PATH` and `remiss restore PATH`."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from remiss.db import migrate
from remiss.ops.backup import BackupError, backup, restore


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
    if not yes:
        click.confirm("Databasen ersätts med säkerhetskopian. Är webb och schemaläggare stoppade?", abort=True)
    try:
        restore(path, url)
    except BackupError as exc:
        raise click.ClickException(str(exc))
    migrate(url)  # a backup from an older version is brought up to date
    click.echo(f"Databasen är återställd från {path}.")


COMMANDS = [backup_command, restore_command]
