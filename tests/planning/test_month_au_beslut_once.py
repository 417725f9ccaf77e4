"""An arbetsutskott's beslut is one event: the month calendar and the day page show it once, as "Arbetsutskott
(beslut)", not also as the remiss's "Arbetsutskott" step of the same day (walk11 finding 20)."""
from __future__ import annotations

import re
from datetime import date

from tests.planning.helpers import at, milestones
from tests.planning.test_beslut_before_approval import _approved


def _text(response) -> str:
    return response.get_data(as_text=True).replace("\u00ad", "").replace("&shy;", "")


def _au_decided(db, session, client, auth, clock) -> int:
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 8, 20, 10))
    clock.set(at(2015, 9, 11, 10))
    page = f"/remisser/{rid}"
    beslut = {"decided_by": "arbetsutskott", "meeting_on": "2015-09-10", "paragraf": "§ 88",
              "omedelbar_justering": "1"}
    assert auth.post(f"{page}/yttrande/beslut", beslut, form_url=page).status_code == 302
    rows = milestones(db, rid)
    # the situation: the remiss's two meeting steps both stand for the arbetsutskott of 10 September
    assert rows["namnd"].due_on == rows["arbetsutskott"].due_on == date(2015, 9, 10)
    assert rows["namnd"].label == "Arbetsutskott (beslut)"
    return rid


def test_an_arbetsutskott_beslut_shows_once_in_the_month_and_on_the_day(db, session, client, auth, clock):
    rid = _au_decided(db, session, client, auth, clock)
    month = _text(client.get("/kalender?manad=2015-09"))
    links = re.findall(rf'href="/remisser/{rid}#tidplan">(Arbetsutskott[^:]*):', month)
    assert links == ["Arbetsutskott (beslut)"], links
    day = _text(client.get("/kalender/dag?datum=2015-09-10"))
    assert re.findall(r'data-label="Vad">(Arbetsutskott[^<]*)<', day) == ["Arbetsutskott (beslut)"]



def test_the_remiss_page_tidplan_shows_the_arbetsutskott_beslut_once(db, session, client, auth, clock):
    """walk12, left over: the remiss page's own Tidplan listed "Arbetsutskott" and "Arbetsutskott (beslut)" on
    torsdag 10 september 2015, where the month calendar shows it once."""
    rid = _au_decided(db, session, client, auth, clock)
    page = _text(client.get(f"/remisser/{rid}"))
    tidplan = page[page.index('<ol class="history tidplan">'):]
    tidplan = tidplan[:tidplan.index("</ol>")]
    labels = re.findall(r"<strong>(Arbetsutskott[^<]*)</strong>", tidplan)
    assert labels == ["Arbetsutskott (beslut)"], labels
