"""walk21 (found beside J1): the registration form opened from an Inkorg message and sent after the message was
registered said "Remissen registrerades inte: …" also when the Ärendetyp chosen was Medborgarförslag."""
from __future__ import annotations

import html

import pytest

from tests.intake.test_register_lock_order import _two_ways


@pytest.mark.parametrize("kind, The", (("medborgarforslag", "Ärendet"), ("remiss", "Remissen")))
def test_the_refusal_names_the_kind_chosen(client, auth, app, db, session, clock, kind, The):
    url, inkorg_post, other, form_url, form_post = _two_ways(client, auth, app, db, session, clock)
    assert client.post(f"{url}/registrera", data=inkorg_post).status_code == 302
    response = other.post(form_url, data={**form_post, "kind": kind})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 409  # a stale form (session 25)
    assert f"<li>{The} registrerades inte: meddelandet är redan registrerat" in page, page
