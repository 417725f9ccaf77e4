"""The beslut on the yttrande: the rules around it, the milestones it completes and the words it gives the yttrande."""
from __future__ import annotations

import io
import re
from datetime import date, datetime, timezone

import pytest
from docx import Document

from remiss.drafting import decision as decisions
from remiss.drafting import dispatch, generate
from remiss.drafting.drafts import DraftError, find_decision, find_draft
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.status import RemissStatus
from tests.conftest import csrf_token
from tests.drafting.conftest import ALL_KINDS, DECIDED_AT, NOW, approve, decide, done_kinds, record

def test_each_step_of_the_work_ticks_off_its_milestone(session, w):
    remiss = w["remiss"]
    save(session, now=NOW, principal=w["h"], remiss=remiss, raw={"sammanfattning": "Positiva."})
    assert done_kinds(session, remiss.id) == set()
    change_state(session, now=NOW, principal=w["h"], remiss=remiss, new="granskning")
    assert done_kinds(session, remiss.id) == {"tjansteskrivelse"}
    change_state(session, now=NOW, principal=w["g"], remiss=remiss, new="godkand")
    assert done_kinds(session, remiss.id) == {"tjansteskrivelse", "granskning"}
    decision = record(session, w)
    assert decision.paragraf == "§ 142" and remiss.status == RemissStatus.beslutad
    assert done_kinds(session, remiss.id) == {"tjansteskrivelse", "granskning", "arbetsutskott", "namnd"}
    decisions.record_justering(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, justerad_on=date(2015, 9, 24))
    assert "justering" in done_kinds(session, remiss.id) and "expediering" not in done_kinds(session, remiss.id)
    dispatch.expediera(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, files_dir=w["files"])
    assert remiss.status == RemissStatus.besvarad
    assert done_kinds(session, remiss.id) == set(ALL_KINDS)  # besvarad: nothing left open, not even sista svarsdag


def test_omedelbar_justering_ticks_off_justering_with_the_decision(session, w):
    approve(session, w)
    record(session, w, omedelbar_justering=True)
    assert {"namnd", "justering"} <= done_kinds(session, w["remiss"].id)


@pytest.mark.parametrize("status", [RemissStatus.avstar, RemissStatus.aterkallad])
def test_a_closed_remiss_has_no_open_milestones(session, w, status):
    remisser.change_status(session, now=NOW, principal=w["r"], remiss=w["remiss"], new=status, note="")
    assert done_kinds(session, w["remiss"].id) == set(ALL_KINDS)


def test_expediering_waits_for_the_decision_and_its_justering(session, w):
    remiss = w["remiss"]
    approve(session, w)
    with pytest.raises(DraftError, match="först när nämndens beslut är registrerat"):
        dispatch.expediera(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, files_dir=w["files"])
    record(session, w)
    with pytest.raises(DraftError, match="inte justerat"):
        dispatch.expediera(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, files_dir=w["files"])
    later = datetime(2015, 10, 8, 9, 0, tzinfo=timezone.utc)
    decisions.record_justering(session, now=later, principal=w["r"], remiss=remiss, justerad_on=date(2015, 10, 8))
    done = dispatch.expediera(session, now=later, principal=w["r"], remiss=remiss, files_dir=w["files"])
    assert done.besvarad and remiss.status == RemissStatus.besvarad


def test_the_decision_needs_an_approved_draft_and_sane_input(session, w):
    remiss = w["remiss"]
    with pytest.raises(DraftError, match="när yttrandet är godkänt"):
        record(session, w)
    approve(session, w)
    with pytest.raises(InputErrors) as bad:
        record(session, w, paragraf="", meeting_on=date(2015, 10, 1), justerad_on=date(2015, 9, 1))
    assert set(bad.value.errors) == {"paragraf", "meeting_on", "justerad_on"}
    with pytest.raises(InputErrors) as bad:
        record(session, w, decided_by="delegat", paragraf="", omedelbar_justering=True, justerad_on=date(2015, 9, 24))
    assert set(bad.value.errors) == {"delegat"}  # a delegationsbeslut is not justerat: its justering is moot
    with pytest.raises(InputErrors, match="decided_by"):
        record(session, w, decided_by="kommunfullmäktige")
    # a delegationsbeslut needs no §; the handläggare may not record a beslut at all
    decision = record(session, w, decided_by="delegat", delegat="Britt-Marie Pettersson, stadsområdesdirektör",
                      paragraf="")
    assert decision.paragraf == "" and find_decision(session, remiss.id).id == decision.id
    from remiss.auth.access import AccessDenied
    with pytest.raises(AccessDenied):
        decisions.record_decision(session, now=DECIDED_AT, principal=w["h"], remiss=remiss, decided_by="namnd",
                                meeting_on=date(2015, 9, 24), paragraf="1")


