"""Every refused form on the remiss page marks its field (aria-invalid, aria-describedby to a "Fel: …" message)
and links to it from an error summary, as the register form does (walk13b finding 3)."""
from __future__ import annotations

import re

from tests.drafting.test_flow import draft_form


def field_state(html: str, field_id: str) -> dict:
    """The control with field_id: whether it is invalid, the texts its aria-describedby names, the summary links."""
    tag = re.search(rf'<(?:input|textarea|select)[^>]*\bid="{field_id}"[^>]*>', html)
    assert tag, f"no control {field_id}"
    tag = tag.group(0)
    described = re.search(r'aria-describedby="([^"]*)"', tag)
    texts = []
    for ref in (described.group(1).split() if described else []):
        found = re.search(rf'<p[^>]*\bid="{ref}"[^>]*>(.*?)</p>', html, re.S)
        texts.append(" ".join(re.sub(r"<[^>]+>", "", found.group(1)).split()) if found else f"(no {ref})")
    summary = re.search(r'<div class="error-summary"[^>]*id="error-summary".*?</div>', html, re.S)
    links = re.findall(r'<a href="#([^"]+)"', summary.group(0)) if summary else []
    return {"invalid": 'aria-invalid="true"' in tag, "described": texts, "linked": field_id in links}


def test_sending_back_without_a_comment_marks_the_comment_field(world, auth, client):
    rid = world["remiss"].id
    page, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande"
    auth.login(world["registrator"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    refused = auth.post(f"{url}/lage", {"state": "utkast", "comment": "  "}, form_url=page)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    state = field_state(html, "f-utkast-comment")
    assert state == {"invalid": True, "described": ["Fel: Skriv en kommentar om vad som ska ändras."],
                     "linked": True}
    # still in granskning: nothing changed
    assert "Skicka tillbaka till utkast" in html


def test_a_rattelse_without_a_reason_marks_its_field(world, auth, client, clock, smtp):
    from tests.drafting.conftest import decide

    rid = world["remiss"].id
    page, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande"
    auth.login(world["registrator"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    assert decide(auth, rid, clock).status_code == 302
    assert auth.post(f"{url}/expediera", {"confirm_expediera": "1"}, form_url=page).status_code == 302
    refused = auth.post(f"{url}/rattelse", {"comment": ""}, form_url=page)
    assert refused.status_code == 400
    state = field_state(refused.get_data(as_text=True), "f-rattelse-comment")
    # the hint that the text goes to the remittent (walk27 Y11) is read with the error
    assert state == {"invalid": True, "described": [
        "Texten skickas till remittenten i följebrevet (”Rättelsen gäller: …”) och står som skäl till rättelsen i "
        "tjänsteskrivelsen. Skriv den så att remittenten kan läsa den.",
        "Fel: Skriv vad som ska rättas i det expedierade yttrandet."], "linked": True}


def test_tilldela_without_a_choice_asks_for_one_at_the_select(world, auth, client, reader):
    from remiss.remisser.models import Remiss

    rid = world["remiss"].id
    auth.login(world["registrator"].email)
    refused = auth.post(f"/remisser/{rid}/tilldela", {"handlaggare_id": ""}, form_url=f"/remisser/{rid}")
    assert refused.status_code == 400
    state = field_state(refused.get_data(as_text=True), "assign-handlaggare_id")
    assert state == {"invalid": True, "described": ["Fel: Välj en handläggare."], "linked": True}
    # someone who cannot be assigned: the rule, at the same field
    outsider = auth.post(f"/remisser/{rid}/tilldela", {"handlaggare_id": str(world["outsider"].id)},
                         form_url=f"/remisser/{rid}")
    state = field_state(outsider.get_data(as_text=True), "assign-handlaggare_id")
    assert outsider.status_code == 400 and state["invalid"] and state["linked"]
    assert "aktiv användare i nämnden" in state["described"][0]
    reader.rollback()
    assert reader.get(Remiss, rid).handlaggare_id == world["handlaggare"].id


def test_a_refused_template_marks_the_file_field(world, auth, client):
    from tests.drafting.test_templates import build_docx, upload

    auth.login(world["registrator"].email)
    refused = upload(auth, world["namnd"].id, "yttrande", build_docx("{{ hemligt_falt }}"))
    assert refused.status_code == 400
    state = field_state(refused.get_data(as_text=True), "f-file")
    assert state["invalid"] and state["linked"], state
    assert "<title>Fel – Dokumentmallar – " in refused.get_data(as_text=True)
    hint, error = state["described"]
    assert hint.startswith("Högst 5 MB.") and error.startswith("Fel: Okänd platshållare ”{{ hemligt_falt }}”")


def test_a_beslut_date_without_a_meeting_marks_the_date_and_the_box(session, w, auth, clock):
    from tests.drafting.conftest import DECIDED_AT, approve, decide
    from tests.drafting.test_decision_meeting_day import _plan

    _plan(session, w["remiss"].namnd_id)
    approve(session, w)
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["registrator"].email)
    html = decide(auth, w["remiss"].id, meeting_on="2015-09-23").get_data(as_text=True)
    box = field_state(html, "f-b-confirm_meeting")
    assert box["invalid"] and box["linked"] and "har inget sammanträde onsdag 23 september" in box["described"][0]
    day = field_state(html, "f-b-meeting_on")
    assert day["invalid"] and any("har inget sammanträde onsdag 23 september" in t for t in day["described"])


def test_a_beslut_before_the_approval_marks_the_date_and_the_box(session, w, auth, clock):
    from datetime import datetime, timezone

    from tests.drafting.conftest import approve, decide

    approve(session, w, at=datetime(2015, 9, 25, 8, tzinfo=timezone.utc))  # approved after the meeting it names
    session.commit()
    clock.set(datetime(2015, 9, 28, 8, tzinfo=timezone.utc))
    auth.login(w["registrator"].email)
    html = decide(auth, w["remiss"].id, meeting_on="2015-09-24").get_data(as_text=True)
    box = field_state(html, "f-b-confirm_before_approval")
    assert box["invalid"] and box["linked"] and box["described"][0].startswith("Fel: Yttrandet godkändes")
    day = field_state(html, "f-b-meeting_on")
    assert day["invalid"] and any(t.startswith("Fel: Yttrandet godkändes") for t in day["described"])


def test_the_planning_hint_stays_after_a_refused_beslut(world, auth, client, clock):
    """walk13b finding 9: the hint "Tidplanen planerar beslutet vid sammanträdet …" was lost after an error."""
    from datetime import datetime, timezone

    rid = world["remiss"].id
    page, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande"
    auth.login(world["registrator"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    clock.set(datetime(2015, 9, 15, 8, tzinfo=timezone.utc))  # before the planned meeting of 24 September
    hint = "Tidplanen planerar beslutet vid sammanträdet torsdag 24 september 2015."
    before = field_state(client.get(page).get_data(as_text=True), "f-b-meeting_on")["described"]
    assert before[0].startswith(hint)
    refused = auth.post(f"{url}/beslut", {"decided_by": "namnd", "meeting_on": "", "paragraf": "§ 1"}, form_url=page)
    assert refused.status_code == 400
    after = field_state(refused.get_data(as_text=True), "f-b-meeting_on")
    assert after["invalid"] and after["described"][0].startswith(hint), after
