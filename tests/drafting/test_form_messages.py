"""walk9 finding 10: the yttrande form's error summary names fields in Swedish (a message about the whole form
stands alone) and writes numbers the Swedish way."""
from __future__ import annotations

import re

from tests.drafting.test_flow import draft_form


def _summary(html: str) -> list[str]:
    start = html.index('id="error-summary"')
    block = html[start:html.index("</div>", start)]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block, re.S)]


def test_a_too_long_text_is_named_and_counted_in_swedish(world, auth, client):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    response = auth.post(f"/remisser/{rid}/yttrande", draft_form(rid, sammanfattning="å" * 2_000_000),
                         form_url=f"/remisser/{rid}")
    assert response.status_code == 400
    assert _summary(response.get_data(as_text=True)) == [
        "Sammanfattning: Texten är för lång (2\u00a0000\u00a0000 tecken; högst 100\u00a0000)."]


def test_an_answer_and_the_state_message_have_no_internal_names(world, auth, client):
    rid = world["remiss"].id
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    auth.login(world["handlaggare"].email)
    too_long = auth.post(url, draft_form(rid, **{"svar-2": "x" * 100_001}), form_url=page).get_data(as_text=True)
    assert _summary(too_long) == ["Svar på fråga 2: Texten är för lång (100\u00a0001 tecken; högst 100\u00a0000)."]
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page)
    in_review = auth.post(url, draft_form(rid, sammanfattning="Ny."), form_url=page).get_data(as_text=True)
    assert _summary(in_review) == ["Utkastet har status ”Granskning” och kan inte ändras. Det måste först skickas "
                                   "tillbaka till utkast."]
    stale = auth.post(url, draft_form(rid, sammanfattning="Gammal.", base_version="0"), form_url=page)
    assert not any(item.startswith(("base_version", "state")) for item in _summary(stale.get_data(as_text=True)))
