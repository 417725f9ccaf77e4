"""The mail lines of a rättelse under "Expedierat" and in the flash: a rättelse is an en-ord, so "Den är inte
skickad ännu" and "skicka den igen", where the yttrande's say "Det är inte skickat ännu" and "skicka det igen"."""
from __future__ import annotations

import html
import re
from collections import namedtuple
from datetime import datetime, timezone

from sqlalchemy import update

from remiss.drafting import mail_state
from remiss.reminders.models import OutboxMessage
from tests.drafting.test_expediering_mail import approve_and_decide_rattelse, expediera, rattelse_in_granskning


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def test_a_rattelse_waiting_or_failed_in_the_utkorg_is_said_as_an_en_word(decided, auth, runner, clock, session):
    rid = decided()
    page = f"/remisser/{rid}"
    rattelse_in_granskning(auth, runner, clock, rid, "Rättad.")
    approve_and_decide_rattelse(auth, rid)
    done = _text(expediera(auth, rid, follow_redirects=True))
    assert "Remissens sida säger när den är skickad." in done
    assert "när det är skickat" not in done

    shown = _text(auth.client.get(page))
    assert "Rättelse väntar i utkorgen sedan" in shown
    assert "till kulturkansli@malmo.se inom några minuter. Den är inte skickad ännu." in shown
    assert "Det är inte skickat ännu" not in shown  # the yttrande's mail went at the first sweep

    session.execute(update(OutboxMessage).where(OutboxMessage.remiss_id == rid, OutboxMessage.status == "pending")
                    .values(status="failed", last_error="550 Mailbox unavailable"))
    session.commit()
    shown = _text(auth.client.get(page))
    assert ("Rättelse kunde inte e-postas till kulturkansli@malmo.se: en administratör kan skicka den igen från "
            "utkorgen.") in shown
    assert "skicka det igen" not in shown


Row = namedtuple("Row", "key status sent_at recipient_email attempts created_at")


def test_during_an_outage_a_waiting_rattelse_is_not_skickad_and_the_yttrande_not_skickat():
    at = datetime(2015, 10, 12, 10, 0, tzinfo=timezone.utc)
    row = Row("yttrande:1:2", "pending", None, "a@b.se", 0, at)
    assert "så den är inte skickad. " in mail_state.words(row, "Rättelse 2", neuter=False, down=at)
    assert "så det är inte skickat. " in mail_state.words(row, "Yttrandet", down=at)
