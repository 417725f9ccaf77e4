#!/usr/bin/env python3
"""Scale-out smoke test: two gunicorn instances and two schedulers on one PostgreSQL, mail to a local SMTP server.

Does what docs/deploy.md tells a new user to try by hand, end to end, and prints PASS or FAIL with counts:

  1. creates a throwaway database (or uses --database-url), `remiss migrate`, `remiss demo-data`;
  2. starts an SMTP server on localhost (aiosmtpd) that stores every message under the work directory;
  3. starts `gunicorn -c deploy/gunicorn.conf.py` twice (two ports) and `remiss scheduler` twice;
  4. logs in on one instance and, with the same session cookie, registers remisser through the web forms of
     both instances and assigns a handläggare on the other one (the "tilldelad" notice is due at once);
  5. waits until the schedulers have sent every due row; then makes the tidplan reminders fall due by two
     concurrent `remiss reminders run --now <a later working day>` while the schedulers keep running;
  6. compares the outbox with what the SMTP server received (X-Remiss-Outbox-Id, Message-ID): every sent row
     arrived exactly once, nothing arrived that is not a sent row, and nothing due is left.

Run from a checkout with the virtualenv (needs aiosmtpd: `pip install -e '.[test]'`):

    .venv/bin/python deploy/smoke_test.py
    .venv/bin/python deploy/smoke_test.py --database-url postgresql+psycopg://remiss:PW@localhost/remiss_smoke

Without --database-url a database `remiss_smoke_<random>` is created through --admin-url (a role with CREATEDB)
and dropped afterwards unless --keep. Exit status 0 on PASS, 1 on FAIL.
"""
from __future__ import annotations

import argparse
import collections
import email
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STOCKHOLM = ZoneInfo("Europe/Stockholm")
PASSWORD = "remiss-demo-2026"  # remiss demo-data
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class MailStore:
    """aiosmtpd handler: write each message to DIR/NNNNN.eml and remember its outbox id and Message-ID."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.received: list[tuple[str, str, str]] = []  # (X-Remiss-Outbox-Id, Message-ID, X-Remiss-Kind)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            self.received.append((message.get("X-Remiss-Outbox-Ids") or message.get("X-Remiss-Outbox-Id", ""),
                                  message.get("Message-ID", ""),
                                  message.get("X-Remiss-Kind", "")))
            (self.directory / f"{len(self.received):05d}.eml").write_bytes(envelope.content)
        return "250 2.0.0 OK"


class Browser:
    """A cookie-keeping HTTP client; one login serves every instance (signed session cookie, same secret)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url: str) -> tuple[str, str]:
        with self.opener.open(url, timeout=30) as response:
            return response.geturl(), response.read().decode()

    def post(self, url: str, data: dict) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(url, body, timeout=30) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, url, exc.read().decode(errors="replace")

    def submit(self, page_url: str, action_url: str, data: dict) -> tuple[int, str, str]:
        """Fetch the page for its CSRF token, then post the form."""
        _, html = self.get(page_url)
        return self.post(action_url, {"csrf_token": CSRF.search(html).group(1), **data})


def options(html: str, select_name: str) -> list[tuple[str, str]]:
    block = re.search(rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', html, re.S)
    return [(v, t.strip()) for v, t in re.findall(r'<option[^>]*value="([^"]*)"[^>]*>([^<]*)', block.group(1)) if v]


def later_workday_moment(days: int) -> datetime:
    """07.30 Stockholm on the first Tuesday–Thursday at least `days` ahead (never a Swedish holiday week-end)."""
    day = date.today() + timedelta(days=days)
    while day.weekday() not in (1, 2, 3) or (day.month, day.day) in {(12, 24), (12, 25), (12, 26), (12, 31)}:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 7, 30, tzinfo=STOCKHOLM)


