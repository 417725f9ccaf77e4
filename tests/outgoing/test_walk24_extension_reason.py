"""walk24 V8: the notice of förlängd remisstid glued the Skäl in without a full stop: "… 15 februari 2027. Fler
instanser bad om tid Vi meddelar …". The Skäl is a sentence of the letter, mailed and printed alike."""
from __future__ import annotations

from datetime import date, time

from remiss.namnd.models import Namnd
from remiss.outgoing import mails
from remiss.remisser.models import Remiss


def _text(reason: str) -> str:
    remiss = Remiss(title="Kommunal plan", our_dnr="KS 2026/0003", answer_email="ks@example.se")
    namnd = Namnd(name="Kommunstyrelsen", email="ks@example.se")
    return " ".join(mails.extension_text(remiss=remiss, namnd=namnd, old=(date(2027, 2, 15), None),
                                         new=(date(2027, 3, 1), time(12, 0)), reason=reason))


def test_a_reason_without_a_full_stop_ends_its_sentence():
    assert ("Svaret skulle vara Kommunstyrelsen tillhanda senast 15 februari 2027. Fler instanser bad om tid. Vi "
            "meddelar att remisstiden för ärendet härmed förlängs till 1 mars 2027 kl. 12.00.") in _text(
        "  Fler instanser bad om tid ")


def test_a_reason_that_ends_a_sentence_is_kept_as_typed():
    assert "2027. Flera har bett om mer tid! Vi meddelar" in _text("Flera har bett om mer tid!")
    assert "2027. Vi meddelar" in _text("   ")
