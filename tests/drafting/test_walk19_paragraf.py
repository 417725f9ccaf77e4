"""walk19 G8: the beslut's Paragraf takes what protokoll print ("§ 214", "214", "§ 12 a", "§§ 12–13"), stored in one
form; other text is refused in Swedish with what was typed kept (form and API) and never reaches the yttrande.
walk19 G9: "Ändra beslutet" keeps an extra sammanträde confirmed for the date it was recorded with."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from remiss.clock import STOCKHOLM
from remiss.drafting import generate
from remiss.namnd.models import Meeting
from remiss.remisser.input import InputErrors
from tests.conftest import csrf_token
from tests.drafting.conftest import DECIDED_AT, approve, decide, record
from tests.drafting.test_decision import docx_text, header
from tests.support.pages import visible_text


PARAGRAF_FORM = "Ange paragrafen som i protokollet, t.ex. § 142, § 12 a eller §§ 12–13."


@pytest.mark.parametrize("typed, stored", [("214", "§ 214"), ("§214", "§ 214"), (" § 12  a ", "§ 12 a"),
                                           ("12A", "§ 12 a"), ("§§ 12–13", "§§ 12–13"), ("12-13", "§§ 12–13"),
                                           ("KS §142", "KS § 142")])
def test_a_paragraf_as_protokoll_write_it_is_stored_in_one_form(session, w, typed, stored):
    approve(session, w)
    assert record(session, w, paragraf=typed).paragraf == stored


@pytest.mark.parametrize("typed", ["§ abc<script>", "abc", "§ 12 abc", "§ 12, 13"])
def test_a_paragraf_without_a_number_is_refused_and_not_printed(session, w, typed):
    approve(session, w)
    with pytest.raises(InputErrors) as refused:
        record(session, w, paragraf=typed)
    assert refused.value.errors["paragraf"] == PARAGRAF_FORM
    text = docx_text(generate.render(session, now=DECIDED_AT, principal=w["r"], remiss=w["remiss"],
                                     kind="yttrande").data)
    assert "föreslås besluta" in text and typed.strip() not in text


def test_a_delegationsbeslut_keeps_its_own_number_but_not_markup(session, w):
    approve(session, w)
    assert record(session, w, decided_by="delegat", delegat="Anna Svensson", meeting_on=date(2015, 9, 21),
                  paragraf="D 12/2015").paragraf == "D 12/2015"
    with pytest.raises(InputErrors) as refused:
        record(session, w, decided_by="delegat", delegat="Anna Svensson", meeting_on=date(2015, 9, 21),
               paragraf="<b>x</b>")
    assert refused.value.errors["paragraf"].startswith("Ange delegationsbeslutets nummer")


def test_the_form_and_the_api_refuse_and_keep_what_was_typed_then_print_the_stored_form(w, session, auth, client,
                                                                                       clock):
    approve(session, w)
    session.commit()
    auth.login(w["registrator"].email)
    rid = w["remiss"].id
    refused = decide(auth, rid, clock, paragraf="§ abc<script>")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and PARAGRAF_FORM in visible_text(page)
    assert 'value="§ abc&lt;script&gt;"' in page  # kept, escaped
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    body = {"decided_by": "namnd", "meeting_on": "2015-09-24", "paragraf": "§ abc<script>",
            "omedelbar_justering": True}
    api = client.post(f"/api/v1/remisser/{rid}/yttrande/beslut", json=body, headers=headers)
    assert api.status_code == 400 and api.get_json()["errors"]["paragraf"] == PARAGRAF_FORM
    assert client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()["decision"] is None

    recorded = client.post(f"/api/v1/remisser/{rid}/yttrande/beslut", json={**body, "paragraf": "12-13"},
                           headers=headers)
    assert recorded.status_code == 200 and recorded.get_json()["decision"]["paragraf"] == "§§ 12–13"
    data = client.get(f"/api/v1/remisser/{rid}/documents/yttrande.docx").data
    assert "Beslutat vid sammanträde 24 september 2015, §§ 12–13. Paragrafen justerades omedelbart." in docx_text(data)
    assert "§§ 12–13" in header(data).replace("\u00a0", " ")


def test_changing_only_the_paragraf_keeps_the_extra_sammantrade_confirmed(w, session, auth, clock):
    """G9: the date was confirmed as an extra sammanträde when recorded; fixing the § asks nothing again."""
    session.add(Meeting(namnd_id=w["remiss"].namnd_id, kind="namnd",
                        starts_at=datetime(2015, 10, 22, 17, tzinfo=STOCKHOLM)))
    approve(session, w)
    session.commit()
    auth.login(w["registrator"].email)
    rid = w["remiss"].id
    extra = {"meeting_on": "2015-09-23", "paragraf": "§ 1x"}
    assert "har inget sammanträde onsdag 23 september 2015" in decide(auth, rid, clock, **extra).get_data(as_text=True)
    assert decide(auth, rid, clock, **{**extra, "paragraf": "§ 1"}, confirm_meeting="1").status_code == 302
    changed = decide(auth, rid, clock, **{**extra, "paragraf": "§ 120"})  # the box is not ticked again
    assert changed.status_code == 302, visible_text(changed.get_data(as_text=True))
    shown = visible_text(auth.client.get(changed.headers["Location"]).get_data(as_text=True))
    assert "Klart: Beslutet är ändrat: vid sammanträde 23 september 2015, § 120." in shown
    # another day off the plan is asked about as before
    moved = decide(auth, rid, clock, meeting_on="2015-09-22", paragraf="§ 120")
    assert moved.status_code == 400 and "har inget sammanträde tisdag 22 september 2015" in moved.get_data(as_text=True)
