"""`remiss reminders run|list|resend`: the outbox from cron; the helpers `remiss scheduler` (scheduler.py) shares."""
from __future__ import annotations

import gc
import os
import signal
import threading
from contextlib import contextmanager
from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from remiss.calendar.swedish import count_words, format_date_time, format_time
from remiss.clock import MOMENT_FORMAT_HELP, local, parse_iso_moment
from remiss.db import get_db, utcnow
from remiss.reminders import claim, holder, relay
from remiss.reminders.delivery import database_error, sweep
from remiss.reminders.report import SweepError, SweepResult
from remiss.reminders.resend import resend, resend_failed
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.policy import row_label
from remiss.reminders.service import claimed_text, held_elsewhere, waiting_count
from remiss.reminders.workers import sweep_in_processes

STATUS_WORDS = {"pending": "väntar", "sending": "skickas", "sent": "skickade", "failed": "misslyckade",
                "cancelled": "stoppade", "superseded": "ersatta"}


def worker_id() -> str:
    """This process as the holder of its claims (holder.py): a sweep on this host that finds it gone takes
    its rows back at once."""
    return holder.current().text


def run_sweep(now=None, stop: threading.Event | None = None) -> SweepResult:
    """One sweep at now (the wall clock when None); return the result or raise SweepError."""
    return sweep(get_db(), now=now or utcnow(), worker_id=worker_id(), stop=stop)


@contextmanager
def stop_on_signals():
    """SIGTERM (systemctl stop, a deploy) and SIGINT (Ctrl+C) ask the sweep to stop after the mail in hand:
    it is recorded and the rest of the claim handed back. A second signal ends the process at once."""
    stop = threading.Event()

    def handler(signum, frame):
        if stop.is_set():
            os._exit(128 + signum)
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield stop
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextmanager
def exit_promptly():
    """Leave the process ready to end at once when the command is done: the database's connections closed
    cleanly, and every object frozen (gc.freeze), so that the interpreter's last garbage collections skip
    the heap a sweep leaves (the app, its caches): 0.6-0.7 s of a stop on an idle machine, 3-7 s on a busy
    one, spent collecting garbage after "Schemaläggaren avslutad". Memory goes back to the system with
    the process. Not in a test's process (TESTING), which goes on after the command."""
    try:
        yield
    finally:
        if not current_app.config.get("TESTING"):
            try:
                get_db().dispose()
            except Exception:  # a database that does not answer has nothing to close
                pass
            gc.freeze()


@contextmanager
def database_errors_in_swedish():
    """A database that does not answer, is locked or not migrated: a Swedish line and exit code 1, no traceback."""
    try:
        yield
    except OperationalError as exc:
        _fail(str(database_error(exc)))


def parse_moment_option(text: str | None, param: str) -> datetime | None:
    """A command's --now/--since: None when not given; a Swedish usage error when it is not a moment."""
    try:
        return parse_iso_moment(text) if text else None
    except ValueError:
        raise click.BadParameter(MOMENT_FORMAT_HELP, param_hint=param) from None


def warn_default_base_url() -> None:
    """Mail sent with the default address links to a server users do not reach: say so before sending."""
    from config import DEFAULT_BASE_URL

    if current_app.config["BASE_URL"] == DEFAULT_BASE_URL and not current_app.config.get("TESTING"):
        click.echo(f"obs: REMISS_BASE_URL är inte satt; länkarna i e-posten går till {DEFAULT_BASE_URL}. "
                   "Sätt den till adressen användarna når Remiss på.", err=True)


def _fail(message: str) -> None:
    click.echo(f"fel: {message}", err=True)
    raise SystemExit(1)


def waiting_text(now: datetime) -> str:
    """"N meddelanden": every row due by now and not sent yet (what the outbox page counts as waiting),
    not only the rows one claim handed back; "Meddelandena" when the database does not answer."""
    try:
        with get_db().transaction(write=False) as session:
            count = waiting_count(session, now=now)
    except OperationalError:
        return "Meddelandena"
    return f"{count} meddelande" if count == 1 else f"{count} meddelanden"


def taken_back_text(result: SweepResult) -> str:
    """The rows this sweep took back from sweepers that died (empty when none)."""
    if not result.taken_back:
        return ""
    who = f" ({', '.join(result.gone)}, som inte längre körs)" if result.gone else ""
    process = "avbrutna processer" if len(result.gone) > 1 else "en avbruten process"
    return (f"tog över {count_words(result.taken_back, 'meddelande', 'meddelanden')} som {process}{who} "
            "hade tagit men inte registrerat.")


def held_text(now: datetime) -> str:
    """"7 meddelanden hålls av ett annat utskick till kl. 23.30 …": due rows that another sweep (alive, or on
    another host, so not provably gone) holds under a running lease; empty when none, or the database is gone."""
    wall = utcnow()
    try:
        with get_db().transaction(write=False) as session:
            count, until, names = held_elsewhere(session, now=now, wall=wall, me=worker_id())
    except OperationalError:
        return ""
    if not count:
        return ""
    when = format_time(local(until)) if local(until).date() == local(wall).date() else format_date_time(until)
    who = f" ({', '.join(names[:3])}{' …' if len(names) > 3 else ''})" if names else ""
    return (f"{count_words(count, 'meddelande', 'meddelanden')} hålls av ett annat utskick{who} till {when}: "
            f"det skickar dem, och har det stannat skickas de av första svepet efter {format_time(local(until))}.")


