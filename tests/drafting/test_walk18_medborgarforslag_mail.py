"""Walk18 F7: the yttrande on a medborgarförslag is mailed "över ärendet", not "över remissen", and the flash after
expediering names the ärende's page; a remiss reads as before."""
from __future__ import annotations

from tests.drafting.test_expediering_mail import expediera, sweep


def test_the_yttrande_mail_of_a_medborgarforslag_is_over_arendet(world, decided, auth, runner, smtp):
    rid = decided(kind="medborgarforslag", title="Medborgarförslag om fler parkbänkar")
    done = expediera(auth, rid, follow_redirects=True).get_data(as_text=True)
    # Old code: "… Remissens sida säger när det är skickat."
    assert "Ärendets sida säger när det är skickat." in done and "Remissens sida" not in done
    sweep(runner, "2015-09-24T18:30")
    (_, message), = smtp.of_kind("yttrande_expedierat")
    body = " ".join(message.get_body(("plain",)).get_content().split())
    # Old code: "Härmed översänds yttrande från Stadsområdesnämnd Öster över remissen ”Medborgarförslag om …”"
    assert "Härmed översänds yttrande från Stadsområdesnämnd Öster över ärendet ”Medborgarförslag om fler " \
           "parkbänkar”" in body, body
    assert "remissen" not in body


def test_the_yttrande_mail_of_a_remiss_is_over_remissen(world, decided, auth, runner, smtp):
    rid = decided()
    assert "Remissens sida säger när det är skickat." in expediera(auth, rid, follow_redirects=True).get_data(
        as_text=True)
    sweep(runner, "2015-09-24T18:30")
    (_, message), = smtp.of_kind("yttrande_expedierat")
    assert "över remissen ”" in " ".join(message.get_body(("plain",)).get_content().split())
