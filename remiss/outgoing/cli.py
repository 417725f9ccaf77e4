"""`remiss outgoing ...`: plan chasers and import the register from the command line."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from remiss.calendar.swedish import count_words
from remiss.db import utcnow


@click.group("outgoing", help="Utgående remisser: påminnelser till remissinstanser och registret.")
def outgoing():
    pass


@outgoing.command("chasers")
@click.option("--now", "now_text", default=None, metavar="TIDPUNKT",
              help="Kör mot den skarpa databasen som om klockan vore TIDPUNKT (t.ex. 2027-01-21T08:05, "
              "Stockholmstid): påminnelserna planeras från den, och remisser vars svarstid då har gått ut "
              "får status Svarstiden ute tills klockan visar annat. Standard: nu. En tidpunkt framåt i tiden "
              "hör hemma i en kopia av databasen.")
@with_appcontext
def chasers_command(now_text):
    """Planera påminnelserna för varje skickad utgående remiss och markera dem vars svarstid har gått ut (går att köra flera gånger)."""
    from remiss.outgoing.service.lifecycle import keep_current
    from remiss.reminders.cli import parse_moment_option

    moment = parse_moment_option(now_text, "--now") or utcnow()
    moved, added = keep_current(current_app.extensions["remiss_db"], now=moment)
    click.echo(f"{count_words(added, 'påminnelse', 'påminnelser')} {'planerad' if added == 1 else 'planerade'}. "
               f"{count_words(moved, 'remiss', 'remisser')} bytte status (svarstiden ute eller förlängd).")


@outgoing.command("import-register")
@click.argument("path", metavar="FIL", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Visa bara vad som skulle läsas in.")
@with_appcontext
def import_command(path: Path, dry_run: bool):
    """Läs in remissinstanser från en CSV- eller XLSX-fil (FIL)."""
    from remiss.auth.access import Principal
    from remiss.outgoing.importer import ImportFileError, read_rows
    from remiss.outgoing.service.register import import_organisations

    try:
        rows = read_rows(path.name, path.read_bytes())
    except ImportFileError as exc:
        raise click.ClickException(str(exc)) from None
    bad = [r for r in rows if r.errors]
    for row in bad:
        click.echo(f"Rad {row.line}: {' '.join(row.errors)}", err=True)
    if bad:
        raise click.ClickException(f"{count_words(len(bad), 'rad', 'rader')} har fel; inget sparades.")
    if dry_run:
        click.echo(f"{len(rows)} rader kan läsas in.")
        return
    with current_app.extensions["remiss_db"].transaction() as session:
        added, updated = import_organisations(session, now=utcnow(), principal=Principal.system(), rows=rows)
    click.echo(f"{added} tillagda, {updated} uppdaterade.")


COMMANDS = [outgoing]
