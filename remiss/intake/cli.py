"""Commands: remove pending missiv uploads that were never registered."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from remiss.clock import parse_iso_moment
from remiss.db import get_db, utcnow
from remiss.intake import service


@click.command("intake-cleanup")
@click.option("--now", "now_text", default=None, help="ISO-tidpunkt att räkna från (standard: nu).")
@with_appcontext
def cleanup_command(now_text: str | None):
    """Ta bort uppladdade missiv som inte registrerats på 24 timmar, med deras filer."""
    try:
        moment = parse_iso_moment(now_text) if now_text else utcnow()
    except ValueError:
        raise click.BadParameter("Ange tidpunkten som ÅÅÅÅ-MM-DDTHH:MM.", param_hint="--now") from None
    with get_db().transaction() as session:
        removed = service.cleanup(session, now=moment, files_dir=current_app.config["FILES_DIR"])
    click.echo(f"{removed} ej registrerade inläsningar borttagna.")



@click.command("inbox-poll")
@with_appcontext
def inbox_poll_command():
    """Hämta ny e-post från REMISS_IMAP_URL till Inkorgen en gång."""
    from remiss.intake.mailbox import MailboxError
    from remiss.intake.scheduled import poll_mailbox

    if not current_app.config.get("IMAP_URL"):
        raise click.ClickException("Ingen brevlåda är inställd (REMISS_IMAP_URL).")
    try:
        result = poll_mailbox(get_db(), current_app.config, now=utcnow())
    except MailboxError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(result.line())
    for problem in result.problems:
        click.echo(problem, err=True)


COMMANDS = [cleanup_command, inbox_poll_command]
