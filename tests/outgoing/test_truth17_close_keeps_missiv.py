"""truth17 F9: closing an utgående remiss stopped the missiv mails still waiting in the outbox ("Remissen är
avslutad."), while every view (per instans "med e-post", the API's delivery and sent_at, the export) said the
instanser had been sent it. What was sent stays sent: the missiv and its amendments go out after closing; the
chasers stop, and so do notices of förlängd remisstid and besked om anstånd, which ask for an answer a closed case
no longer takes (walk27 Y8, test_walk27_close_anstand)."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from remiss.outgoing.service import closing
from remiss.reminders.models import OutboxMessage
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk16_close import SYSTEM, stale  # noqa: F401  (a fixture)
from tests.support.factories import T0


def test_missiv_mails_waiting_when_the_case_is_closed_still_go_out(session, stale, app, runner, smtp):
    remiss, norr, soder, _ = stale
    closing.close(session, now=T0, principal=SYSTEM, remiss=remiss, stale_ok=True)
    session.commit()
    waiting = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_missiv")).all()
    assert len(waiting) == 2 and all(row.sent_at is None for row in waiting)  # never swept before closing
    session.close()
    sent = run_sweep(runner, smtp, T0 + timedelta(minutes=5))
    assert sorted(rcpts[0] for rcpts, m in sent if m["X-Remiss-Kind"] == "outgoing_missiv") == \
        ["norr@example.se", "soder@example.se"]
    assert not [m for _, m in sent if m["X-Remiss-Kind"] == "outgoing_chaser"]  # chasers stay stopped
