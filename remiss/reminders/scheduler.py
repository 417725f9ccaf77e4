"""`remiss scheduler`: the long-running process that sweeps the outbox, polls the Inkorg's mailbox and keeps the
outgoing remisser current, each job on its own interval (APScheduler).

Its log is Remiss's own, in Swedish and Swedish time: APScheduler's logger is quieted to WARNING (its English
start-up lines said nothing the operator needs). A job that fails says so in one line – which job, why, that it
tries again at its next run – and the process goes on: a database that goes away and comes back costs the runs
in between, nothing more.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from remiss.calendar.swedish import count_words
from remiss.clock import STOCKHOLM
from remiss.db import get_db, utcnow
from remiss.db_errors import reason, schema_message, schema_missing, unreachable
from remiss.reminders.report import SweepError

log = logging.getLogger("remiss.scheduler")


class SwedishTimeFormatter(logging.Formatter):
    """The scheduler's log in Swedish time with its offset (2026-12-03 21:44:57,123+0100): the clock of the
    outbox page, of `reminders list` and of --now/--since, whatever zone the host runs in (UTC on most
    servers), so that a log line and the page's "sedan kl. 21.44" are the same moment without arithmetic."""

    def formatTime(self, record, datefmt=None):
        moment = datetime.fromtimestamp(record.created, STOCKHOLM)
        return f"{moment:%Y-%m-%d %H:%M:%S},{int(record.msecs):03d}{moment:%z}"


