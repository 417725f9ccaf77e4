"""walk18 F7, left over: the Yttrande panel's next step after an expediering without an answer address said "eftersom
remissen saknar svarsadress … Remissen är besvarad först då." of a medborgarförslag. It says "ärendet" now
(remisser.kind_words); a remiss reads as before (tests/drafting/test_sent_by_hand.py)."""
from __future__ import annotations

from tests.drafting.test_expediering_mail import expediera
from tests.support.pages import visible_text


def test_the_next_step_of_an_unsent_medborgarforslag_says_arendet(decided, auth, client):
    rid = decided(answer_email="", kind="medborgarforslag")
    assert expediera(auth, rid).status_code == 302
    shown = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert ("Skicka yttrandet till remittenten på annat sätt och registrera att det är skickat. Det är expedierat men "
            "inte e-postat, eftersom ärendet saknar svarsadress, och ärendet är besvarat först") in shown, shown
    assert "ärendet är besvarat först när sändningen är registrerad." in shown
    assert "Remissen är besvarad först då." not in shown and "eftersom remissen" not in shown
