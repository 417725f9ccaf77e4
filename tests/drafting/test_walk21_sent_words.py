"""walk21 J8, J9: a medborgarförslag expedierat without an answer address and then registered as sent was told
"… och remissen är besvarad"; the history headed the no-address row "Yttrandet e-postat" above its note "Yttrandet
e-postades inte: … saknar svarsadress." (any kind); and the Expedierat block said "Yttrandet, version 1, expedierad".
"""
from __future__ import annotations

import re

from datetime import datetime, timezone

import pytest

from tests.drafting.test_expediering_mail import expediera, sweep
from tests.support.pages import visible_text


@pytest.mark.parametrize("kind, besvarad", (("medborgarforslag", "ärendet är besvarat"),
                                            ("remiss", "remissen är besvarad")))
def test_sent_by_hand_speaks_of_the_arende_and_the_history_says_it_was_not_mailed(decided, auth, client, clock,
                                                                                  kind, besvarad):
    rid = decided(answer_email="", kind=kind)
    page = f"/remisser/{rid}"
    assert expediera(auth, rid).status_code == 302
    shown = visible_text(client.get(page).get_data(as_text=True))
    history = shown.rsplit("Historik", 1)[-1]
    # old code: "Yttrandet e-postat av … Yttrandet e-postades inte: … saknar svarsadress."; walk25b Z5: not "Yttrandet
    # inte e-postat av …" either, a person as the subject of what did not happen
    assert "Yttrandet expedierat utan e-post (ingen svarsadress) av" in history, history
    assert "Yttrandet e-postat" not in history and "inte e-postat av" not in history
    assert "Yttrandet e-postades inte" in history
    # old code: "Yttrandet, version 2, expedierad …"
    assert re.search(r"Yttrandet, version \d+, expedierat \d", shown), shown
    assert not re.search(r"Yttrandet, version \d+, expedierad", shown)
    clock.set(datetime(2015, 9, 28, 8, 0, tzinfo=timezone.utc))
    response = auth.post(f"{page}/yttrande/skickat", {"way": "post", "sent_on": "25 september 2015"}, form_url=page)
    assert response.status_code == 302
    told = visible_text(client.get(response.headers["Location"]).get_data(as_text=True))
    # old code: "… och remissen är besvarad." of a medborgarförslag
    assert f"Klart: Yttrandet är registrerat som skickat 25 september 2015 och {besvarad}." in told, told


def test_a_mailed_yttrande_is_still_headed_e_postat(decided, auth, client, runner, smtp):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    sweep(runner, "2015-09-25T12:00")
    history = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True)).rsplit("Historik", 1)[-1]
    assert "Yttrandet e-postat" in history and "utan e-post" not in history


@pytest.mark.parametrize("kind, the", (("medborgarforslag", "ärendet"), ("remiss", "remissen")))
def test_the_start_page_says_the_arende_lacks_an_answer_address(decided, auth, client, kind, the):
    rid = decided(answer_email="", kind=kind)
    assert expediera(auth, rid).status_code == 302
    page = client.get("/").get_data(as_text=True)
    waiting = visible_text(re.search(r'<section aria-labelledby="h-att-registrera">(.*?)</section>', page, re.S).group(1))
    # old code: "… men inte e-postat: remissen saknar svarsadress" of a medborgarförslag
    assert f"yttrandet är expedierat men inte e-postat: {the} saknar svarsadress" in waiting, waiting
