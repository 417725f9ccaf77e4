"""walk26b X2: a delegationsbeslut was called "Nämndsammanträde" in the history and the Tidplan, and the Beslut form
was prefilled "Förifyllt med nämndsammanträdet i tidplanen" from a "Beslut (inget sammanträde)" step."""
from __future__ import annotations

import html
import re

from sqlmodel import select

from remiss.calendar.milestones import NO_MEETING_LABEL
from remiss.planning.models import Milestone
from tests.drafting.conftest import DECIDED_AT, approve


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace("\u00ad", "")


def test_a_delegationsbeslut_is_not_a_nämndsammanträde(session, w, auth, clock):
    approve(session, w)
    rid = w["remiss"].id
    step = session.exec(select(Milestone).where(Milestone.remiss_id == rid, Milestone.kind == "namnd")).one()
    step.label = NO_MEETING_LABEL  # no sammanträde fits before the sista svarsdag (calendar.planner)
    session.add(step)
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["registrator"].email)
    page = auth.client.get(f"/remisser/{rid}").get_data(as_text=True)
    # old code: the box held the step's day, "Förifyllt med nämndsammanträdet i tidplanen."
    assert "Förifyllt med nämndsammanträdet" not in page, page
    assert "Inget sammanträde i tidplanen passar; ange beslutets datum." in page
    r = auth.post(f"/remisser/{rid}/yttrande/beslut", {"decided_by": "delegat", "delegat": "Eva Ek, stadsområdeschef",
                                                       "meeting_on": "2015-09-24", "paragraf": "D 7"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 302, _text(r.get_data(as_text=True))[:3000]
    shown = _text(auth.client.get(f"/remisser/{rid}").get_data(as_text=True))
    history = shown.rsplit("Historik", 1)[-1]
    # old code: "Nämndsammanträde (klar): nej → ja", "Nämndsammanträdet kan inte markeras som inte klar"
    assert "Nämndsammanträde" not in history, history
    assert "Delegationsbeslut (klar): nej → ja" in history, history
    assert "Delegationsbeslutet kan inte markeras som inte klar" in shown
