"""A relay that refuses everything, one recipient refused, a claim taken over, the database locked mid-sweep
and a mail directory that cannot be written: what is recorded, counted and sent afterwards."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, update

from remiss.db import Database, utcnow
from remiss.reminders import outbox, policy, relay
from remiss.reminders.models import OutboxMessage
from remiss.reminders.transport import transport_from_config
from tests.conftest import PG_URL
from tests.reminders.conftest import FAST
from tests.reminders.relay_process import RelayProcess
from tests.reminders.test_faults import FIRST, rows, run

DUE = 20
REFUSES_ALL = "tar inte emot något (samma svar för flera mottagare i följd): SMTP 554"


def _enqueue(session, world, prefix: str, count: int) -> list[str]:
    """count notices to different recipients ({prefix}NN@example.se), due before FIRST in id order."""
    for n in range(count):
        outbox.enqueue(session, now=FIRST, key=f"{prefix}:{n}", recipient_email=f"{prefix}{n:02d}@example.se",
                       kind=policy.ASSIGNED, due_at=FIRST - timedelta(hours=1, minutes=-n), subject=f"Tilldelad {n}",
                       payload={}, remiss_id=world.remiss.id)
    session.commit()
    return [f"{prefix}{n:02d}@example.se" for n in range(count)]


@pytest.fixture
def due(world, session):
    """DUE notices to different recipients, due before FIRST in id order (the world's own reminder too)."""
    return _enqueue(session, world, "mottagare", DUE)


def statuses(db) -> Counter:
    """(status, attempts) of the rows due by FIRST: the DUE notices and the world's first reminder."""
    return Counter((r.status, r.attempts) for r in rows(db) if r.due_at <= FIRST)


def relay_state(db):
    with db.transaction(write=False) as s:
        return relay.get(s)


def test_a_relay_refusing_everyone_pauses_without_failing_anything(app, db, due, smtp, auth, session):
    from tests.reminders.conftest import fast_user

    smtp.handler.reply = "554"
    for minute in range(10):  # three minutes of misconfiguration, and more
        result = run(app, db, FIRST + timedelta(minutes=minute))
        assert (result.sent, result.failed) == (0, 0) and REFUSES_ALL in result.relay_down
    assert statuses(db) == {("pending", 0): DUE + 1}
    assert relay_state(db).down_since == FIRST and "554" in relay_state(db).last_error

    fast_user(session, role="admin", email="admin@example.se")
    session.commit()
    auth.login("admin@example.se")
    page = auth.client.get("/admin/utkorg").get_data(as_text=True)
    assert "E-posten går inte att skicka sedan 30 november 2026 kl. 07.30" in page and "554" in page
    listing = app.test_cli_runner().invoke(args=["reminders", "list"]).output
    assert listing.startswith("E-posten går inte att skicka sedan 30 november 2026 kl. 07.30")

    smtp.handler.reply = "250"
    result = run(app, db, FIRST + timedelta(minutes=11))
    assert (result.sent, result.failed, result.relay_down) == (DUE + 1, 0, "")
    assert sorted(Counter(smtp.handler.ids()).values()) == [1] * (DUE + 1)
    assert statuses(db) == {("sent", 1): DUE + 1} and relay_state(db).down_since is None
    assert "går inte att skicka" not in auth.client.get("/admin/utkorg").get_data(as_text=True)


def test_one_refused_recipient_fails_alone_and_the_others_go_out(app, db, due, smtp):
    smtp.handler.refuse = {due[3]}
    result = run(app, db, FIRST)
    assert (result.sent, result.failed, result.retrying, result.relay_down) == (DUE, 0, 1, "")
    [refused] = [r for r in rows(db) if r.recipient_email == due[3]]
    assert (refused.status, refused.attempts) == ("pending", 1) and "550" in refused.last_error
    result = run(app, db, FIRST + timedelta(minutes=1))
    assert (result.sent, result.failed, result.retrying) == (0, 1, 0)
    [refused] = [r for r in rows(db) if r.recipient_email == due[3]]
    assert refused.status == "failed" and refused.attempts == FAST.max_permanent_attempts
    assert due[3] not in {m["To"] for m in smtp.messages} and len(smtp.messages) == DUE
    assert relay_state(db) is None


def test_unknown_recipients_at_the_head_of_the_queue_do_not_hold_up_the_rest(app, db, due, smtp):
    """Three refused alike in a row before anything was accepted look like a relay refusing everything;
    they are put behind the others, which then go out, and when the three are refused again after that
    (the relay has accepted mail since) they are their own failures, not an outage."""
    smtp.handler.refuse = set(due[:3])
    first = run(app, db, FIRST)
    assert (first.sent, first.failed, first.waiting) == (0, 0, DUE + 1) and first.relay_down
    second = run(app, db, FIRST + timedelta(seconds=30))
    assert (second.sent, second.relay_down) == (DUE - 3 + 1, "")
    third = run(app, db, FIRST + timedelta(minutes=2))  # the three are due again, and nothing else
    assert (third.sent, third.retrying, third.relay_down) == (0, 3, "") and relay_state(db).down_since is None
    smtp.handler.refuse = set(due[:2])
    fourth = run(app, db, FIRST + timedelta(minutes=4))
    assert (fourth.sent, fourth.failed, fourth.relay_down) == (1, 2, "")
    assert len(set(smtp.handler.ids())) == len(smtp.messages) == DUE - 1


@pytest.fixture
def relay_process(app, tmp_path):
    """The relay in a process of its own (tests.reminders.relay_process), not started yet."""
    relay_process = RelayProcess(tmp_path)
    app.config["SMTP_URL"] = relay_process.url
    app.config["SMTP_TIMEOUT_SECONDS"] = 5
    yield relay_process
    relay_process.stop()


def test_unknown_addresses_among_good_ones_fail_as_their_own_and_no_outage_is_shown(app, db, world, session,
                                                                                   relay_process):
    """Five mailboxes that do not exist among fifty (a sändlista with stale addresses): the relay takes
    the rest, so the five are the recipients' failures, counted and `failed`, never a relay outage; a
    relay that then answers 554 to everything still pauses delivery without spending attempts."""
    recipients = _enqueue(session, world, "mottagare", 50)
    unknown = recipients[10:15]
    relay_process.start(refuse=tuple(unknown))
    for minute in (0, 2, 5, 10):
        result = run(app, db, FIRST + timedelta(minutes=minute))
        assert result.relay_down == "" and relay_state(db) is None, (minute, result)
    by_recipient = {r.recipient_email: r for r in rows(db) if r.due_at <= FIRST}
    assert sorted((r.status, r.attempts) for e, r in by_recipient.items() if e in unknown) == [("failed", 2)] * 5
    assert all("550" in by_recipient[e].last_error for e in unknown)
    assert Counter((r.status, r.attempts) for e, r in by_recipient.items() if e not in unknown) == {("sent", 1): 46}
    assert sorted(relay_process.received().values()) == [1] * 46  # the 45 and the world's own reminder, once
    listing = app.test_cli_runner().invoke(args=["reminders", "list"]).output
    assert "går inte att skicka" not in listing

    relay_process.stop()  # the relay worked a moment ago; now it answers 554 to every mail
    relay_process.start(reply="554")
    later = _enqueue(session, world, "senare", 10)
    for minute in range(11, 16):
        result = run(app, db, FIRST + timedelta(minutes=minute))
        assert (result.sent, result.failed) == (0, 0) and REFUSES_ALL in result.relay_down
    assert {(r.status, r.attempts) for r in rows(db) if r.recipient_email in later} == {("pending", 0)}
    assert relay_state(db).down_since == FIRST + timedelta(minutes=11)
    relay_process.stop()
    relay_process.start()
    result = run(app, db, FIRST + timedelta(minutes=20))
    assert (result.sent, result.failed, result.relay_down) == (10, 0, "") and relay_state(db).down_since is None
    assert sorted(relay_process.received().values()) == [1] * 56


def test_a_row_taken_over_mid_sweep_is_neither_marked_nor_counted(app, db, due, smtp):
    """The fence: a sweeper whose claim was taken back does not record or count the mail it sent."""
    taken = {}

    class Stealing:
        """Sends through SMTP; while the 5th mail is on the wire another sweeper takes its row."""

        def __init__(self):
            self.smtp = transport_from_config(app.config)
            self.count = 0

        def send(self, message, *, name=""):
            self.count += 1
            if self.count == 5:
                row_id = int(message["X-Remiss-Outbox-Id"])
                with db.transaction() as s:
                    s.execute(update(OutboxMessage).where(OutboxMessage.id == row_id)
                              .values(claim_token="someone-else", claimed_by="other"))
                taken["id"] = row_id
            self.smtp.send(message, name=name)

    result = run(app, db, FIRST, transport=Stealing())
    assert result.sent == DUE and result.unrecorded == 1 and "tas över" in result.problem
    [row] = rows(db, id=taken["id"])
    assert (row.status, row.claim_token) == ("sending", "someone-else")  # the other sweeper's to record
    assert len(smtp.messages) == DUE + 1


def _blocking_transport(app, db_path: str, *, at: int, hold: float):
    """SMTP, but the `at`-th mail is followed by another connection holding SQLite's write lock for `hold` s."""
    released = threading.Event()

    class Blocking:
        def __init__(self):
            self.smtp = transport_from_config(app.config)
            self.count = 0

        def send(self, message, *, name=""):
            self.smtp.send(message, name=name)
            self.count += 1
            if self.count == at:
                locked = threading.Event()

                def hold_lock():
                    blocker = sqlite3.connect(db_path, isolation_level=None)
                    blocker.execute("BEGIN IMMEDIATE")
                    locked.set()
                    time.sleep(hold)
                    blocker.execute("ROLLBACK")
                    blocker.close()
                    released.set()

                threading.Thread(target=hold_lock, daemon=True).start()
                locked.wait(5)

    return Blocking(), released


@pytest.fixture
def impatient(database_url):
    """The app's database, but a statement waits 0.2 s for SQLite's write lock instead of 30 s."""
    db = Database(database_url)

    @event.listens_for(db.write_engine, "connect")
    def _short_timeout(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA busy_timeout=200")

    yield db
    db.dispose()


@pytest.mark.skipif(bool(PG_URL), reason="SQLite's database-wide write lock")
def test_write_lock_held_mid_sweep_longer_than_a_retry_delays_the_mark_but_counts_truly(app, impatient, due, smtp,
                                                                                      database_url):
    transport, released = _blocking_transport(app, database_url.split("///", 1)[1], at=4, hold=3.0)
    started = time.monotonic()
    result = run(app, impatient, FIRST, transport=transport, settings=replace(FAST, lease=timedelta(seconds=20)))
    assert released.is_set() and time.monotonic() - started >= 3.0  # the mark waited for the lock, 15 tries
    assert (result.sent, result.unrecorded, result.problem) == (DUE + 1, 0, "")
    assert statuses(impatient) == {("sent", 1): DUE + 1}
    assert sorted(Counter(smtp.handler.ids()).values()) == [1] * (DUE + 1)


@pytest.mark.skipif(bool(PG_URL), reason="SQLite's database-wide write lock")
def test_write_lock_held_past_the_lease_stops_the_sweep_unrecorded_and_one_duplicate_at_most(app, impatient, due,
                                                                                           smtp, database_url):
    transport, released = _blocking_transport(app, database_url.split("///", 1)[1], at=4, hold=4.0)
    lease = timedelta(seconds=2)
    result = run(app, impatient, FIRST, transport=transport, settings=replace(FAST, lease=lease))
    assert (result.sent, result.unrecorded) == (3, 1) and "kunde inte registrera" in result.problem
    released.wait(10)
    later = run(app, impatient, FIRST, clock=lambda: utcnow() + timedelta(hours=1), settings=replace(FAST, lease=lease))
    assert later.sent == DUE + 1 - 3 and later.problem == ""
    counts = Counter(smtp.handler.ids())
    assert len(counts) == DUE + 1 and sorted(counts.values()) == [1] * DUE + [2]  # the mail on the wire


# -- file mode ------------------------------------------------------------------------------------


@pytest.fixture
def file_mode(app):
    app.config["SMTP_URL"] = ""
    return Path(app.config["MAIL_DIR"])


def _file_outage_then_recovery(app, db, mail_dir: Path, fix, error_words: str):
    result = run(app, db, FIRST)
    assert (result.sent, result.failed) == (0, 0) and error_words in result.relay_down
    assert result.relay_down.startswith(f"Kunde inte skriva e-post till {mail_dir}")
    assert statuses(db) == {("pending", 0): DUE + 1}
    assert [r.last_error for r in rows(db) if r.last_error] == [result.relay_down]  # the one tried
    assert not mail_dir.is_dir() or not list(mail_dir.rglob("*.tmp"))  # the failed write removed its file
    fix()
    result = run(app, db, FIRST + timedelta(minutes=1))
    assert (result.sent, result.relay_down) == (DUE + 1, "") and relay_state(db).down_since is None
    assert len(list(mail_dir.glob("*.eml"))) == DUE + 1
    assert [p for p in mail_dir.rglob("*") if p.is_file() and p.suffix != ".eml"] == []  # no temporary file left


def test_file_mode_missing_directory_that_cannot_be_created(app, db, due, file_mode, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    app.config["MAIL_DIR"] = str(blocker / "mail")

    def fix():
        blocker.unlink()

    _file_outage_then_recovery(app, db, blocker / "mail", fix, "Not a directory")


def _mount_tmpfs(path: Path, options: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                          capture_output=True).returncode == 0


@pytest.fixture
def mounts():
    mounted: list[Path] = []
    yield mounted
    for path in mounted:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_file_mode_directory_without_write_permission(app, db, due, file_mode, mounts):
    if _mount_tmpfs(file_mode, "ro,size=1m"):  # root ignores permission bits; a read-only file system does not
        mounts.append(file_mode)

        def fix():
            subprocess.run(["mount", "-o", "remount,rw", str(file_mode)], check=True)

        words = "Read-only file system"
    else:
        file_mode.chmod(0o555)

        def fix():
            file_mode.chmod(0o755)

        words = "Permission denied"
    _file_outage_then_recovery(app, db, file_mode, fix, words)


def test_file_mode_full_disk(app, db, due, file_mode, mounts):
    if not _mount_tmpfs(file_mode, "size=1m"):
        pytest.skip("a small tmpfs needs root; the unwritable directory test covers the rest")
    mounts.append(file_mode)
    filler = file_mode / "filler"
    with filler.open("wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass
    _file_outage_then_recovery(app, db, file_mode, lambda: filler.unlink(), "No space left on device")


def test_a_relay_that_takes_the_connection_and_never_answers_is_named_so(app, db, due):
    """A relay that accepts the connection and then says nothing: "svarade inte inom 1 s", not "kunde inte nås";
    nothing failed, the rows wait."""
    import socket

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # the kernel completes the handshake; nobody ever sends the greeting
        app.config["SMTP_URL"] = f"smtp://127.0.0.1:{silent.getsockname()[1]}"
        app.config["SMTP_TIMEOUT_SECONDS"] = 1
        result = run(app, db, FIRST)
    assert (result.sent, result.failed, result.retrying) == (0, 0, 0)
    assert "svarade inte inom 1 s" in result.relay_down, result.relay_down
    assert "kunde inte nås" not in result.relay_down
    assert statuses(db) == {("pending", 0): DUE + 1}
