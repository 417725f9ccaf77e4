"""Commands: remove pending missiv uploads never registered; fetch the mailbox, or saved mails, into the Inkorg."""
from __future__ import annotations

from gettext import ngettext

import click
from flask import current_app
from flask.cli import with_appcontext

from remiss.clock import parse_iso_moment
from remiss.db import get_db, utcnow
from remiss.intake.service import batches, inbox


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
        removed = batches.cleanup(session, now=moment, files_dir=current_app.config["FILES_DIR"])
    click.echo(ngettext("%(count)d ej registrerad inläsning borttagen.", "%(count)d ej registrerade inläsningar borttagna.",
                        removed) % {"count": removed})



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


@click.command("inbox-import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def inbox_import_command(paths: tuple[str, ...]):
    """Läs in sparade e-postmeddelanden (.eml) till Inkorgen, som om de hämtats ur brevlådan."""
    from remiss.intake.reading import BATCH_FACTOR, ReadLimits

    limits = ReadLimits.of(current_app.config)
    new = known = 0
    for path in paths:
        with open(path, "rb") as handle:
            raw = handle.read(BATCH_FACTOR * limits.max_bytes + 1)
        if len(raw) > BATCH_FACTOR * limits.max_bytes:
            click.echo(f"{path} är för stor och lästes inte in.", err=True)
            continue
        with get_db().transaction() as session:
            _, fresh = inbox.receive(session, now=utcnow(), raw=raw, files_dir=current_app.config["FILES_DIR"],
                                      limits=limits)
        new, known = new + fresh, known + (not fresh)
    from remiss.intake.scheduled import new_messages

    click.echo(f"{new_messages(new)} i Inkorgen, {known} fanns redan.")


COMMANDS = [cleanup_command, inbox_poll_command, inbox_import_command]
