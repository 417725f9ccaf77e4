"""truth17 F9: closing an utgående remiss stopped the missiv mails still waiting in the outbox ("Remissen är
avslutad."), while every view (per instans "med e-post", the API's delivery and sent_at, the export) said the
instanser had been sent it; F9 then let them go out after the closing. walk28 Z4: a missiv mailed after the case is
closed asks for answers that can no longer be registered, so closing stops it with its reason, as it stops a
besked om anstånd (walk27 Y8), and the views say it was stopped instead of that it was sent; the chasers stop too.
Reopening puts it back (test_walk28_close_missiv)."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from remiss.outgoing import held
from remiss.outgoing.service import closing
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk16_close import SYSTEM, stale  # noqa: F401  (a fixture)
from tests.support.factories import T0


def test_missiv_mails_waiting_when_the_case_is_closed_are_stopped_and_said_so(session, stale, app, runner, smtp):
    remiss, norr, soder, _ = stale
    closing.close(session, now=T0, principal=SYSTEM, remiss=remiss, stale_ok=True)
    session.commit()
    waiting = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_missiv")).all()
    assert [(row.status, row.last_error, row.sent_at) for row in waiting] == [
        ("cancelled", closing.NOTICE_CANCELLED, None)] * 2  # never swept before closing
    mail = held.missiv_status(session, remiss.id)
    assert [held.row_words(e, mail.get(e.id)) for e in remisser.entries(session, remiss.id)] == [
        "stoppat i utkorgen (inte skickat)"] * 2  # not "Skickad … med e-post"
    session.close()
    sent = run_sweep(runner, smtp, T0 + timedelta(minutes=5))
    assert not [m for _, m in sent if m["X-Remiss-Kind"] in ("outgoing_missiv", "outgoing_chaser")]
