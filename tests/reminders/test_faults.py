"""Faults of one sweep against a real SMTP server on localhost: nothing lost, nothing sent twice, and a
relay that is down or refuses everything pauses delivery instead of failing the rows.

The same promises with real processes killed mid-sweep are in test_crashes.py."""
from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from datetime import date, timedelta, timezone

import pytest
from sqlalchemy import event
from sqlmodel import select

from remiss.clock import local
from remiss.db import Database
from remiss.reminders import relay
from remiss.reminders.claim import take_due
from remiss.reminders.delivery import SweepError, sweep
from remiss.reminders.mail import compose
from remiss.reminders.models import OutboxMessage
from remiss.reminders.transport import transport_from_config
from tests.conftest import PG_URL
from tests.reminders.conftest import FAST, set_milestones, stockholm

# The tjänsteskrivelse is due Monday 7 December 2026; the "5 working days before" reminder goes
# out Monday 30 November 07.00 Stockholm.
FIRST = stockholm(2026, 11, 30, 7, 30)


def first_row(db) -> OutboxMessage:
    """The "5 working days before" reminder of 30 November."""
    [row] = [r for r in rows(db, kind="before") if r.due_at == stockholm(2026, 11, 30, 7, 0)]
    return row


def rows(db, **where) -> list[OutboxMessage]:
    with db.transaction(write=False) as s:
        stmt = select(OutboxMessage).order_by(OutboxMessage.id)
        for k, v in where.items():
            stmt = stmt.where(getattr(OutboxMessage, k) == v)
        return list(s.exec(stmt))


def run(app, db, now, worker="w1", settings=FAST, **kwargs):
    with app.app_context():
        return sweep(db, now=now, worker_id=worker, settings=settings, **kwargs)


def relay_state(db):
    with db.transaction(write=False) as s:
        return relay.get(s)


def test_relay_down_keeps_rows_and_attempts_then_delivers_once(app, db, world, smtp):
    smtp.stop()
    for minute in range(0, 24 * 60, 60):  # down for a day: far longer than 12 attempts' backoff
        result = run(app, db, FIRST + timedelta(minutes=minute))
        assert (result.sent, result.failed, result.waiting) == (0, 0, 1) and "kunde inte nås" in result.relay_down
    row = first_row(db)
    assert (row.status, row.attempts, row.next_attempt_at) == ("pending", 0, row.due_at)
    assert "kunde inte nås" in row.last_error
    state = relay_state(db)
    assert state.down_since == FIRST and state.checked_at == FIRST + timedelta(hours=23)
    smtp.start()
    result = run(app, db, FIRST + timedelta(days=1))
    assert (result.sent, result.failed, result.relay_down) == (1, 0, "")
    assert relay_state(db).down_since is None
    assert run(app, db, FIRST + timedelta(days=1, minutes=30)).sent == 0
    assert len(smtp.messages) == 1 and smtp.messages[0]["Message-ID"] == row.message_id
    assert first_row(db).status == "sent" and first_row(db).attempts == 1


def test_4xx_for_the_only_mail_is_retried_with_a_growing_backoff(app, db, world, smtp):
    smtp.handler.reply = "451"
    result = run(app, db, FIRST)
    row = first_row(db)
    assert (result.failed, result.retrying) == (0, 1) and row.status == "pending" and "451" in row.last_error and row.attempts == 1
    assert row.next_attempt_at == FIRST + timedelta(minutes=1)
    run(app, db, FIRST + timedelta(minutes=1))
    assert first_row(db).next_attempt_at == FIRST + timedelta(minutes=3)  # backoff doubled
    assert run(app, db, FIRST + timedelta(minutes=2)).sent == 0  # not due yet
    smtp.handler.reply = "250"
    assert run(app, db, FIRST + timedelta(minutes=3)).sent == 1
    assert len(smtp.messages) == 1 and first_row(db).status == "sent"


def test_5xx_fails_after_limited_attempts_and_admin_can_resend(app, db, world, smtp, auth, session):
    from tests.reminders.conftest import fast_user

    smtp.handler.reply = "550"
    run(app, db, FIRST)
    assert first_row(db).status == "pending"
    run(app, db, FIRST + timedelta(minutes=1))
    row = first_row(db)
    assert row.status == "failed" and row.attempts == FAST.max_permanent_attempts and "550" in row.last_error
    assert run(app, db, FIRST + timedelta(hours=5)).sent == 0

    fast_user(session, role="admin", email="admin@example.se")
    session.commit()
    auth.login("admin@example.se")
    page = auth.client.get("/admin/utkorg?status=failed").get_data(as_text=True)
    assert "hanna@example.se" in page and "Skicka igen" in page and "550" in page
    smtp.handler.reply = "250"
    response = auth.post(f"/admin/utkorg/{row.id}/skicka-igen", {"confirm_resend": "1"},  # the dialog's yes
                         form_url="/admin/utkorg?status=failed")
    assert response.status_code == 302
    assert rows(db, id=row.id)[0].status == "pending"
    assert run(app, db, app.config["CLOCK"]() + timedelta(minutes=1)).sent == 1
    assert len(smtp.messages) == 1 and rows(db, id=row.id)[0].status == "sent"


