"""walk28 Z3: compiling keeps the reminders of an instans whose own anstånd still runs ("Söder påminns ändå enligt
sitt anstånd tills svaret har kommit in"), closing stops them ("Remissen är avslutad"), but opening the case again
left them stopped, so the instans promised reminders got none. Reopened, the reminders closing stopped are planned
again from the same outbox rows (their keys make each moment one mail however often the case is closed and opened
again); those of an instans not kept (Norr, whose svarstid is over) stay stopped."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import select

from remiss.clock import STOCKHOLM
from remiss.reminders.models import OutboxMessage
from tests.outgoing.conftest import SODER, run_sweep
from tests.outgoing.test_reopen_requeues_notices import _close, _closed_with_anstand, _reopen
from tests.support.factories import T0


def _chasers(session):
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_chaser")
                        .order_by(OutboxMessage.key)).all()
    found = [(r.key.rsplit(":", 3)[-3], r.due_at, r.status) for r in rows]
    session.close()
    return found


def test_reopening_plans_the_anstand_reminders_closing_stopped_once(session, app, auth, clock, runner, smtp):
    rid = _closed_with_anstand(session, app, auth, clock, runner, smtp)
    assert {status for *_, status in _chasers(session)} == {"cancelled"}

    clock.set(T0 + timedelta(minutes=2))
    _reopen(auth, rid)
    clock.set(T0 + timedelta(minutes=3))
    _close(auth, rid)
    clock.set(T0 + timedelta(minutes=4))
    _reopen(auth, rid)
    pending = [(due, key) for key, due, status in _chasers(session) if status == "pending"]
    # Söder's reminders around its anstånd to 12 February (old code: none, all "Remissen är avslutad")
    assert len(pending) == 2, _chasers(session)

    before = datetime(2027, 2, 5, 8, 30, tzinfo=STOCKHOLM)  # 5 working days before 12 February, 08.00
    sent = [(r, m) for r, m in run_sweep(runner, smtp, before) if m["X-Remiss-Kind"] == "outgoing_chaser"]
    assert [r for r, _ in sent] == [[SODER.email]], [r for r, _ in sent]
    assert "12 februari 2027" in str(sent[0][1].get_body(("plain",)).get_content())
    # closed and opened again after it went: that moment is not sent a second time, the next still is
    clock.set(before + timedelta(hours=1))
    _close(auth, rid)
    clock.set(before + timedelta(hours=2))
    _reopen(auth, rid)
    assert not [m for _, m in run_sweep(runner, smtp, before + timedelta(hours=3))
                if m["X-Remiss-Kind"] == "outgoing_chaser"]
    after = datetime(2027, 2, 16, 8, 30, tzinfo=STOCKHOLM)  # 2 working days after
    sent = [r for r, m in run_sweep(runner, smtp, after) if m["X-Remiss-Kind"] == "outgoing_chaser"]
    assert sent == [[SODER.email]]
    assert len([m for _, m in smtp.messages if m["X-Remiss-Kind"] == "outgoing_chaser"]) == 2
