"""One sweep in several processes: each claims its own batches under its own fencing token and sends
them over its own SMTP connection, and their counts are added up.

The design already lets many sweepers work at once without sending a row twice (claim.py, lease.py);
this only starts them together. Building a mail with the standard library takes more processor time
than the relay needs to take it, and Python builds mails one at a time per process, so on a machine
with cores to spare several processes send more mail a second than one.

What a crash costs is per process: each marks every accepted mail before it hands over its next one,
so a process killed loses at most the one mail it was handing over. `kill -9` of the parent leaves the
workers to finish their sweep and record it; a crash that kills every process (a power cut, the OOM
killer taking the whole service) can repeat one mail per worker.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from dataclasses import replace
from datetime import datetime
from multiprocessing.connection import wait

from flask import Flask

from remiss.db import get_db
from remiss.reminders import holder
from remiss.reminders.claim import Settings
from remiss.reminders.report import SweepError, SweepResult

WORKER_BATCH = 100  # rows a worker claims at a time


def _worker(app: Flask, now: datetime, worker_id: str, stop: threading.Event, results) -> None:
    """A worker's sweep; its result (or why it could not run) goes back to the parent."""
    from remiss.reminders.delivery import sweep

    # The parent passes SIGTERM and SIGINT on, and Ctrl+C reaches every worker itself: either asks the sweep
    # to stop after the mail in hand (a second signal must not end a worker in the middle of a mail).
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: stop.set())
    # Small claims, so that the workers run out of due rows together rather than one sending the last batch alone.
    settings = replace(Settings.from_config(app.config), batch=min(WORKER_BATCH, int(app.config.get("OUTBOX_BATCH", 500))))
    with app.app_context():
        try:
            # Each worker holds its claims itself: a worker killed is proved gone while the parent runs.
            outcome: SweepResult | str = sweep(get_db(), now=now, worker_id=holder.current().text,
                                               settings=settings, stop=stop)
        except SweepError as exc:
            outcome = str(exc)
    results.send(outcome)
    results.close()


def sweep_in_processes(app: Flask, *, now: datetime, workers: int, worker_id: str,
                       stop: threading.Event) -> SweepResult:
    """Run one sweep in `workers` processes (forked from this one) and add up what they did.

    stop (set by the caller's signal handler) is passed on to every worker, which then finishes and
    records the mail in hand and hands the rest of its claim back. Raise SweepError when none could run.
    """
    get_db().dispose()  # each worker opens its own database connections
    context = multiprocessing.get_context("fork")
    processes, readers = [], {}
    for n in range(workers):
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_worker, args=(app, now, worker_id, stop, writer), name=f"utkorg-{n + 1}")
        process.start()
        writer.close()
        processes.append(process)
        readers[reader] = process
    outcomes: list[SweepResult | str] = []
    passed_on = False
    waiting = set(readers)
    while waiting:
        for reader in wait(list(waiting), timeout=0.2):
            try:
                outcomes.append(reader.recv())
            except EOFError:  # the worker died before it could say what it did
                pass
            waiting.discard(reader)
        if stop.is_set() and not passed_on:
            for process in processes:
                if process.is_alive():
                    os.kill(process.pid, signal.SIGTERM)
            passed_on = True
    for process in processes:
        process.join()
    total = SweepResult()
    errors = [outcome for outcome in outcomes if isinstance(outcome, str)]
    for outcome in outcomes:
        if isinstance(outcome, SweepResult):
            total.add(outcome)
    if errors and len(errors) == workers:
        raise SweepError(errors[0])
    total.errors.extend(errors)
    lost = [p for p in processes if p.exitcode != 0]
    if lost:
        total.problem = " ".join(filter(None, [total.problem, (
            f"{len(lost)} av {workers} arbetsprocesser avslutades oväntat (kod "
            f"{', '.join(str(p.exitcode) for p in lost)}); det de hann skicka är registrerat, och ett meddelande "
            "per process kan komma fram en gång till.")]))
    return total
