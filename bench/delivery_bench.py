"""Reminder delivery against its physical limit: a sweep to a local aiosmtpd, and a bare smtplib loop.

python bench/delivery_bench.py [--due 10000] [--database-url URL] [--rounds 2] [--relay-latency-ms MS] [--workers N]
                               [--json]

Both sides send the same mails to the same aiosmtpd (its Sink handler, in a process of its own):
the sweep claims, builds, sends and marks each row one by one, as `remiss reminders run` does; the
loop sends the sweep's messages, built beforehand and serialised, over one smtplib connection. The
ratio of their rates (sweep / loop) is what the reminders cost beyond the relay; goal ≥ 0.8.
Without --database-url a temporary SQLite file; a PostgreSQL URL names a database whose schema is
DROPPED and rebuilt. The two are measured alternately, `rounds` times each, best of each kept.
Beside the rates, the processor time per mail of the sweep (with its workers), of the loop and of the relay:
figures that do not depend on what else the machine runs, where the rates do. --json prints one JSON object
(what `make bench` reads, bench/suites.py) instead of the Markdown table.
--relay-latency-ms makes the relay answer each mail's data that much later, as a relay across a network
that writes its queue to disk does (aiosmtpd on localhost answers within a fraction of a millisecond).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class SlowSink:
    """aiosmtpd's Sink that answers each mail's data after a latency (in ms, its one CLI argument)."""

    def __init__(self, latency_ms: float):
        self.latency = latency_ms / 1000

    @classmethod
    def from_cli(cls, parser, latency_ms: str = "0"):
        return cls(float(latency_ms))

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.latency)
        return "250 OK"


def cpu_seconds() -> float:
    """Processor time of this process and of its children that have ended (the sweep's workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def relay_cpu_seconds(relay: subprocess.Popen) -> float | None:
    """Processor time the relay has used so far (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{relay.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Measured:
    """Mails per second of one side, and the processor time per mail it and the relay used (ms)."""

    def __init__(self, relay: subprocess.Popen, mails: int):
        self.relay, self.mails = relay, mails

    def __enter__(self):
        self.started, self.cpu, self.relay_cpu = time.perf_counter(), cpu_seconds(), relay_cpu_seconds(self.relay)
        return self

    def __exit__(self, *exc):
        self.rate = self.mails / (time.perf_counter() - self.started)
        self.cpu_ms = (cpu_seconds() - self.cpu) * 1000 / self.mails
        relay_cpu = relay_cpu_seconds(self.relay)
        self.relay_ms = None if relay_cpu is None else (relay_cpu - self.relay_cpu) * 1000 / self.mails


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_relay(port: int, latency_ms: float = 0) -> subprocess.Popen:
    handler = ["bench.delivery_bench.SlowSink", str(latency_ms)] if latency_ms else ["aiosmtpd.handlers.Sink"]
    relay = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", *handler],
                             cwd=ROOT)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return relay
        except OSError:
            if time.monotonic() > deadline:
                relay.kill()
                raise SystemExit("aiosmtpd did not start")
            time.sleep(0.1)


def prepare(url: str, due: int):
    """An app on a fresh schema with 100 remisser and `due` notices due an hour ago."""
    from sqlalchemy import delete, text

    from remiss import create_app
    from remiss.auth.access import Principal
    from bench.generate import rebuild_schema
    from remiss.db import utcnow
    from remiss.namnd import service as namnd_service
    from remiss.reminders.models import OutboxMessage
    from remiss.remisser import service
    from remiss.remisser.input import RemissData

    rebuild_schema(url)
    tmp = Path(tempfile.mkdtemp())
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"), "SECRET_KEY": "bench",
                      "MAIL_DIR": str(tmp / "mail"), "BASE_URL": "http://remiss.bench"})
    db = app.extensions["remiss_db"]
    now = utcnow()
    with app.app_context(), db.transaction() as s:
        namnd = namnd_service.create(s, now=now, actor_id=None, name="Kulturnämnden", short_name="KN",
                                     organisation="Kommunen", forvaltning="Kulturförvaltningen",
                                     email="kultur@example.se", dnr_prefix="KN", weekly_digest=False)
        ids = [service.register(s, now=now, principal=Principal.system(),
                                data=RemissData(title=f"Remiss om kulturstrategi {n}", namnd_id=namnd.id,
                                                remittent="Kommunstyrelsen", sender_dnr=f"KS-2026-{n:05d}")).id
               for n in range(100)]
        s.execute(text("UPDATE remiss SET reminders_planned_until = :never"), {"never": "9999-12-31"})
        s.execute(delete(OutboxMessage))
    return app, db, ids, now


def fill(db, ids: list[int], due: int, now, round_no: int) -> None:
    from sqlalchemy import delete, insert

    from remiss.reminders import policy
    from remiss.reminders.models import OutboxMessage
    from remiss.reminders.outbox import message_id_for

    at = now - timedelta(hours=1)
    rows = [dict(key=f"bench:{round_no}:{n}", remiss_id=ids[n % len(ids)], recipient_email=f"mottagare{n}@example.se",
                 kind=policy.ASSIGNED, due_at=at, status="pending", attempts=0, next_attempt_at=at, claimed_by="",
                 last_error="", message_id=message_id_for(f"bench:{round_no}:{n}"), subject="", payload="{}",
                 created_at=at) for n in range(due)]
    with db.transaction() as s:
        s.execute(delete(OutboxMessage))
        s.execute(insert(OutboxMessage.__table__), rows)


def prebuilt(app, db, now) -> list[tuple[str, str, bytes]]:
    """The due rows' mails, built as the sweep builds them, serialised: (from, to, bytes)."""
    from email.utils import parseaddr

    from remiss.reminders.claim import Settings, take_due
    from remiss.reminders.mail import compose

    with app.app_context():
        session = db.session()
        try:
            batch = take_due(session, now=now, worker_id="bench", settings=Settings(batch=10**7))
            mails = []
            for row in batch.rows:
                message = compose(session, row, config=app.config, now=now,
                                  remiss=batch.loaded.remisser.get(row.remiss_id))
                mails.append((parseaddr(message["From"])[1], row.recipient_email, message.as_bytes()))
        finally:
            session.rollback()  # the rows stay due for the sweep
            session.close()
    return mails


def bare_loop(relay: subprocess.Popen, port: int, mails) -> Measured:
    with Measured(relay, len(mails)) as measured:
        client = smtplib.SMTP("127.0.0.1", port)
        for sender, recipient, data in mails:
            client.sendmail(sender, [recipient], data)
        client.quit()
    return measured


def swept(app, db, relay: subprocess.Popen, now, due: int, workers: int) -> Measured:
    """The sweep `remiss reminders run [--workers N]` runs, to the relay named by SMTP_URL."""
    from remiss.reminders.delivery import sweep
    from remiss.reminders.workers import sweep_in_processes

    with app.app_context(), Measured(relay, due) as measured:
        if workers > 1:
            result = sweep_in_processes(app, now=now, workers=workers, worker_id="bench", stop=threading.Event())
        else:
            result = sweep(db, now=now, worker_id="bench")
    if result.sent != due:
        raise SystemExit(f"the sweep sent {result.sent} of {due}: {result.relay_down or result.problem}")
    return measured


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--database-url")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--relay-latency-ms", type=float, default=0.0)
    parser.add_argument("--workers", type=int, default=1, help="as remiss reminders run --workers")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of the Markdown table")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp())
    url = args.database_url or f"sqlite:///{tmp / 'delivery.db'}"
    app, db, ids, now = prepare(url, args.due)
    port = free_port()
    relay = start_relay(port, args.relay_latency_ms)
    app.config.update(SMTP_URL=f"smtp://127.0.0.1:{port}", OUTBOX_SWEEP_BUDGET_SECONDS=3600)
    sweeps, loops = [], []
    try:
        for round_no in range(args.rounds):
            fill(db, ids, args.due, now, round_no)
            mails = prebuilt(app, db, now)
            loops.append(bare_loop(relay, port, mails))
            sweeps.append(swept(app, db, relay, now, args.due, args.workers))
    finally:
        relay.terminate()
        relay.wait(10)
        db.dispose()
    figures = summary(url, args, sweeps, loops)
    print(json.dumps(figures) if args.json else "\n".join(markdown(figures)))