class Run:
    def __init__(self, args):
        self.args = args
        self.work = Path(args.workdir or tempfile.mkdtemp(prefix="remiss-smoke-"))
        self.procs: list[tuple[str, subprocess.Popen, Path]] = []  # running; checked for unexpected exits
        self.procs_all: list[tuple[str, subprocess.Popen, Path]] = []
        self.created_db = None
        self.smtp = None
        self.failures: list[str] = []

    # -- set-up -------------------------------------------------------------------------------------------
    def database(self) -> str:
        if self.args.database_url:
            return self.args.database_url
        from sqlalchemy import create_engine, text

        name = f"remiss_smoke_{secrets.token_hex(4)}"
        engine = create_engine(self.args.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        self.created_db = name
        return engine.url.set(database=name).render_as_string(hide_password=False)

    def start_smtp(self) -> None:
        from aiosmtpd.controller import Controller

        (self.work / "mail").mkdir(parents=True, exist_ok=True)
        self.store = MailStore(self.work / "mail")
        # named, so aiosmtpd does not look up this host's name in DNS for every connection
        self.smtp = Controller(self.store, hostname="127.0.0.1", port=self.args.smtp_port, server_hostname="smtp.test")
        self.smtp.start()

    def env(self, url: str) -> dict:
        return {**os.environ, "REMISS_DATABASE_URL": url, "REMISS_SECRET_KEY": secrets.token_hex(32),
                "REMISS_SMTP_URL": f"smtp://127.0.0.1:{self.args.smtp_port}",
                "REMISS_INSTANCE_PATH": str(self.work / "instance"), "REMISS_FILES_DIR": str(self.work / "files"),
                "REMISS_BASE_URL": f"http://127.0.0.1:{self.args.ports[0]}",
                "REMISS_SCHEDULER_INTERVAL_SECONDS": str(self.args.interval)}

    def command(self, env: dict, *argv: str) -> str:
        done = subprocess.run([str(BIN / "remiss"), *argv], env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
        if done.returncode != 0:
            raise SystemExit(f"FAIL: remiss {' '.join(argv)} exited {done.returncode}:\n{done.stderr[-2000:]}")
        return done.stdout

    def spawn(self, name: str, env: dict, argv: list[str]) -> subprocess.Popen:
        log = self.work / f"{name}.log"
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
                                start_new_session=True)
        self.procs.append((name, proc, log))
        self.procs_all.append((name, proc, log))
        return proc

    def wait_http(self, base: str, deadline: float) -> None:
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                urllib.request.urlopen(base + "/logga-in", timeout=5).close()
                return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"FAIL: {base} did not answer")

    def check_alive(self) -> None:
        for name, proc, log in self.procs:
            if proc.poll() is not None:
                raise SystemExit(f"FAIL: {name} exited {proc.returncode}:\n{log.read_text()[-2000:]}")

    # -- the walkthrough ----------------------------------------------------------------------------------
    def register_and_assign(self) -> list[int]:
        bases = [f"http://127.0.0.1:{p}" for p in self.args.ports]
        browser = Browser()
        status, url, _ = browser.submit(bases[0] + "/logga-in", bases[0] + "/logga-in",
                                        {"email": self.args.user, "password": PASSWORD})
        if url.endswith("/logga-in"):
            raise SystemExit(f"FAIL: could not log in as {self.args.user} on {bases[0]}")
        ids = []
        today = date.today()
        for n in range(self.args.remisser * len(bases)):
            here, there = bases[n % len(bases)], bases[(n + 1) % len(bases)]
            _, form = browser.get(here + "/remisser/ny")
            namnd_id = options(form, "namnd_id")[n % len(options(form, "namnd_id"))][0]
            status, url, page = browser.post(here + "/remisser/ny", {
                "csrf_token": CSRF.search(form).group(1), "title": f"Röktest {n + 1}: remiss via {here}",
                "direction": "inkommande", "kind": "remiss", "remittent": "Regeringskansliet",
                "received_on": today.isoformat(), "deadline_on": (today + timedelta(days=28 + n)).isoformat(),
                "namnd_id": namnd_id, "handlaggare_id": "", "questions": "Vad tycker nämnden?"})
            match = re.search(r"/remisser/(\d+)$", url)
            if status != 200 or not match or "Remissen är registrerad" not in page:
                raise SystemExit(f"FAIL: registering on {here} gave {status} {url}")
            remiss_id = int(match.group(1))
            handlaggare = [v for v, name in options(page, "handlaggare_id") if name == self.args.handlaggare]
            if not handlaggare:
                raise SystemExit(f"FAIL: no handläggare {self.args.handlaggare!r} to assign on {url}")
            # assign on the other instance: same database, same secret key, no sticky sessions
            status, _, page = browser.submit(f"{there}/remisser/{remiss_id}", f"{there}/remisser/{remiss_id}/tilldela",
                                             {"handlaggare_id": handlaggare[0]})
            if status != 200 or "Handläggaren är tilldelad" not in page:
                raise SystemExit(f"FAIL: assigning remiss {remiss_id} on {there} gave {status}")
            ids.append(remiss_id)
        return ids

    def outbox(self, engine) -> dict[str, dict]:
        from sqlalchemy import text

        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, status, kind, message_id, due_at, remiss_id FROM outbox_message"))
            return {str(r.id): r._asdict() for r in rows}

    def wait_sent(self, engine, moment: datetime, deadline: float) -> None:
        """Wait until no row due by moment is pending or sending and SMTP has received every sent row."""
        while time.monotonic() < deadline:
            self.check_alive()
            rows = self.outbox(engine).values()
            open_due = [r for r in rows if r["status"] in ("pending", "sending")
                        and r["due_at"].replace(tzinfo=timezone.utc) <= moment]
            if not open_due and len(self.store.received) >= sum(r["status"] == "sent" for r in rows):
                return
            time.sleep(0.5)

    def main(self) -> int:
        url = self.database()
        env = self.env(url)
        print(f"work directory {self.work}; database {url.rsplit('@', 1)[-1]}")
        self.command(env, "migrate")
        self.command(env, "demo-data")
        self.start_smtp()
        for port in self.args.ports:
            self.spawn(f"web{port}", env, [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py",
                                           "--bind", f"127.0.0.1:{port}", "--workers", str(self.args.workers)])
        for n in range(1, self.args.schedulers + 1):
            self.spawn(f"scheduler{n}", env, [str(BIN / "remiss"), "scheduler"])
        deadline = time.monotonic() + self.args.timeout
        for port in self.args.ports:
            self.wait_http(f"http://127.0.0.1:{port}", deadline)

        from sqlalchemy import create_engine

        engine = create_engine(url)
        ids = self.register_and_assign()
        print(f"registered and assigned {len(ids)} remisser through {', '.join(map(str, self.args.ports))}")
        self.wait_sent(engine, datetime.now(timezone.utc), deadline)
        notices = collections.Counter(r["kind"] for r in self.outbox(engine).values() if r["status"] == "sent")
        print(f"sent at once by the schedulers: {dict(notices)}")
        if notices["assigned"] < len(ids):
            self.failures.append(f"{notices['assigned']} 'assigned' notices sent for {len(ids)} assignments")

        # The tidplan reminders fall due at 07.00 on working days, never before the remiss was registered:
        # sweep as if it were a later working day, twice at once, while the schedulers keep sweeping.
        later = later_workday_moment(self.args.days_ahead)
        runs = [self.spawn(f"run{n}", env, [str(BIN / "remiss"), "reminders", "run", "--now",
                                            later.strftime("%Y-%m-%dT%H:%M")]) for n in (1, 2)]
        for proc in runs:
            proc.wait(timeout=max(deadline - time.monotonic(), 1))
            if proc.returncode != 0:
                self.failures.append(f"remiss reminders run exited {proc.returncode}")
        self.procs = [p for p in self.procs if p[1] not in runs]  # they have exited on purpose
        self.wait_sent(engine, later, deadline)
        time.sleep(2 * self.args.interval + 1)  # a duplicate, if any, would arrive now
        return self.verify(engine, later)

    def verify(self, engine, later: datetime) -> int:
        rows = self.outbox(engine)
        engine.dispose()
        sent = {i for i, r in rows.items() if r["status"] == "sent"}
        # a mail that joins several rows of one remiss and person (reminders/together.py) names them all
        received = collections.Counter(outbox_id for ids, _, _ in self.store.received for outbox_id in ids.split(", "))
        ids_ok = all(rows.get(ids.split(", ")[0], {}).get("message_id") == mid for ids, mid, _ in self.store.received)
        due_open = [i for i, r in rows.items() if r["status"] in ("pending", "sending", "failed")
                    and r["due_at"].replace(tzinfo=timezone.utc) <= later]
        kinds = collections.Counter(rows[i]["kind"] for i in sent)
        reminders = sum(n for k, n in kinds.items() if k in ("before", "on_day", "overdue", "escalation"))
        duplicates = {i: n for i, n in received.items() if n > 1}
        missing, unknown = sent - set(received), set(received) - sent
        by_process = {name: sum(int(n) for n in re.findall(r"sent=(\d+)", log.read_text()))
                      for name, _, log in self.procs_all}
        print(f"outbox: {len(rows)} rows, {len(sent)} sent {dict(kinds)}, "
              f"statuses {dict(collections.Counter(r['status'] for r in rows.values()))}")
        print(f"SMTP: {len(self.store.received)} messages, {len(received)} distinct outbox ids, "
              f"duplicates {len(duplicates)}, missing {len(missing)}, not in outbox {len(unknown)}")
        print("sent by: " + ", ".join(f"{k} {v}" for k, v in by_process.items() if not k.startswith("web")))
        checks = [(not duplicates, f"duplicates: {duplicates}"), (not missing, f"sent but not received: {missing}"),
                  (not unknown, f"received but not sent: {unknown}"), (ids_ok, "Message-ID differs from the outbox"),
                  (not due_open, f"due by {later:%Y-%m-%d %H:%M} but not sent: {due_open}"),
                  (reminders > 0, "no tidplan reminder was sent")]
        self.failures += [message for ok, message in checks if not ok]
        for message in self.failures:
            print(f"  - {message}")
        if self.failures:
            print(f"FAIL: {len(self.failures)} check(s) failed; {len(sent)} sent, {sum(received.values())} received")
        else:
            print(f"PASS: {len(sent)} mails sent ({reminders} tidplan reminders), {sum(received.values())} received, "
                  f"each exactly once")
        return 1 if self.failures else 0

    def stop(self) -> None:
        for name, proc, _ in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)  # the scheduler finishes its sweep; gunicorn stops gracefully
        for _, proc, _ in self.procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self.smtp:
            self.smtp.stop()
        if self.created_db and not self.args.keep:
            from sqlalchemy import create_engine, text

            engine = create_engine(self.args.admin_url, isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.created_db}" WITH (FORCE)'))
            engine.dispose()
        if not self.args.keep and not self.args.workdir:
            shutil.rmtree(self.work, ignore_errors=True)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--database-url", default="", help="an empty or throwaway database (default: create one)")
    p.add_argument("--admin-url", default=os.environ.get(
        "REMISS_SMOKE_ADMIN_URL", "postgresql+psycopg://remiss:remiss@localhost/postgres"),
        help="a role that may CREATE DATABASE, used when --database-url is not given")
    p.add_argument("--ports", default="8101,8102", type=lambda s: [int(x) for x in s.split(",")])
    p.add_argument("--smtp-port", default=8025, type=int)
    p.add_argument("--workers", default=2, type=int, help="gunicorn workers per instance")
    p.add_argument("--schedulers", default=2, type=int)
    p.add_argument("--interval", default=2, type=int, help="REMISS_SCHEDULER_INTERVAL_SECONDS")
    p.add_argument("--remisser", default=3, type=int, help="remisser to register per instance")
    p.add_argument("--days-ahead", default=21, type=int, help="sweep as if it were a working day this far ahead")
    p.add_argument("--user", default="sekreterare@remiss.example")
    p.add_argument("--handlaggare", default="Jesper Lindkvist", help="the name shown in the assign list")
    p.add_argument("--timeout", default=240, type=int)
    p.add_argument("--workdir", default="", help="keep logs and mail here (default: a temporary directory)")
    p.add_argument("--keep", action="store_true", help="keep the created database and the work directory")
    return p.parse_args(argv)


def main(argv=None) -> int:
    run = Run(parse_args(argv))
    try:
        code = run.main()
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        code = 1
    finally:
        run.stop()
    if code:
        print(f"logs: {run.work}" if run.args.keep or run.args.workdir else "rerun with --keep to see the logs")
    return code


if __name__ == "__main__":
    sys.exit(main())
