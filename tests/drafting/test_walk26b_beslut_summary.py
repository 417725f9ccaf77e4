"""walk26b X17: the Beslut form's error summary listed "Ange ett giltigt datum …" twice with no field names, and a
missing delegat name was said only in a second round, after the dates were right."""
from __future__ import annotations

import html
import re

from tests.drafting.conftest import ready_to_decide


def test_the_summary_names_each_field_and_says_everything_in_one_round(session, w, auth, clock):
    rid = ready_to_decide(session, w, auth, clock)
    form = {"decided_by": "delegat", "delegat": "", "meeting_on": "31 februari 2027", "paragraf": "D 7",
            "justerad_on": "i morgon"}
    r = auth.post(f"/remisser/{rid}/yttrande/beslut", form, form_url=f"/remisser/{rid}")
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    summary = re.search(r'<h2>Beslutet sparades inte</h2>\s*<ul>(.*?)</ul>', page, re.S).group(1)
    items = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", li)).split())
             for li in re.findall(r"<li>(.*?)</li>", summary, re.S)]
    # old code: two "Ange ett giltigt datum …" alike, and no word of the delegat until the dates were right
    assert items[0] == "Delegatens namn och titel: Ange delegatens namn och titel.", items
    assert items[1].startswith("Sammanträdets eller delegationsbeslutets datum: Ange ett giltigt datum"), items
    assert len(items) == 2, items  # a delegationsbeslut has no justering: its date is moot