def claim_as_dead_sweeper(app, db, wall):
    """Enqueue the world's reminders, then claim the due one as a sweeper that dies right after."""
    run(app, db, FIRST - timedelta(days=1))  # enqueue only
    with db.transaction() as s:
        batch = take_due(s, now=FIRST, worker_id="dead", settings=FAST, wall=wall)
    assert len(batch.rows) == 1 and first_row(db).status == "sending"
    return batch


def test_killed_after_claim_before_send_is_sent_once_after_the_lease(app, db, world, smtp):
    wall = FIRST
    claim_as_dead_sweeper(app, db, wall)
    assert run(app, db, FIRST, clock=lambda: wall + timedelta(minutes=9)).sent == 0  # the lease holds
    assert run(app, db, FIRST, clock=lambda: wall + timedelta(minutes=11)).sent == 1
    assert run(app, db, FIRST + timedelta(minutes=30)).sent == 0
    assert len(smtp.messages) == 1 and first_row(db).status == "sent"


def test_killed_after_smtp_accepted_gives_at_most_one_duplicate_with_same_message_id(app, db, world, smtp):
    wall = FIRST
    batch = claim_as_dead_sweeper(app, db, wall)
    with app.app_context(), db.transaction(write=False) as s:
        message = compose(s, batch.rows[0], config=app.config, now=FIRST, remiss=batch.loaded.remisser[world.remiss.id])
        transport_from_config(app.config).send(message)  # accepted; the sweeper dies before marking it
    assert run(app, db, FIRST + timedelta(minutes=11), clock=lambda: wall + timedelta(minutes=11)).sent == 1
    assert run(app, db, FIRST + timedelta(minutes=40)).sent == 0
    assert len(smtp.messages) == 2
    assert smtp.messages[0]["Message-ID"] == smtp.messages[1]["Message-ID"] == first_row(db).message_id


