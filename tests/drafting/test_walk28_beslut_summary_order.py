"""walk28 Z10: the Beslut form's summary said Paragraf before the two questions about the date (a beslut before the
yttrande was approved, a day without a sammanträde), and those two without the field's name. They are the date's:
named by its label and listed after it, before Paragraf, the boxes to confirm them right under the date."""
from __future__ import annotations

from datetime import datetime, timezone

from remiss.clock import STOCKHOLM
from remiss.namnd.models import Meeting
from tests.drafting.conftest import DECIDED_AT, approve
from tests.support.pages import summary_items

DATE = "Sammanträdets eller delegationsbeslutets datum"


def test_the_date_questions_come_after_the_date_named_by_it(session, w, auth, clock):
    session.add(Meeting(namnd_id=w["remiss"].namnd_id, kind="namnd",  # the plan's one meeting: not the day typed
                        starts_at=datetime(2015, 9, 24, 17, 0, tzinfo=STOCKHOLM)))
    approve(session, w, at=datetime(2015, 9, 21, 8, 0, tzinfo=timezone.utc))  # after the day typed below
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["registrator"].email)
    rid = w["remiss"].id
    session.rollback()
    form = {"decided_by": "namnd", "meeting_on": "2015-09-15", "paragraf": "0", "justerad_on": "2015-09-14"}
    response = auth.post(f"/remisser/{rid}/yttrande/beslut", form, form_url=f"/remisser/{rid}")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    items = summary_items(page, "Beslutet sparades inte")
    # old code: Paragraf first, then the two date questions with no field name, then the justering
    assert [item.split(":")[0] for item in items] == [DATE, DATE, "Paragraf", "Protokollet justerades den"], items
    assert items[0].startswith(f"{DATE}: Yttrandet godkändes måndag 21 september 2015, efter beslutsdatumet"), items
    assert "har inget sammanträde tisdag 15 september 2015" in items[1], items
    # each links to its box, and the boxes stand under the date, before Paragraf, on the page too
    assert 'href="#f-b-confirm_before_approval"' in page and 'href="#f-b-confirm_meeting"' in page
    assert (page.index('id="f-b-meeting_on"') < page.index('id="f-b-confirm_before_approval"')
            < page.index('id="f-b-confirm_meeting"') < page.index('id="f-b-paragraf"'))
    assert 'value="2015-09-15"' in page and 'value="2015-09-14"' in page  # nothing typed lost