def summary(url: str, args, sweeps: list[Measured], loops: list[Measured]) -> dict:
    """Rates and ratio (best of the rounds), and processor time per mail (least of the rounds: a load-insensitive
    figure, where the rates depend on what else the machine runs)."""
    relay = [m.relay_ms for m in sweeps + loops if m.relay_ms is not None]
    return {"database": url.split(":")[0], "due": args.due, "rounds": args.rounds, "workers": args.workers,
            "relay_latency_ms": args.relay_latency_ms, "sweep_rate": max(m.rate for m in sweeps),
            "loop_rate": max(m.rate for m in loops), "sweep_cpu_ms": min(m.cpu_ms for m in sweeps),
            "loop_cpu_ms": min(m.cpu_ms for m in loops), "relay_cpu_ms": min(relay) if relay else None,
            "load": os.getloadavg()[0]}


HEADER = ["| reminder delivery to a local aiosmtpd | sweep mails/s | bare smtplib mails/s | ratio | goal | "
          "sweep CPU ms/mail | bare loop CPU ms/mail | relay CPU ms/mail |",
          "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |"]


def row(f: dict) -> str:
    """One Markdown row of a summary (bench/suites.py puts several in one table)."""
    workers = f", `--workers {f['workers']}`" if f["workers"] > 1 else ", one process"
    latency = f", relay latency {f['relay_latency_ms']:g} ms" if f["relay_latency_ms"] else ""
    relay = "–" if f["relay_cpu_ms"] is None else f"{f['relay_cpu_ms']:.2f}"
    verdict = "PASS" if f["sweep_rate"] / f["loop_rate"] >= 0.8 else "FAIL"
    return (f"| {f['due']:,} due ({f['database']}{workers}{latency}), each marked sent before the next | "
            f"{f['sweep_rate']:.0f} | {f['loop_rate']:.0f} | {f['sweep_rate'] / f['loop_rate']:.2f} | ≥ 0.8 {verdict} | "
            f"{f['sweep_cpu_ms']:.2f} | {f['loop_cpu_ms']:.2f} | {relay} |")


def markdown(f: dict) -> list[str]:
    return [f"{f['database']}, {f['due']:,} due, best of {f['rounds']}; load average {f['load']:.2f} at the end",
            *HEADER, row(f)]


if __name__ == "__main__":
    main()
