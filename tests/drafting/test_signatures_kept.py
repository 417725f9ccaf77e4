"""A refused Underskrifter form lost what was typed: the panel flashed "Underskrifterna sparades inte: …" at the top
and showed the saved names again, closed, so emptied or corrected names were gone. It now comes back (400) with
the Swedish message at its field and in a summary, the form open and every name as it was typed."""
from __future__ import annotations

import html
import re

from tests.drafting.conftest import DECIDED_AT, approve, record


def _field(page: str, name: str) -> str:
    """The value of the Underskrifter field name, as the page shows it."""
    found = re.search(rf'<input id="f-sign-{name}" name="{name}" type="text" value="([^"]*)"', page)
    assert found, f"no field {name}"
    return html.unescape(found.group(1))


def _signing(session, w, auth, client, clock) -> str:
    """The decided yttrande with its names filled in; the url the form is sent to."""
    remiss = w["remiss"]
    approve(session, w)
    record(session, w, omedelbar_justering=True)
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["registrator"].email)
    url = f"/remisser/{remiss.id}/yttrande/underskrifter"
    saved = auth.post(url, {"ordforande": "Andreas Konstantinides", "forvaltningschef": "Britt-Marie Pettersson"},
                      form_url=f"/remisser/{remiss.id}", follow_redirects=True).get_data(as_text=True)
    assert "Underskrifterna är sparade i version 2." in saved
    return url


def test_both_names_emptied_come_back_empty_with_the_message(session, w, auth, client, clock):
    url = _signing(session, w, auth, client, clock)
    response = auth.post(url, {"ordforande": " ", "forvaltningschef": ""}, form_url=url.rsplit("/yttrande", 1)[0])
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Underskrifterna sparades inte" in page and "Skriv minst ett namn." in page
    assert 'href="#f-sign-ordforande"' in page and 'aria-invalid="true"' in page
    # what was typed (nothing), not the saved names back
    assert _field(page, "ordforande").strip() == "" and _field(page, "forvaltningschef") == ""
    assert re.search(r'<details open><summary>\w+ underskrifterna</summary>', page)


def test_a_name_too_long_keeps_both_names_as_typed(session, w, auth, client, clock):
    url = _signing(session, w, auth, client, clock)
    long_name = "Andreas " + "Konstantinides-" * 14  # over 200 characters (a client without maxlength)
    response = auth.post(url, {"ordforande": long_name, "forvaltningschef": "Britt-Marie Ek"},
                         form_url=url.rsplit("/yttrande", 1)[0])
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Underskrifterna sparades inte" in page
    assert _field(page, "ordforande") == long_name and _field(page, "forvaltningschef") == "Britt-Marie Ek"
    assert "Britt-Marie Pettersson" not in page.split('/yttrande/underskrifter"', 1)[1].split("</form>", 1)[0]


def test_a_refused_samrad_comes_back_with_the_summary_app_js_focuses(session, w, auth, client, clock):
    """The samråd form stands far down the remiss page: its summary was "samrad-errors", which app.js does not
    focus (it focuses #error-summary), so the page came back at its top with the typed values out of sight."""
    remiss = w["remiss"]
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["handlaggare"].email)
    url = f"/remisser/{remiss.id}"
    response = auth.post(f"{url}/samrad", {"party": "Pensionärsrådet", "consulted_on": "igår", "note": "Muntligt"},
                         form_url=url)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    summary = re.search(r'<div class="error-summary" role="alert" tabindex="-1" id="error-summary"><h2>Samrådet '
                        r'sparades inte</h2>\s*<ul><li><a href="#samrad-date">([^<]*)</a>', page)
    assert summary and "Ange ett giltigt datum" in summary.group(1)
    assert 'value="Pensionärsrådet"' in page and 'value="igår"' in page and 'value="Muntligt"' in page
    assert page.count('id="error-summary"') == 1
