"""walk27 Y1: a Protokollet justerades den outside 1900–2199 (3000-01-01) was the only error the Beslut form said;
the sammanträdesplan's question (no nämnd meeting that day) came in a later round. Every error comes in one answer,
in the order of the fields, with what was typed kept."""
from __future__ import annotations

import html
import re

from tests.drafting.conftest import ready_to_decide


def _summary(page: str) -> list[str]:
    summary = re.search(r'<h2>Beslutet sparades inte</h2>\s*<ul>(.*?)</ul>', page, re.S).group(1)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", li)).split())
            for li in re.findall(r"<li>(.*?)</li>", summary, re.S)]


def test_a_date_out_of_range_hides_no_other_error(session, w, auth, clock):
    rid = ready_to_decide(session, w, auth, clock)  # the plan has the nämnd's meeting of 24 September 2015
    form = {"decided_by": "namnd", "delegat": "", "meeting_on": "2015-09-23", "paragraf": "x" * 5000,
            "justerad_on": "3000-01-01"}
    r = auth.post(f"/remisser/{rid}/yttrande/beslut", form, form_url=f"/remisser/{rid}")
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    items = _summary(page)
    # old code: the paragraf and the date, but not the sammanträdesplan's question until the date was right
    assert len(items) == 3, items
    # the date's question follows the date, before Paragraf (walk28 Z10)
    assert items[0].startswith("Sammanträdets eller delegationsbeslutets datum: "), items
    assert "har inget sammanträde onsdag 23 september 2015 i sammanträdesplanen" in items[0], items
    assert items[1] == "Paragraf: Ange paragrafen som i protokollet, t.ex. § 142, § 12 a eller §§ 12–13.", items
    assert items[2] == "Protokollet justerades den: Ange ett datum mellan år 1900 och 2199.", items
    assert 'value="3000-01-01"' in page and 'value="2015-09-23"' in page  # nothing typed is lost


def test_a_justering_date_not_read_is_said_with_the_meeting_date_in_the_future(session, w, auth, clock):
    """The meeting date read is checked though the justering date is not: a beslut dated after today."""
    rid = ready_to_decide(session, w, auth, clock)
    form = {"decided_by": "namnd", "delegat": "", "meeting_on": "2015-12-24", "paragraf": "§ 142",
            "justerad_on": "31 februari 2015"}
    r = auth.post(f"/remisser/{rid}/yttrande/beslut", form, form_url=f"/remisser/{rid}")
    assert r.status_code == 400
    items = _summary(r.get_data(as_text=True))
    assert items[0].startswith("Sammanträdets eller delegationsbeslutets datum: Beslutet registreras efter "
                               "sammanträdet"), items
    assert items[1].startswith("Protokollet justerades den: Ange ett giltigt datum"), items
    assert len(items) == 2, items
