"""walk11 finding 9: a back-dated beslut (a day before the yttrande was approved, with no meeting) must not rewrite
the planned dates of the steps already done: the tidplan keeps the date planned when each was done, and the
tjänsteskrivelse document is not dated the meeting day, a day before its text existed."""
from __future__ import annotations

from datetime import date

from remiss.auth.access import Principal
from remiss.drafting.generate import render
from remiss.remisser.models import Remiss
from tests.drafting.conftest import header_text
from tests.planning.test_beslut_before_approval import _approved
from tests.planning.helpers import at, milestones
from remiss.auth.models import User
from sqlmodel import select


def test_a_back_dated_beslut_keeps_the_plan_that_held_when_the_work_was_done(db, session, client, auth, clock):
    # written and approved on 20 August, a week before the plan asked for it
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 8, 20, 10))
    before = milestones(db, rid)
    planned = {kind: before[kind].due_on for kind in ("tjansteskrivelse", "granskning")}
    assert planned["tjansteskrivelse"] > date(2015, 8, 20) and planned["granskning"] > date(2015, 8, 20)

    page = f"/remisser/{rid}"
    beslut = {"decided_by": "namnd", "meeting_on": "2015-08-19", "paragraf": "§ 17", "omedelbar_justering": "1",
              "confirm_meeting": "1", "confirm_before_approval": "1"}
    assert auth.post(f"{page}/yttrande/beslut", beslut, form_url=page).status_code == 302
    rows = milestones(db, rid)
    assert rows["namnd"].due_on == date(2015, 8, 19)
    for kind in ("tjansteskrivelse", "granskning"):
        assert (rows[kind].planned_on, rows[kind].due_on) == (planned[kind], planned[kind]), kind

    shown = client.get(page).get_data(as_text=True)
    assert "Skickad till granskning 20 augusti 2015, planerat 27 augusti" in shown
    assert "planerat 19 augusti" not in shown

    session.expire_all()
    remiss = session.get(Remiss, rid)
    user = session.exec(select(User).where(User.email == "sekr@oster.se")).one()
    tjanst = render(session, now=clock(), principal=Principal.of(session, user), remiss=remiss,
                    kind="tjansteskrivelse")
    header = header_text(tjanst.data)
    assert "20 augusti 2015" in header and "19 augusti 2015" not in header, header
