"""An expedierat yttrande's links name the template the sent document was made in, not the nämnd's newer one
(walk13b finding 1): the links serve the frozen document, so the label must come from it."""
from __future__ import annotations

import re

from tests.drafting.conftest import decide, doc_lines
from tests.drafting.test_flow import draft_form
from tests.drafting.test_templates import CUSTOM_YTTRANDE, upload


def _label(page: str, label: str) -> str:
    item = re.search(rf"<li>{label}: .*?</li>", page, re.S).group(0)
    return " ".join(re.search(r'class="muted">\((.*?)\)</span>', item, re.S).group(1).split())


def test_sent_yttrande_names_its_own_template_after_the_namnd_changes_template(world, auth, client, clock, smtp):
    rid, nid = world["remiss"].id, world["namnd"].id
    page, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande"
    auth.login(world["registrator"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    assert decide(auth, rid, clock).status_code == 302
    assert _label(client.get(page).get_data(as_text=True), "Yttrande") == "Standardmall"
    assert auth.post(f"{url}/expediera", {"confirm_expediera": "1"}, form_url=page).status_code == 302

    assert upload(auth, nid, "yttrande", CUSTOM_YTTRANDE, "egen.docx").status_code == 302
    shown = client.get(page).get_data(as_text=True)
    assert _label(shown, "Yttrande") == "Standardmall; låst som det expedierades"
    assert _label(shown, "Tjänsteskrivelse") == "Standardmall; låst som det expedierades"
    # and that is what the link serves: the Standardmall's "Till Kulturnämnden", none of the new template
    texts = [t for _, t in doc_lines(client.get(f"/remisser/{rid}/dokument/yttrande.docx").data)]
    assert "Till Kulturnämnden" in texts and not any(t.startswith("EGEN MALL") for t in texts)
    # an incoming remiss lists only its own documents: no missiv or sammanställning (truth16 F18)
    assert "<li>Missiv: " not in shown and "<li>Sammanställning: " not in shown


def test_a_draft_names_the_namnds_current_template(world, auth, client):
    rid, nid = world["remiss"].id, world["namnd"].id
    auth.login(world["registrator"].email)
    assert auth.post(f"/remisser/{rid}/yttrande", draft_form(rid), form_url=f"/remisser/{rid}").status_code == 302
    assert upload(auth, nid, "yttrande", CUSTOM_YTTRANDE, "egen.docx").status_code == 302
    assert _label(client.get(f"/remisser/{rid}").get_data(as_text=True), "Yttrande") == "egen.docx (version 1)"
