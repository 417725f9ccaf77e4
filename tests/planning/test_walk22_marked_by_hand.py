"""walk22 L3: "Markera som klar" on Tjänsteskrivelse klar (or Granskning klar) made the Tidplan say "Skickad till
granskning 6 december 2026" ("Godkänd …") although no yttrande existed, nothing went to granskning and nobody
approved anything. A step marked by hand now says so, on the remiss page, in the API and in the calendar feed;
marked not done again it has its plan back."""
from __future__ import annotations

import icalendar
from sqlmodel import select

from remiss.auth.models import User
from tests.planning.helpers import fetch, milestones
from tests.planning.test_walk11_hand_set_meeting import _world
from tests.support.pages import visible_text


def _mark(auth, rid: int, milestone_id: int, done: str = "1"):
    page = f"/remisser/{rid}"
    response = auth.post(f"{page}/tidplan/klar", {"milestone_id": milestone_id, "done": done}, form_url=page)
    assert response.status_code == 302
    return response


def test_a_step_marked_klar_by_hand_says_so_everywhere(db, client, auth, session, clock):
    remiss = _world(session, clock)  # today 4 December 2026
    rows = milestones(db, remiss.id)
    planned_written = rows["tjansteskrivelse"].explanation
    auth.login("mia@kommun.se")
    [user] = fetch(db, select(User).where(User.email == "mia@kommun.se"))
    said = f"Markerad som klar för hand 4 december 2026 av {user.name}."
    _mark(auth, remiss.id, rows["tjansteskrivelse"].id)
    _mark(auth, remiss.id, rows["granskning"].id)

    tidplan = visible_text(client.get(f"/remisser/{remiss.id}").get_data(as_text=True).split('id="tidplan"', 1)[1]
                    .split('id="forlangningar"', 1)[0])
    # old code: "Skickad till granskning 4 december 2026, planerat …" and "Godkänd 4 december 2026, …"
    assert "Skickad till granskning" not in tidplan and "Godkänd" not in tidplan, tidplan
    assert tidplan.count(said) == 2, tidplan
    assert "efter att yttrandet kom till granskning" not in tidplan

    api = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["milestones"]}
    assert api["tjansteskrivelse"]["explanation"] == said and api["granskning"]["explanation"] == said
    assert api["tjansteskrivelse"]["status"] == "done"

    cal = icalendar.Calendar.from_ical(client.get(f"/ics/anvandare/{user.ics_token}/namnd/{remiss.namnd_id}.ics").data)
    descriptions = {str(e["SUMMARY"]).split(":")[0]: str(e.get("DESCRIPTION", "")) for e in cal.walk("VEVENT")}
    assert not any("Skickad till granskning" in d or "Godkänd" in d for d in descriptions.values()), descriptions
    # the Kalender shows done work on the day it was done, as done, never as sent or approved
    day = visible_text(client.get("/kalender/dag?datum=2026-12-04").get_data(as_text=True))
    assert "Tjänsteskrivelse klar" in day and "Skickad till granskning" not in day and "Godkänd" not in day, day

    _mark(auth, remiss.id, rows["tjansteskrivelse"].id, done="0")  # not done after all: its plan again
    again = milestones(db, remiss.id)["tjansteskrivelse"]
    assert again.done_at is None and again.explanation == planned_written
