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
    assert auth.post(f"{url}/expediera", {}, form_url=page).status_code == 302
    refused = auth.post(f"{url}/rattelse", {"comment": ""}, form_url=page)
    assert refused.status_code == 400
    state = field_state(refused.get_data(as_text=True), "f-rattelse-comment")
    assert state == {"invalid": True, "described": ["Fel: Skriv vad som ska rättas i det expedierade yttrandet."],
                     "linked": True}


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
