"""truth17 F14: a nämndsammanträde dated by hand (Tidplan, Ändra datum) kept the computed explanation in the
nämnd's calendar feed and the API ("… torsdag 17 december 2026 kl. 17.30" on an event on 4 December), while the
remiss page said "Satt för hand, beräknat datum var …, motivering: …"."""
from __future__ import annotations

from datetime import date

import icalendar
from sqlmodel import select

from remiss.auth.models import User
from tests.planning.helpers import fetch, milestones
from tests.planning.test_walk11_hand_set_meeting import _world


def test_a_date_set_by_hand_says_so_in_the_feed_and_the_api(db, client, auth, session, clock):
    remiss = _world(session, clock)
    namnd = milestones(db, remiss.id)["namnd"]
    assert namnd.due_on == date(2027, 3, 1)
    auth.login("mia@kommun.se")
    form = {"milestone_id": str(namnd.id), "override_on": "2027-01-28",
            "reason": "Ärendet tas upp vid januarisammanträdet"}
    assert auth.post(f"/remisser/{remiss.id}/tidplan/andra", form,
                     form_url=f"/remisser/{remiss.id}").status_code == 302
    said = ("Satt för hand, beräknat datum var måndag 1 mars 2027, motivering: Ärendet tas upp vid "
            "januarisammanträdet.")
    detail = client.get(f"/api/v1/remisser/{remiss.id}").get_json()
    api = next(m for m in detail["milestones"] if m["kind"] == "namnd")
    assert api["due"] == "2027-01-28" and api["explanation"] == said
    [user] = fetch(db, select(User).where(User.email == "mia@kommun.se"))
    cal = icalendar.Calendar.from_ical(client.get(f"/ics/anvandare/{user.ics_token}/namnd/{remiss.namnd_id}.ics").data)
    event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Nämndsammanträde"))
    assert event.decoded("DTSTART") == date(2027, 1, 28)
    assert str(event["DESCRIPTION"]).startswith(said)
    assert "1 mars 2027 kl." not in str(event["DESCRIPTION"])


def test_a_meeting_set_earlier_by_hand_moves_what_follows_and_flags_what_no_longer_fits(db, client, auth, session,
                                                                                       clock):
    """The rest of the plan followed only a meeting set later: steps preparing the meeting stayed after it, saying
    they came "före nämndsammanträdet" of the computed date, and the justering stayed after the computed meeting."""
    remiss = _world(session, clock)
    auth.login("mia@kommun.se")
    rows = milestones(db, remiss.id)
    assert rows["tjansteskrivelse"].due_on == date(2027, 2, 15)
    form = {"milestone_id": str(rows["namnd"].id), "override_on": "2027-01-28", "reason": "Tidigare sammanträde"}
    assert auth.post(f"/remisser/{remiss.id}/tidplan/andra", form,
                     form_url=f"/remisser/{remiss.id}").status_code == 302
    rows = milestones(db, remiss.id)
    assert date(2027, 1, 28) < rows["justering"].due_on < rows["expediering"].due_on < date(2027, 3, 1)
    for kind, label in (("tjansteskrivelse", "Tjänsteskrivelse klar måndag 15 februari 2027"),
                        ("granskning", "Granskning klar torsdag 18 februari 2027")):
        # walk19: its short reason said "ingår inte längre i den beräknade tidplanen" beside this explanation
        assert rows[kind].flagged and rows[kind].flag_reason == "efter_sammantrade", kind
        assert rows[kind].explanation.startswith(f"{label} ligger efter nämndsammanträdet torsdag 28 januari 2027, "
                                                 "satt för hand, och hinner inte före det.")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "ligger efter nämndsammanträdet torsdag 28 januari 2027, satt för hand" in page
    api = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["milestones"]}
    assert api["tjansteskrivelse"]["flag_reason_text"] == "ligger efter nämndsammanträdet som är satt för hand"
    assert "ingår inte längre i den beräknade tidplanen" not in page
    # the date cleared: the computed plan again, nothing flagged for it
    assert auth.post(f"/remisser/{remiss.id}/tidplan/andra", {"milestone_id": str(rows["namnd"].id),
                                                              "override_on": "", "reason": ""},
                     form_url=f"/remisser/{remiss.id}").status_code == 302
    rows = milestones(db, remiss.id)
    assert not rows["tjansteskrivelse"].flagged and rows["justering"].due_on > date(2027, 3, 1)
