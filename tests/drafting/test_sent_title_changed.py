"""An expedierat yttrande keeps the ärendemening it went out with (its documents are locked); when the remiss's
title is changed afterwards, the page says so beside what was expedierat, and the API gives the title each
expediering went out with."""
from __future__ import annotations

from html import unescape

from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.drafting.test_expediering_mail import expediera


def _text(response) -> str:
    return " ".join(unescape(response.get_data(as_text=True)).split())


def test_a_title_changed_after_the_expediering_is_noted_on_the_page_and_in_the_api(world, decided, auth, client,
                                                                                    session):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    sent_with = session.get(Remiss, rid).title
    session.close()
    assert "ärendemeningen har ändrats sedan" not in _text(client.get(f"/remisser/{rid}"))
    sent = client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()["sent"]
    assert [(s["title"], s["title_changed_since"]) for s in sent] == [(sent_with, False)]

    patched = client.patch(f"/api/v1/remisser/{rid}", json={"title": "Kulturstrategi för Malmö stad, rättad"},
                           headers={"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")})
    assert patched.status_code == 200, patched.get_json()
    # Old code: nothing on the page said that the yttrande went out under another ärendemening.
    page = _text(client.get(f"/remisser/{rid}"))
    assert (f"Yttrandet expedierades med ärendemeningen ”{sent_with}”; ärendemeningen har ändrats sedan."
            ) in page
    sent = client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()["sent"]
    assert [(s["title"], s["title_changed_since"]) for s in sent] == [(sent_with, True)]

    # changed back: nothing to say
    assert client.patch(f"/api/v1/remisser/{rid}", json={"title": sent_with},
                        headers={"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}).status_code == 200
    assert "ärendemeningen har ändrats sedan" not in _text(client.get(f"/remisser/{rid}"))
