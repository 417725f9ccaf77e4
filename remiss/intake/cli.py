"""Commands: remove pending missiv uploads never registered; fetch the mailbox, or saved mails, into the Inkorg."""
from __future__ import annotations

from gettext import ngettext
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from remiss.clock import parse_iso_moment
from remiss.db import get_db, utcnow
from remiss.intake.service import batches, inbox


@click.command("intake-cleanup")
@click.option("--now", "now_text", default=None, metavar="TIDPUNKT",
              help="Kör mot den skarpa databasen som om klockan vore TIDPUNKT (t.ex. 2026-12-06T08:00, "
              "Stockholmstid): inläsningar som då är äldre än 24 timmar tas bort på riktigt, med sina filer. "
              "Standard: nu.")
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
    """Läs in sparade e-postmeddelanden (.eml, eller .msg från Outlook) till Inkorgen, som om de hämtats ur
    brevlådan. En fil som inte kan läsas som e-post läses inte in; kommandot slutar då med felkod 1."""
    from remiss import files
    from remiss.intake.outlook import is_outlook
    from remiss.intake.reading import BATCH_FACTOR, ReadLimits

    limits = ReadLimits.of(current_app.config)
    new = known = refused = 0
    for path in paths:
        name = Path(path).name
        with open(path, "rb") as handle:
            raw = handle.read(BATCH_FACTOR * limits.max_bytes + 1)
        if len(raw) > BATCH_FACTOR * limits.max_bytes:
            click.echo(f"{path} är för stor och lästes inte in.", err=True)
            refused += 1
            continue
        if not is_outlook(name, raw) and not _looks_like_mail(raw):
            click.echo(f"{name} är inget e-postmeddelande (.eml eller .msg) och lästes inte in. Spara meddelandet "
                       "som .eml eller .msg, eller dra filen till Registrera remiss.", err=True)
            refused += 1
            continue
        try:
            with get_db().transaction() as session:
                _, fresh = inbox.receive(session, now=utcnow(), raw=raw, files_dir=current_app.config["FILES_DIR"],
                                         limits=limits, filename=name)
        except files.FileRejected as exc:
            click.echo(f"{name} lästes inte in: {exc}", err=True)
            refused += 1
            continue
        new, known = new + fresh, known + (not fresh)
    from remiss.intake.scheduled import new_messages

    click.echo(f"{new_messages(new)} i Inkorgen, {known} fanns redan."
               + (f" {refused} {'fil' if refused == 1 else 'filer'} lästes inte in." if refused else ""))
    if refused:
        raise SystemExit(1)


MAIL_HEADERS = ("subject", "from", "date", "message-id", "to", "received", "mime-version")


@click.command("inbox-reclassify")
@with_appcontext
def inbox_reclassify_command():
    """Läs om ohanterade meddelanden i Inkorgen som lästes in före reglerna för automatiska svar, nyhetsbrev och
    påminnelser. Ett meddelande läses om en gång; kommandot kan köras igen utan att något ändras."""
    from remiss.intake.service.classify import reclassify_pending

    with get_db().transaction() as session:
        changed = reclassify_pending(session, files_dir=current_app.config["FILES_DIR"])
    click.echo(ngettext("Inkorgen: %(count)d meddelande har fått en ny bedömning.",
                        "Inkorgen: %(count)d meddelanden har fått en ny bedömning.", changed) % {"count": changed})


def _looks_like_mail(raw: bytes) -> bool:
    """Whether the file starts with e-mail headers (an .eml), not some other file given by mistake."""
    import email.parser
    import email.policy

    headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(raw[:65536])
    return any(key.lower() in MAIL_HEADERS for key in headers.keys())


COMMANDS = [cleanup_command, inbox_poll_command, inbox_import_command, inbox_reclassify_command]