def log_in_swedish_time() -> None:
    """INFO and up to standard error, every line stamped by SwedishTimeFormatter (and only so: not also by the
    handler Flask gives the app's "remiss" logger for the web)."""
    from flask.logging import default_handler

    logging.getLogger("remiss").removeHandler(default_handler)
    handler = logging.StreamHandler()
    handler.setFormatter(SwedishTimeFormatter("%(asctime)s %(name)s %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def _not_a_skipped_run(record: logging.LogRecord) -> bool:
    return "maximum number of running instances reached" not in record.getMessage()


def quiet_apscheduler() -> None:
    """APScheduler's INFO lines ("Adding job tentatively …", "Scheduler started", two lines per run) are not
    logged: Remiss says in Swedish what started and what each run did. Its warnings still are, but for one: a
    sweep longer than the interval made it warn once per interval that it skipped a run, harmless (the running
    sweep goes on, the next starts after it), and a false alert for whoever alerts on WARNING."""
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    scheduler_log = logging.getLogger("apscheduler.scheduler")
    if _not_a_skipped_run not in scheduler_log.filters:
        scheduler_log.addFilter(_not_a_skipped_run)


def every(seconds: int) -> str:
    """"var 10:e sekund", "varje timme": how often a job runs, as `--list` and the log say it."""
    return "varje timme" if seconds == 3600 else f"var {seconds}:e sekund"


@dataclass
class Job:
    """One of the scheduler's jobs: what it is called in the log and how often it runs."""

    id: str
    name: str
    seconds: int
    work: Callable[[], None]  # runs in the app's context; raises what went wrong
    failing: bool = False  # its last run failed: the next good one says so

    def run(self, app: Flask) -> None:
        """Run once; a failure is one line in the log, and the next run tries again."""
        try:
            with app.app_context():
                self.work()
        except Exception as exc:  # noqa: BLE001 - one failed run must never end the process
            self.failing = True
            cause = exc.__cause__ if isinstance(exc, SweepError) and exc.__cause__ is not None else exc
            again = f"Försöker igen vid nästa körning (jobbet körs {every(self.seconds)})."
            if unreachable(cause):
                log.warning("%s: %s %s", self.name, reason(app.config["DATABASE_URL"], cause), again)
            elif schema_missing(cause):
                log.error("%s: %s. %s", self.name, schema_message(cause), again)
            elif isinstance(exc, SweepError):
                log.warning("%s: %s %s", self.name, exc, again)
            else:  # a fault in Remiss: the traceback is for whoever fixes it
                log.exception("%s: oväntat fel. %s", self.name, again)
            return
        if self.failing:
            self.failing = False
            log.info("%s: körs som vanligt igen.", self.name)


def sweep_work(stop: threading.Event) -> Callable[[], None]:
    """The outbox sweep: send what is due, and say what was sent and what stops it."""
    from remiss.reminders.cli import run_sweep, taken_back_text, waiting_text

    def work() -> None:
        if stop.is_set():
            return
        result = run_sweep(stop=stop)
        if result.sent or result.failed or result.retrying or result.skipped:
            log.info("%s", result.line())
        if result.taken_back:
            log.info("%s", taken_back_text(result))
        if result.relay_down:
            log.warning("E-posten går inte att skicka: %s (%s väntar)", result.relay_down, waiting_text(utcnow()))
        if result.problem:
            log.error("%s", result.problem)
    return work


def inbox_work() -> None:
    """The registrator's mailbox into the Inkorg (remiss.intake.scheduled); a mailbox error is one line."""
    from remiss.intake.mailbox import MailboxError
    from remiss.intake.scheduled import poll_mailbox

    try:
        result = poll_mailbox(get_db(), current_app.config, now=utcnow())
    except MailboxError as exc:
        log.warning("%s", exc)
        return
    if result.new or result.problems:
        log.info("%s", result.line())


def outgoing_work() -> None:
    """Outgoing remisser whose svarstid ran out become "svarstiden ute", and their chasers are planned."""
    from remiss.outgoing.service.lifecycle import keep_current

    moved, added = keep_current(get_db(), now=utcnow())
    if moved or added:
        log.info("Utgående remisser: %d bytte status, %d påminnelser planerade.", moved, added)


def jobs(config, stop: threading.Event) -> list[Job]:
    interval = int(config.get("SCHEDULER_INTERVAL_SECONDS", 60))
    made = [Job("reminders-sweep", "Påminnelser: svep utkorgen", interval, sweep_work(stop))]
    if config.get("IMAP_URL"):
        made.append(Job("inbox-poll", "Inkorgen: hämta ny e-post", int(config.get("IMAP_INTERVAL_SECONDS", 300)),
                        inbox_work))
    made.append(Job("outgoing-hourly", "Utgående remisser: svarstid och påminnelser", 3600, outgoing_work))
    return made


def run_scheduler(app: Flask) -> None:
    """Run every job at once, then on its interval, until SIGTERM or Ctrl+C."""
    from apscheduler.schedulers.background import BackgroundScheduler

    from remiss.reminders.cli import exit_promptly, stop_on_signals

    log_in_swedish_time()
    quiet_apscheduler()
    with exit_promptly(), stop_on_signals() as stop:
        scheduler = BackgroundScheduler(timezone="Europe/Stockholm")
        planned = jobs(app.config, stop)
        for job in planned:
            scheduler.add_job(job.run, "interval", args=[app], seconds=job.seconds, id=job.id, name=job.name,
                              max_instances=1, coalesce=True, misfire_grace_time=job.seconds,
                              next_run_time=datetime.now(STOCKHOLM))
        click.echo(f"Schemaläggaren körs: svep {every(planned[0].seconds)}. Avsluta med Ctrl+C.")
        log.info("Schemaläggaren startad med %s: %s.", count_words(len(planned), "jobb", "jobb"),
                 "; ".join(f"{job.name} ({every(job.seconds)})" for job in planned))
        scheduler.start()
        while not stop.wait(0.5):
            pass
        # The sweep in progress stops after the mail in hand (it watches the same event); wait for it.
        scheduler.shutdown(wait=True)
        log.info("Schemaläggaren avslutad.")


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Kör ett svep och avsluta.")
@click.option("--list", "list_jobs", is_flag=True, help="Visa schemalagda jobb och avsluta.")
@with_appcontext
def scheduler_command(once, list_jobs):
    """Kör schemaläggaren för påminnelser (en egen process, aldrig i webbserverns processer)."""
    from remiss.reminders.cli import exit_promptly, run_once, warn_default_base_url

    app = current_app._get_current_object()
    if list_jobs:
        for job in jobs(app.config, threading.Event()):
            click.echo(f"{job.id:<16} {job.name}  {every(job.seconds)}")
        return
    warn_default_base_url()
    if once:
        with exit_promptly():
            run_once(utcnow())
        return
    run_scheduler(app)
