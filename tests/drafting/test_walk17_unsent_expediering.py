"""walk17 F12: a remiss without an answer address, expedierad: nothing has left the house, so the Tidplan's Sista
svarsdag stays open ("väntar på att skickas") until the sending is registered, in the page and the API, and the
reminders do not take it as done. Since walk25b Z5 the Expediering itself is done at the expediering (it stayed open
and read "Försenad" though it was done): what waits is the sending."""
from __future__ import annotations

from sqlmodel import select

from remiss.planning.models import Milestone
from tests.drafting.test_expediering_mail import expediera
from tests.support.pages import visible_text


def _step(client, rid: int, kind: str) -> dict:
    return next(m for m in client.get(f"/api/v1/remisser/{rid}").get_json()["milestones"] if m["kind"] == kind)


def test_the_sending_stays_open_until_it_is_registered(decided, auth, client, session, reader):
    rid = decided(answer_email="")  # the beslut plans the expediering
    assert expediera(auth, rid).status_code == 302
    assert _step(client, rid, "expediering")["status"] == "done"
    shown = _step(client, rid, "sista_svarsdag")
    assert shown["status"] == "open" and shown["done_at"] is None
    assert "Väntar på att skickas – skicka yttrandet till remittenten och registrera hur det skickades" \
        in shown["explanation"]
    tidplan = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True)).split("Tidplan", 1)[-1]
    assert "Expedierat 24 september" in tidplan and "Väntar på att skickas" in tidplan
    reader.rollback()
    open_rows = reader.exec(select(Milestone).where(Milestone.remiss_id == rid, Milestone.kind == "sista_svarsdag",
                                                    Milestone.done_at.is_(None))).all()
    assert len(open_rows) == 1  # the reminders read the open milestones: this one is still to do

    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/yttrande/skickat", {"way": "post", "sent_on": "24 september 2015"},
                     form_url=page).status_code == 302
    shown = _step(client, rid, "sista_svarsdag")
    assert shown["status"] == "done"
    assert shown["explanation"] == "Yttrandet skickat per post den 24 september 2015."
    tidplan = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True)).split("Tidplan", 1)[-1]
    assert "Väntar på att skickas" not in tidplan and "Expedierat " in tidplan


def test_the_reminder_of_an_expedierat_unsent_yttrande_asks_for_the_sending(decided, auth, smtp, runner):
    from tests.drafting.test_expediering_mail import sweep

    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    sweep(runner, "2015-09-28T08:05")
    subjects = [m["Subject"] for _, m in smtp.received]
    # the expediering is done: no reminder of it; the sista svarsdag's asks for the sending
    assert not any("xpediering" in subject for subject in subjects), subjects
    said = [" ".join(m.get_body(("plain",)).get_content().split()) for _, m in smtp.received
            if m["X-Remiss-Kind"] == "on_day"]
    assert said, subjects
    for text in said:
        assert "registrera hur det skickades" in text and "expedierats" not in text
        assert "Expediera det justerade yttrandet" not in text


def test_after_the_sista_svarsdag_the_reminder_still_asks_for_the_sending(decided, auth, smtp, runner):
    """walk26b X16: the overdue mail said "Begär förlängd remisstid hos remittenten, eller svara så snart som
    möjligt" of a yttrande decided and expedierat, only not sent."""
    from tests.drafting.test_expediering_mail import sweep

    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    sweep(runner, "2015-09-29T08:05")  # the sista svarsdag (28 September) has passed: the overdue reminder
    sweep(runner, "2015-09-30T08:05")  # and the escalation
    said = [" ".join(m.get_body(("plain",)).get_content().split()) for _, m in smtp.received
            if "Sista svarsdag" in m["Subject"] or "sista svarsdag" in m["Subject"]]
    assert said, [(m["Subject"], m["X-Remiss-Kind"]) for _, m in smtp.received]
    kinds = [m["X-Remiss-Kind"] for _, m in smtp.received]
    # old code: "Du har tilldelats … börja arbeta med tjänsteskrivelsen", queued at the assignment (walk26b X10)
    assert "assigned" not in kinds, kinds
    for text in said:  # old code: both; the escalation "… eller att förlängd remisstid begärs i tid"
        assert "förlängd remisstid" not in text and "svara så snart som möjligt" not in text, text
    overdue = [" ".join(m.get_body(("plain",)).get_content().split()) for _, m in smtp.received
               if m["X-Remiss-Kind"] == "overdue"]
    assert overdue and all("Yttrandet är expedierat men inte skickat – skicka det till remittenten i dag" in text
                           for text in overdue), overdue
