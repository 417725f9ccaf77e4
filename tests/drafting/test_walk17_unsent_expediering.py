"""walk17 F12: a remiss without an answer address, expedierad: nothing has left the house, so the Tidplan's
Expediering stays open ("väntar på att skickas") until the sending is registered, in the page and the API, and the
reminders do not take it as done."""
from __future__ import annotations

import html
import re
from sqlmodel import select

from remiss.planning.models import Milestone
from tests.drafting.test_expediering_mail import expediera


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _expediering(client, rid: int) -> dict:
    return next(m for m in client.get(f"/api/v1/remisser/{rid}").get_json()["milestones"] if m["kind"] == "expediering")


def test_expediering_stays_open_until_the_sending_is_registered(decided, auth, client, session, reader):
    rid = decided(answer_email="")  # the beslut plans the expediering
    assert expediera(auth, rid).status_code == 302
    shown = _expediering(client, rid)
    assert shown["status"] == "open" and shown["done_at"] is None
    assert "Väntar på att skickas – skicka yttrandet till remittenten och registrera hur det skickades" \
        in shown["explanation"]
    tidplan = _text(client.get(f"/remisser/{rid}").get_data(as_text=True)).split("Tidplan", 1)[-1]
    assert "Expedierat 24 september" not in tidplan and "Väntar på att skickas" in tidplan
    reader.rollback()
    open_rows = reader.exec(select(Milestone).where(Milestone.remiss_id == rid, Milestone.kind == "expediering",
                                                    Milestone.done_at.is_(None))).all()
    assert len(open_rows) == 1  # the reminders read the open milestones: this one is still to do

    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/yttrande/skickat", {"way": "post", "sent_on": "24 september 2015"},
                     form_url=page).status_code == 302
    shown = _expediering(client, rid)
    assert shown["status"] == "done"
    assert shown["explanation"] == "Yttrandet skickat per post den 24 september 2015."
    tidplan = _text(client.get(f"/remisser/{rid}").get_data(as_text=True)).split("Tidplan", 1)[-1]
    assert "Väntar på att skickas" not in tidplan and "Expedierat " in tidplan


def test_the_reminder_of_an_expedierat_unsent_yttrande_asks_for_the_sending(decided, auth, smtp, runner):
    from tests.drafting.test_expediering_mail import sweep

    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    sweep(runner, "2015-09-28T08:05")
    said = [(m["Subject"], m.get_body(("plain",)).get_content()) for _, m in smtp.received
            if "Expediering" in m["Subject"] or "expediering" in m["Subject"]]
    assert said, [m["Subject"] for _, m in smtp.received]
    for subject, body in said:
        text = " ".join(body.split())
        assert "Yttrandet skulle ha skickats till remittenten" in text and "expedierats" not in text
        assert "Expediera det justerade yttrandet" not in text
        if not subject.split("] ", 1)[-1].startswith("Eskalering"):  # an escalation asks to get the work moving
            assert "registrera hur det skickades" in text
    assert any(not s.split("] ", 1)[-1].startswith("Eskalering") for s, _ in said), [s for s, _ in said]