def report(result: SweepResult, now: datetime) -> None:
    """Print a sweep's result; exit non-zero when its work could not all be recorded."""
    for error in result.errors:
        click.echo(f"fel: {error}", err=True)
    click.echo(result.line())
    for line in (taken_back_text(result), held_text(now)):
        if line:
            click.echo(line)
    if result.relay_down or result.stopped:
        waiting = waiting_text(now)
        if result.relay_down:
            click.echo(f"fel: e-posten går inte att skicka: {result.relay_down}. {waiting} väntar och skickas "
                       "när det går igen.", err=True)
        else:
            click.echo(f"avbrutet: {waiting} väntar till nästa svep.", err=True)
    if result.problem:
        _fail(result.problem)


@click.group("reminders")
def reminders_group():
    """Påminnelser och utkorgen (e-post)."""


@reminders_group.command("run")
@click.option("--now", "now_text", default=None, metavar="TIDPUNKT",
              help="Kör mot den skarpa databasen som om klockan vore TIDPUNKT (t.ex. 2026-12-14T07:30, "
              "Stockholmstid): det som då är förfallet skickas på riktigt och sparas som skickat. Standard: nu. En "
              "tidpunkt framåt i tiden hör hemma i en kopia av databasen; markeringar som klockan inte har nått tar "
              "nästa svep tillbaka.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 16), metavar="ANTAL",
              help="Skicka med så många processer samtidigt, var och en med sin egen SMTP-anslutning.")
@with_appcontext
def run_command(now_text, workers):
    """Skicka varje påminnelse som ska skickas nu, en gång, och avsluta."""
    now = parse_moment_option(now_text, "--now") or utcnow()
    warn_default_base_url()
    with exit_promptly():
        try:
            with stop_on_signals() as stop:
                if workers > 1:
                    result = sweep_in_processes(current_app._get_current_object(), now=now, workers=workers,
                                                worker_id=worker_id(), stop=stop)
                else:
                    result = run_sweep(now, stop)
        except SweepError as exc:
            _fail(str(exc))
        report(result, now)


@reminders_group.command("list")
@click.option("--status", default=None, help="Bara rader med denna status: pending (väntar), sent (skickad), failed (misslyckad), "
              "cancelled (stoppad) …")
@click.option("--limit", default=50, show_default=True, help="Högst så många av de senaste raderna.")
@with_appcontext
def list_command(status, limit):
    """Visa om e-post kan skickas, hur många rader som har varje status och de senaste raderna."""
    with database_errors_in_swedish(), get_db().transaction(write=False) as session:
        outage = relay.outage_text(relay.get(session))
        counts = dict(session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())
        stmt = select(OutboxMessage).order_by(OutboxMessage.due_at.desc(), OutboxMessage.id.desc()).limit(limit)
        if status:
            stmt = stmt.where(OutboxMessage.status == status)
        rows = session.exec(stmt).all()
        claimed = claimed_text(session, wall=utcnow())
        waits = claim.held_back(session, [r.id for r in rows if r.status == OutboxStatus.pending.value])
    if outage:
        click.echo(outage)
    if counts:
        click.echo(", ".join(f"{STATUS_WORDS.get(s.value, s.value)}: {counts[s.value]}" for s in OutboxStatus
                             if counts.get(s.value)))
    if claimed:
        click.echo(claimed)
    if not rows:
        click.echo("Utkorgen är tom." if not counts else "Inga rader med den statusen.")
    for row in rows:
        click.echo(f"{row.id:>6}  {OutboxStatus(row.status).label.lower():<16} {local(row.due_at):%Y-%m-%d %H:%M}  "
                   f"remiss {row.remiss_id or '-':<6} {row.recipient_email}  försök {row.attempts}  "
                   + row_label(row.kind, row.key)
                   + (f"  senaste försöket {local(row.claimed_at):%Y-%m-%d %H:%M}"
                      if row.status == OutboxStatus.failed.value and row.claimed_at else "")
                   + (f"  {row.last_error[:80]}" if row.last_error else "")
                   + (f"  {waits[row.id]}" if row.id in waits else ""))


@reminders_group.command("resend")
@click.argument("ids", nargs=-1, type=int, metavar="[ID]...")
@click.option("--failed", "all_failed", is_flag=True, help="Alla misslyckade meddelanden.")
@click.option("--since", "since_text", default=None, metavar="TIDPUNKT",
              help="Med --failed: bara de som senast prövades vid eller efter denna tidpunkt.")
@with_appcontext
def resend_command(ids, all_failed, since_text):
    """Lägg misslyckade meddelanden (ID eller --failed) i kön igen till nästa svep (stoppade skickas inte igen)."""
    since = parse_moment_option(since_text, "--since")
    if not ids and not all_failed:
        raise click.UsageError("Ange meddelandenas id eller --failed.")
    if since and not all_failed:
        raise click.UsageError("--since gäller tillsammans med --failed.")
    now = utcnow()
    count = 0
    with database_errors_in_swedish(), get_db().transaction() as session:
        if all_failed:
            count += resend_failed(session, now=now, actor_id=None, since=since)
        for row_id in ids:
            try:
                resend(session, now=now, row_id=row_id, actor_id=None)
                count += 1
            except ValueError as exc:
                click.echo(f"fel: {row_id}: {exc}", err=True)
    click.echo(f"{count_words(count, 'meddelande', 'meddelanden')} skickas igen vid nästa svep.")


def run_once(now: datetime) -> None:
    """One sweep at now in this process, reported as `reminders run` does (`remiss scheduler --once`)."""
    try:
        with stop_on_signals() as stop:
            result = run_sweep(now, stop)
    except SweepError as exc:
        _fail(str(exc))
    report(result, now)


from remiss.reminders.scheduler import scheduler_command  # noqa: E402 (it uses this module's helpers)

COMMANDS = [reminders_group, scheduler_command]
