"""walk10 finding 9: the Beslut form says "Förifyllt med nämndsammanträdet i tidplanen." only while the date box
holds the tidplan's meeting, never under a date the user typed and the form gave back with a question."""
from __future__ import annotations

from tests.planning.helpers import at
from tests.planning.test_beslut_before_approval import BESLUT, _approved

PREFILLED = "Förifyllt med nämndsammanträdet i tidplanen."


def _meeting_field(html: str) -> str:
    start = html.index('id="beslut-form"')
    return html[start:html.index('name="paragraf"', start)]


def test_the_prefilled_hint_follows_the_date_in_the_box(db, session, client, auth, clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 9, 8, 10))
    clock.set(at(2015, 9, 25, 10))  # the planned meeting of 24 September has been held
    page = f"/remisser/{rid}"
    fresh = _meeting_field(client.get(page).get_data(as_text=True))
    assert 'value="2015-09-24"' in fresh and PREFILLED in fresh

    # a typed date that is no meeting day comes back with a question: not "Förifyllt"
    typed = auth.post(f"{page}/yttrande/beslut", BESLUT | {"meeting_on": "2015-09-23"}, form_url=page)
    assert typed.status_code == 400
    field = _meeting_field(typed.get_data(as_text=True))
    assert 'value="2015-09-23"' in field
    assert PREFILLED not in field
    assert "Inget sammanträde i tidplanen passar" not in field  # the tidplan has one

    # the tidplan's date still in the box (another field refused): the hint holds
    kept = auth.post(f"{page}/yttrande/beslut", BESLUT | {"justerad_on": "inte ett datum",
                                                          "omedelbar_justering": ""}, form_url=page)
    assert kept.status_code == 400
    field = _meeting_field(kept.get_data(as_text=True))
    assert 'value="2015-09-24"' in field and PREFILLED in field