@pytest.mark.skipif(bool(PG_URL), reason="SQLite's write lock; PostgreSQL claims with SKIP LOCKED instead")
def test_database_locked_sweep_fails_cleanly_and_next_delivers(app, db, world, smtp, database_url):
    impatient = Database(database_url)

    @event.listens_for(impatient.write_engine, "connect")
    def _short_timeout(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA busy_timeout=200")

    blocker = sqlite3.connect(database_url.split("///", 1)[1], isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(SweepError, match="upptagen"):
            run(app, impatient, FIRST)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert not rows(db)  # nothing half done: the tidplan was not even enqueued
    assert run(app, impatient, FIRST + timedelta(minutes=1)).sent == 1
    assert len(smtp.messages) == 1
    impatient.dispose()


def test_concurrent_sweepers_send_each_row_exactly_once(app, db, world, smtp, session, database_url):
    from remiss.reminders.schedule import sync_remiss
    from tests.support.factories import make_remiss

    for n in range(5):
        remiss = make_remiss(session, namnd=world.namnd, title=f"Parallell {n}")
        remiss.handlaggare_id = world.handlaggare.id
        set_milestones(session, remiss, [("tjansteskrivelse", date(2026, 12, 7), "handlaggare"),
                                         ("sista_svarsdag", date(2026, 12, 7), "registrator")])
        # as the tidplan service does: the rows planned for make_remiss's own tidplan are cancelled now, not left
        # for whichever sweeper re-plans first (on PostgreSQL another could claim one in the meantime)
        sync_remiss(session, now=FIRST - timedelta(days=2), remiss=remiss)
    session.commit()
    results, errors = [], []

    def worker(n):
        own = Database(database_url)
        try:
            for minute in range(3):
                results.append(run(app, own, FIRST + timedelta(minutes=minute), worker=f"w{n}"))
        except Exception as exc:  # pragma: no cover - shown in the assertion below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    sent = rows(db, status="sent")
    assert len(sent) == 11  # 6 tjänsteskrivelser to Hanna, 5 sista svarsdagar to Rut
    counts = Counter(smtp.handler.ids())
    assert sum(r.sent for r in results) == len(smtp.messages) == 11
    assert set(counts.values()) == {1} and set(counts) == {r.message_id for r in sent}


def test_scheduler_down_sends_one_catch_up_with_the_newest(app, db, world, smtp):
    # Down from before the first reminder (30 Nov) until after the first overdue one (8 Dec).
    result = run(app, db, stockholm(2026, 12, 8, 9, 0))
    assert result.sent == 1 and result.skipped == 3
    statuses = {(r.kind, r.status) for r in rows(db) if r.status in ("sent", "superseded")}
    assert statuses == {("before", "superseded"), ("on_day", "superseded"), ("overdue", "sent")}
    assert len([r for r in rows(db) if r.kind == "before" and r.status == "superseded"]) == 2
    assert "Försenad" in smtp.messages[0]["Subject"]


def test_deadline_moved_cancels_old_and_creates_new(app, db, world, smtp, session):
    from remiss.reminders.schedule import sync_remiss

    run(app, db, FIRST - timedelta(days=3))
    before = {r.key for r in rows(db, status="pending")}
    assert any("2026-11-30" in k for k in before)
    set_milestones(session, world.remiss, [("tjansteskrivelse", date(2026, 12, 16), "handlaggare")])
    sync_remiss(session, now=FIRST - timedelta(days=2), remiss=world.remiss)
    session.commit()
    pending = {r.key for r in rows(db, status="pending")}
    assert not (pending & before) and any("2026-12-02" in k for k in pending)
    assert {r.key for r in rows(db, status="cancelled")} == before
    assert run(app, db, FIRST).sent == 0  # the old 30 Nov moment is gone
    assert run(app, db, stockholm(2026, 12, 2, 7, 5)).sent == 1
    assert "om 10 arbetsdagar" in smtp.messages[0]["Subject"]


def test_closing_the_remiss_cancels_pending_and_sends_nothing(app, db, world, smtp, session):
    from remiss.auth.access import Principal
    from remiss.remisser import service

    run(app, db, FIRST - timedelta(days=3))
    assert rows(db, status="pending")
    remiss = session.get(type(world.remiss), world.remiss.id)
    service.change_status(session, now=FIRST - timedelta(days=2), principal=Principal.system(), remiss=remiss,
                          new="avstar")
    session.commit()
    assert not [r for r in rows(db, status="pending") if r.kind != "answered"]
    assert run(app, db, stockholm(2026, 12, 20, 9, 0)).sent == 0
    assert smtp.messages == []


def test_daylight_saving_does_not_shift_or_duplicate(app, db, world, smtp, session):
    # Due Monday 30 March 2026, the day after clocks go forward; 2 working days before is Thu 26 March
    # (CET, 06:00 UTC), on the day is 07:00 CEST (05:00 UTC).
    world.remiss.created_at = stockholm(2026, 3, 24, 9, 0)  # the 5-days-before moment (23 March) is not owed
    session.add(world.remiss)
    set_milestones(session, world.remiss, [("tjansteskrivelse", date(2026, 3, 30), "handlaggare")])
    session.commit()
    sent_at = []
    start = stockholm(2026, 3, 26, 0, 0).astimezone(timezone.utc)
    for hour in range(0, 24 * 5 + 12):  # an hourly sweep (real elapsed hours) across the change
        moment = start + timedelta(hours=hour)
        if run(app, db, moment).sent:
            sent_at.append(local(moment))
    mails = [m for m in smtp.messages]
    assert [m["X-Remiss-Kind"] for m in mails] == ["before", "on_day", "overdue"]
    assert [r.due_at.isoformat() for r in rows(db, status="sent")] == [
        "2026-03-26T06:00:00+00:00", "2026-03-30T05:00:00+00:00", "2026-03-31T05:00:00+00:00"]
    assert [m.isoformat() for m in sent_at] == [  # each went out in the first sweep after 07.00 local
        "2026-03-26T07:00:00+01:00", "2026-03-30T07:00:00+02:00", "2026-03-31T07:00:00+02:00"]
    assert len(set(smtp.handler.ids())) == 3


def test_many_claims_are_sent_and_marked_once_and_a_mail_that_cannot_be_built_waits(app, db, world, smtp, session):
    """Claims of 3: eleven mails and one that cannot be built; every mail arrives once, every row ends marked."""
    from dataclasses import replace

    from remiss.reminders import mail, outbox, policy

    def broken(session, row, *, config, now):
        raise KeyError("mall saknas")

    recipients = [f"instans{n:02d}@example.se" for n in range(11)]
    mail.COMPOSERS.setdefault("broken_kind", broken)
    try:
        for n, address in enumerate(recipients):
            outbox.enqueue(session, now=FIRST, key=f"batch:{n}", recipient_email=address, kind=policy.ASSIGNED,
                           due_at=FIRST - timedelta(minutes=n), subject=f"Tilldelad {n}", payload={},
                           remiss_id=world.remiss.id)
        outbox.enqueue(session, now=FIRST, key="batch:broken", recipient_email="trasig@example.se",
                       kind="broken_kind", due_at=FIRST - timedelta(minutes=5, seconds=30), subject="", payload={})
        session.commit()
        result = run(app, db, FIRST + timedelta(minutes=1), settings=replace(FAST, batch=3))
    finally:
        mail.COMPOSERS.pop("broken_kind", None)
    assert (result.sent, result.failed, result.retrying) == (len(smtp.messages), 0, 1)  # the world's reminder too
    assert sorted(m["To"] for m in smtp.messages if m["To"] in recipients) == recipients  # each once
    assert len(set(smtp.handler.ids())) == len(smtp.messages) >= 11
    by_key = {r.key: r for r in rows(db) if r.key.startswith("batch:")}
    assert {by_key[f"batch:{n}"].status for n in range(11)} == {"sent"}
    assert all(by_key[f"batch:{n}"].claimed_by == by_key[f"batch:{n}"].claim_token == "" for n in range(11))
    broken_row = by_key["batch:broken"]
    assert (broken_row.status, broken_row.attempts) == ("pending", 1) and "mall saknas" in broken_row.last_error
    assert run(app, db, FIRST + timedelta(minutes=1)).sent == 0


def test_a_line_of_a_single_dot_does_not_end_the_mail_early(app, db, world, smtp, session):
    """The data is dot-stuffed as SMTP wants: a line "." in the text reaches the recipient as written."""
    from remiss.reminders import outbox

    text = "Första stycket\n.\n..två punkter\n\nSista stycket"
    outbox.enqueue(session, now=FIRST, key="dots", recipient_email="punkt@example.se", kind="note",
                   due_at=FIRST - timedelta(minutes=1), subject="Punkter", payload={"text": text})
    session.commit()
    assert run(app, db, FIRST).sent == 2
    [mail] = [m for m in smtp.messages if m["To"] == "punkt@example.se"]
    body = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert "Första stycket\n.\n..två punkter\n\nSista stycket" in body


def test_each_accepted_mail_costs_one_statement_of_its_own(app, db, world, smtp, session):
    """The mark of a sent mail is a single UPDATE, its own transaction: no BEGIN, COMMIT or claim per mail.
    (It was BEGIN IMMEDIATE + UPDATE + COMMIT on a pooled connection: three round trips where one does.)"""
    from remiss.reminders import outbox, policy

    count = 40
    for n in range(count):
        outbox.enqueue(session, now=FIRST, key=f"count:{n}", recipient_email=f"mottagare{n}@example.se",
                       kind=policy.ASSIGNED, due_at=FIRST + timedelta(minutes=1), subject=f"Tilldelad {n}",
                       payload={}, remiss_id=world.remiss.id)
    session.commit()
    run(app, db, FIRST)  # the world's own reminders and the plans, so the measured sweep sends only these
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()[:2]).upper())

    event.listen(db.write_engine, "before_cursor_execute", seen)
    try:
        with app.app_context():
            result = sweep(db, now=FIRST + timedelta(minutes=1), worker_id="w1", settings=FAST)
    finally:
        event.remove(db.write_engine, "before_cursor_execute", seen)
    assert result.sent == count == len([m for m in smtp.messages if m["To"].startswith("mottagare")])
    marks = [s for s in statements if s == "UPDATE OUTBOX_MESSAGE"]
    assert len(marks) <= count + 3  # one per mail; the claim's own updates besides
    assert len(statements) <= count + 25, Counter(statements)  # the rest does not grow with the mails


