"""`remiss reminders run|list` and `remiss scheduler`: the outbox from cron or its own process."""
from __future__ import annotations

import logging
import os
import signal
import socket

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlmodel import select

from remiss.clock import local, parse_iso_moment
from remiss.db import get_db, utcnow
from remiss.reminders.delivery import SweepError, sweep
from remiss.reminders.models import OutboxMessage

log = logging.getLogger("remiss.scheduler")


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_sweep(now=None):
    """One sweep at now (the wall clock when None); return the result or raise SweepError."""
    return sweep(get_db(), now=now or utcnow(), worker_id=worker_id())


@click.group("reminders")
def reminders_group():
    """Påminnelser och utkorgen (e-post)."""


@reminders_group.command("run")
@click.option("--now", "now_text", default=None, metavar="ISO_DATETIME",
              help="Kör som om klockan vore detta (t.ex. 2026-12-14T07:30, Stockholmstid).")
@with_appcontext
def run_command(now_text):
    """Send every reminder due at that moment, once, and exit."""
    try:
        now = parse_iso_moment(now_text) if now_text else utcnow()
    except ValueError:
        raise click.BadParameter("Ange tidpunkten som ÅÅÅÅ-MM-DDTHH:MM.", param_hint="--now")
    try:
        result = run_sweep(now)
    except SweepError as exc:
        raise click.ClickException(str(exc))
    for error in result.errors:
        click.echo(f"fel: {error}", err=True)
    click.echo(result.line())


@reminders_group.command("list")
@click.option("--status", default=None, help="Bara rader med denna status (pending, sent, failed …).")
@click.option("--limit", default=50, show_default=True)
@with_appcontext
def list_command(status, limit):
    """Show pending, sent and failed outbox rows."""
    with get_db().transaction(write=False) as session:
        stmt = select(OutboxMessage).order_by(OutboxMessage.due_at.desc(), OutboxMessage.id.desc()).limit(limit)
        if status:
            stmt = stmt.where(OutboxMessage.status == status)
        rows = session.exec(stmt).all()
    if not rows:
        click.echo("Utkorgen är tom.")
    for row in rows:
        click.echo(f"{row.id:>6}  {row.status:<10} {local(row.due_at):%Y-%m-%d %H:%M}  {row.kind:<10} "
                   f"remiss {row.remiss_id or '-':<6} {row.recipient_email}  försök {row.attempts}"
                   + (f"  {row.last_error[:80]}" if row.last_error else ""))


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Kör ett svep och avsluta.")
@click.option("--list", "list_jobs", is_flag=True, help="Visa schemalagda jobb och avsluta.")
@with_appcontext
def scheduler_command(once, list_jobs):
    """Run the reminder scheduler (its own process; never inside web workers)."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    app = current_app._get_current_object()
    interval = int(app.config.get("SCHEDULER_INTERVAL_SECONDS", 60))

    def job():
        with app.app_context():
            try:
                result = run_sweep()
            except SweepError as exc:
                log.warning("%s", exc)
                return
            if result.sent or result.failed or result.skipped:
                log.info("%s", result.line())

    scheduler = BlockingScheduler(timezone="Europe/Stockholm")
    scheduler.add_job(job, "interval", seconds=interval, id="reminders-sweep", name="Påminnelser: svep utkorgen",
                      max_instances=1, coalesce=True, misfire_grace_time=interval)
    if list_jobs:
        click.echo(f"reminders-sweep  Påminnelser: svep utkorgen  var {interval}:e sekund")
        return
    if once:
        try:
            click.echo(run_sweep().line())
        except SweepError as exc:
            raise click.ClickException(str(exc))
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # APScheduler logs two lines per run at INFO; the sweep logs what it sent, and failures still show.
    logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
    # SIGTERM (kill, systemctl stop, docker stop) stops like Ctrl+C: the sweep in progress is finished, not cut.
    signal.signal(signal.SIGTERM, _stop)
    click.echo(f"Schemaläggaren körs: svep var {interval}:e sekund. Avsluta med Ctrl+C.")
    job()
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass


def _stop(signum, frame):
    raise SystemExit(0)


COMMANDS = [reminders_group, scheduler_command]
