"""truth16 F7: the Tidplan said the nämndsammanträde of torsdag 24 September was "klar fredag 25 september" – the
day the beslut was typed in. A done sammanträde is klar on its meeting day; the API keeps done_at (when it was
registered) and adds held_on."""
from __future__ import annotations

import html

from tests.planning.helpers import at
from tests.planning.test_beslut_before_approval import _approved


def test_a_meeting_step_is_klar_on_its_meeting_day(db, session, client, auth, clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 8, 20, 10))
    clock.set(at(2015, 9, 25, 10))  # the day after the meeting
    page = f"/remisser/{rid}"
    beslut = {"decided_by": "namnd", "meeting_on": "2015-09-24", "paragraf": "§ 142", "omedelbar_justering": "1"}
    assert auth.post(f"{page}/yttrande/beslut", beslut, form_url=page).status_code == 302
    text = html.unescape(client.get(page).get_data(as_text=True))
    tidplan = text[text.index('<ol class="history tidplan">'):]
    assert "klar torsdag 24 september 2015" in tidplan  # the nämnd met then
    assert "klar torsdag 10 september 2015" in tidplan  # the arbetsutskott met then
    assert "klar fredag 25 september 2015" not in tidplan
    by_kind = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{rid}").get_json()["milestones"]}
    assert by_kind["namnd"]["held_on"] == "2015-09-24" and by_kind["namnd"]["done_at"].startswith("2015-09-25")
    assert by_kind["arbetsutskott"]["held_on"] == "2015-09-10"
    assert by_kind["justering"]["held_on"] == "2015-09-24" and by_kind["tjansteskrivelse"]["held_on"] is None