def docx_text(data: bytes) -> str:
    # "§ 142" is written with a non-breaking space so it never breaks over two lines
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs).replace("\u00a0", " ")


def header(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    first = doc.sections[0].first_page_header  # the full header is the first page's; later pages show "2 (6)"
    return "\n".join(c.text for t in first.tables for r in t.rows for c in r.cells)


def test_the_yttrande_says_proposed_before_and_decided_after_in_the_real_docx(session, w):
    remiss = w["remiss"]
    approve(session, w)
    before = generate.render(session, now=NOW, principal=w["r"], remiss=remiss, kind="yttrande").data
    text = docx_text(before)
    assert "Stadsområdesnämnd Öster föreslås besluta att lämna följande yttrande:" in text
    assert "har beslutat" not in text and "§" not in text and "1 september 2015" in header(before)

    record(session, w, justerad_on=date(2015, 9, 24))
    later = datetime(2015, 10, 2, 8, 0, tzinfo=timezone.utc)
    after = generate.render(session, now=later, principal=w["r"], remiss=remiss, kind="yttrande").data
    text = docx_text(after)
    assert "Stadsområdesnämnd Öster har beslutat att lämna följande yttrande:" in text
    assert "föreslås besluta" not in text
    assert "Beslutat vid sammanträde 24 september 2015, § 142. Protokollet justerat den 24 september 2015." in text
    assert "24 september 2015" in header(after) and "2 oktober 2015" not in header(after)
    # the tjänsteskrivelse stays the förvaltning's proposal
    ts = generate.render(session, now=later, principal=w["r"], remiss=remiss, kind="tjansteskrivelse").data
    assert "föreslås besluta" in docx_text(ts)


def test_an_arbetsutskott_decision_is_the_arbetsutskott_s(session, w):
    approve(session, w)
    record(session, w, decided_by="arbetsutskott", meeting_on=date(2015, 9, 10), paragraf="§ 88",
           omedelbar_justering=True)
    text = docx_text(generate.render(session, now=DECIDED_AT, principal=w["r"], remiss=w["remiss"],
                                     kind="yttrande").data)
    assert "Stadsområdesnämnd Östers arbetsutskott har beslutat att lämna följande yttrande:" in text
    assert "Beslutat vid sammanträde 10 september 2015, § 88. Paragrafen justerades omedelbart." in text


@pytest.fixture
def at_beslut(w, auth, clock, session) -> int:
    """The approved draft on the day of the meeting with the registrator signed in; the remiss's id."""
    approve(session, w)
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["registrator"].email)
    return w["remiss"].id


def test_the_beslut_form_keeps_what_was_typed_and_the_api_answers_in_swedish(at_beslut, auth, client):
    rid = at_beslut
    response = decide(auth, rid, paragraf="", delegat="Ingen", meeting_on="2015-13-40")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Beslutet sparades inte" in page
    assert 'value="Ingen"' in page and 'value="2015-13-40"' in page

    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    refused = client.post(f"/api/v1/remisser/{rid}/yttrande/beslut",
                          json={"decided_by": "namnd", "meeting_on": "2015-09-24"}, headers=headers)
    assert refused.status_code == 400 and "paragraf" in refused.get_json()["errors"]
    assert "Ange paragrafen" in refused.get_json()["errors"]["paragraf"]
    recorded = client.post(f"/api/v1/remisser/{rid}/yttrande/beslut", headers=headers,
                           json={"decided_by": "namnd", "meeting_on": "2015-09-24", "paragraf": "142"})
    assert recorded.status_code == 200
    decision = recorded.get_json()["decision"]
    assert decision["paragraf"] == "§ 142" and decision["justerad"] is False
    assert decision["reference"] == "vid sammanträde 24 september 2015, § 142"
    justerad = client.post(f"/api/v1/remisser/{rid}/yttrande/justering", headers=headers,
                           json={"justerad_on": "2015-09-24"})
    assert justerad.status_code == 200 and justerad.get_json()["decision"]["justerad"] is True
    assert client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()["decision"]["justerad_on"] == "2015-09-24"
    again = client.post(f"/api/v1/remisser/{rid}/yttrande/justering", headers=headers, json={"justerad_on": "x"})
    assert again.status_code == 400
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Justerad torsdag 24 september 2015" in page and ">Expediera</button>" in page