def test_a_mail_announced_ahead_and_then_not_sent_is_never_delivered(app, smtp):
    """The sweep sends the next mail's MAIL command while it records the one before (SmtpConnection.announce).
    That hands nothing over: a mail announced and then not sent (its row taken back, the sweep stopped) never
    arrives, and the mail sent instead arrives once."""
    from remiss.reminders.message import build
    from remiss.reminders.transport import SmtpConnection, SmtpTransport

    def prepared(to: str):
        return SmtpConnection.prepare(build(sender="Remiss <remiss@example.se>", to=to, subject=to, text="Hej!\n",
                                            message_id=f"<{to}>", date="Mon, 23 Nov 2026 10:00:00 +0100"))

    first, dropped, instead, last = (prepared(f"{n}@example.se") for n in ("forsta", "tappad", "i-stallet", "sista"))
    connection = SmtpConnection(SmtpTransport.from_url(smtp.url))
    try:
        connection.send(first)
        connection.announce(dropped)
        connection.send(instead)  # not the announced one: its transaction is ended first
        connection.announce(last)
        connection.send(last)
        connection.announce(dropped)  # announced, then the sweep stops: QUIT ends it
    finally:
        connection.close()
    assert [m["To"] for m in smtp.messages] == ["forsta@example.se", "i-stallet@example.se", "sista@example.se"]
