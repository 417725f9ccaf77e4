"""The Tidplan panel lists its steps in workflow order, whatever their dates (walk17 F4): after a back-dated beslut
the done steps keep their planned dates (walk11 finding 9), which may come after the meeting; the list had put
"Tjänsteskrivelse klar" and "Granskning klar" after Nämnd and Justering, headed by those planned dates, while the
Kalender showed them on the day they were done. A done step of work now leads with the day it was done and says
the planned day after it, as the Kalender does."""
from __future__ import annotations

import html
import re
from datetime import date

from remiss.calendar.milestones import MILESTONE_KINDS
from tests.planning.helpers import milestones
from tests.planning.test_beslut_before_approval import _approved
from tests.planning.helpers import at


def _shown_order(page: str) -> list[str]:
    panel = page.split('id="tidplan"')[1].split("</ol>")[0]
    return re.findall(r'id="milstolpe-([a-z_]+)"', panel)


def _row(page: str, kind: str) -> str:
    start = page.index(f'id="milstolpe-{kind}"')
    return page[start:page.index("</li>", start)]


def test_the_tidplan_keeps_the_workflow_order_after_a_back_dated_beslut(db, session, client, auth, clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 8, 20, 10))
    page = f"/remisser/{rid}"
    beslut = {"decided_by": "namnd", "meeting_on": "2015-08-19", "paragraf": "§ 17", "omedelbar_justering": "1",
              "confirm_meeting": "1", "confirm_before_approval": "1"}
    assert auth.post(f"{page}/yttrande/beslut", beslut, form_url=page).status_code == 302
    rows = milestones(db, rid)
    # the situation: the meeting is dated before the tjänsteskrivelse's kept plan
    assert rows["namnd"].due_on == date(2015, 8, 19) < rows["tjansteskrivelse"].due_on
    planned = rows["tjansteskrivelse"].due_on

    text = html.unescape(client.get(page).get_data(as_text=True))
    shown = _shown_order(text)
    assert sorted(shown) == sorted(rows)
    assert shown == [kind for kind in MILESTONE_KINDS if kind in shown]
    written = _row(text, "tjansteskrivelse")
    assert "Tjänsteskrivelse klar</strong>: torsdag 20 augusti 2015" in written, written
    assert "(klar, planerat torsdag 27 augusti 2015;" in written and planned == date(2015, 8, 27), written
    assert "Nämndsammanträde</strong>: onsdag 19 augusti 2015" in _row(text, "namnd")
    # the Kalender shows the same day
    day = html.unescape(client.get("/kalender/dag?datum=2015-08-20").get_data(as_text=True))
    entry = day[day.index("Tjänsteskrivelse klar"):]
    assert '<span class="tag">Klar</span> <span class="hint">(planerat 27 augusti)</span>' in entry[:entry.index("</tr>")]
