"""The Tidplan panel lists its steps by the date shown, same-day steps in workflow order: after a back-dated
beslut the done steps keep their planned dates (walk11 finding 9), which may come after the meeting."""
from __future__ import annotations

import re
from datetime import date

from tests.planning.helpers import milestones
from tests.planning.test_beslut_before_approval import _approved
from tests.planning.helpers import at


def _shown_order(page: str) -> list[str]:
    panel = page.split('id="tidplan"')[1].split("</ol>")[0]
    return re.findall(r'id="milstolpe-([a-z_]+)"', panel)


def test_the_tidplan_lists_its_steps_by_date_after_a_back_dated_beslut(db, session, client, auth, clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 8, 20, 10))
    page = f"/remisser/{rid}"
    beslut = {"decided_by": "namnd", "meeting_on": "2015-08-19", "paragraf": "§ 17", "omedelbar_justering": "1",
              "confirm_meeting": "1", "confirm_before_approval": "1"}
    assert auth.post(f"{page}/yttrande/beslut", beslut, form_url=page).status_code == 302
    rows = milestones(db, rid)
    # the situation: the meeting is dated before the tjänsteskrivelse's kept plan
    assert rows["namnd"].due_on == date(2015, 8, 19) < rows["tjansteskrivelse"].due_on

    shown = _shown_order(client.get(page).get_data(as_text=True))
    assert sorted(shown) == sorted(rows)
    assert shown == sorted(rows, key=lambda kind: (rows[kind].due_on, rows[kind].position))
    assert shown.index("namnd") < shown.index("justering") < shown.index("tjansteskrivelse")  # a tie: step order
    assert rows["namnd"].due_on == rows["justering"].due_on