def test_the_beslut_and_justering_pages_refuse_a_bad_file_or_date_and_then_record(at_beslut, auth):
    """Both steps of the page: a refused protokollsutdrag or date shows the form again (400), a good one records."""
    rid = at_beslut
    fields = {"decided_by": "namnd", "meeting_on": "2015-09-24", "paragraf": "§ 142"}
    refused = auth.post(f"/remisser/{rid}/yttrande/beslut", fields | {"protokollsutdrag": (io.BytesIO(b"MZ"), "x.exe")},
                        form_url=f"/remisser/{rid}", content_type="multipart/form-data")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Beslutet sparades inte" in page and "Filtypen .exe tas inte emot" in page
    assert 'href="#f-b-protokollsutdrag"' in page and 'value="§ 142"' in page
    recorded = auth.post(f"/remisser/{rid}/yttrande/beslut", fields | {"protokollsutdrag": (io.BytesIO(b"%PDF-1.4"),
                         "utdrag.pdf")}, form_url=f"/remisser/{rid}", content_type="multipart/form-data",
                         follow_redirects=True)
    assert "Beslutet är registrerat: vid sammanträde 24 september 2015, § 142." in recorded.get_data(as_text=True)

    bad = auth.post(f"/remisser/{rid}/yttrande/justering", {"justerad_on": "2015-13-40"}, form_url=f"/remisser/{rid}")
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Justeringen sparades inte" in page and 'href="#f-j-justerad_on"' in page
    # walk8 finding 15: a text field (no browser picker showing mm/dd/yyyy) whose hint and error give one example
    field = re.search(r'<input[^>]*id="f-j-justerad_on"[^>]*>', page).group(0)
    assert 'type="text"' in field and 'value="2015-13-40"' in field
    assert "Ange ett giltigt datum, till exempel 2027-01-11 eller 11 januari 2027." in page
    assert "Till exempel 2027-01-11 eller 11 januari 2027." in page and "2015-10-08" not in page
    assert 'type="date"' not in page  # beslut, justering and samråd alike
    done = auth.post(f"/remisser/{rid}/yttrande/justering", {"justerad_on": "24 september 2015"},
                     form_url=f"/remisser/{rid}", follow_redirects=True)
    assert "Justeringen är registrerad: protokollet justerat 24 september 2015." in done.get_data(as_text=True)


def test_a_decided_yttrande_is_not_reopened_as_utkast(session, w, auth, client):
    """walk16 finding 1: reopening after the beslut left the remiss Beslutad, and a rewritten text went out
    under the earlier beslut. The decided text is the nämnd's: changing it takes a new beslut (a rättelse)."""
    remiss = w["remiss"]
    approve(session, w)
    record(session, w, omedelbar_justering=True)
    with pytest.raises(DraftError, match="Yttrandet är redan beslutat vid sammanträde 24 september 2015, § 142 och "
                                         "kan inte öppnas igen som utkast") as refused:
        change_state(session, now=DECIDED_AT, principal=w["g"], remiss=remiss, new="utkast", comment="Fel nämnd")
    assert "skicka sedan en rättelse" in str(refused.value)
    assert find_draft(session, remiss.id).state == "godkand" and remiss.status == RemissStatus.beslutad
    session.commit()
    auth.login(w["registrator"].email)
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Öppna igen som utkast" not in page and "kan inte öppnas igen som utkast" in page
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{remiss.id}")}
    api = client.post(f"/api/v1/remisser/{remiss.id}/yttrande/state", json={"state": "utkast", "comment": "x"},
                      headers=headers)
    assert api.status_code == 409 and "kan inte öppnas igen som utkast" in api.get_json()["error"]
    # the beslut still covers the approved text: it is expedierat as decided
    assert dispatch.expediera(session, now=DECIDED_AT, principal=w["r"], remiss=remiss, files_dir=w["files"]).besvarad
