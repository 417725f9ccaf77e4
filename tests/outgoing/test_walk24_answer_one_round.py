"""walk24 V2 (the instans answer form): a Svaret inkom in the future and a Kort sammanfattning over its limit were
said in two rounds, first the text, then, once shortened, the date. Both now come in one round."""
from __future__ import annotations

from html import unescape

from tests.outgoing.test_walk24_anstand_told import _world


def _text(response) -> str:
    return " ".join(unescape(response.get_data(as_text=True)).split())


def test_a_future_date_is_said_with_a_text_too_long(app, session, clock, auth):
    remiss_id, ids = _world(app, session, clock, auth)  # today 5 December 2026
    url = f"/remisser/{remiss_id}/utskick/instanser/{ids['Lunds kommun']}"
    response = auth.post(url, {"action": "answer", "answered_on": "2027-05-01", "summary": "Vi tillstyrker. " * 400},
                         form_url=url)
    assert response.status_code == 400
    text = _text(response)
    assert "Högst 5 000 tecken (texten har 6 400)." in text
    # Old code: only the line above; this one came after the text was shortened.
    assert ("Svaret kan inte ha kommit in i framtiden. Ange dagen då svaret kom in (senast i dag, 5 december "
            "2026).") in text


def test_a_date_from_the_mail_is_left_to_the_mail(app, session, clock, auth):
    remiss_id, ids = _world(app, session, clock, auth)
    url = f"/remisser/{remiss_id}/utskick/instanser/{ids['Lunds kommun']}"
    response = auth.post(url, {"action": "answer", "answered_on": "2027-05-01", "date_from_mail": "1",
                               "summary": "x" * 5001}, form_url=url)
    text = _text(response)
    assert "Högst 5 000 tecken (texten har 5 001)." in text and "i framtiden" not in text

