"""walk16 #10: an outgoing remiss titled "Remiss: Förslag …" went out as "Remiss: Remiss: Förslag …", and the
chaser said "remissen Remiss: Förslag …". The prefix is said once; "Remiss av promemorian X" stays a title
(and is the subject without another "Remiss:")."""
from __future__ import annotations

from datetime import date

from remiss.namnd.models import Namnd
from remiss.outgoing.mails import chaser_mail, missiv_mail
from remiss.remisser.models import Remiss, SandlistaEntry

NAMND = Namnd(name="Stadsområdesnämnd Öster", email="oster@malmo.se")
ENTRY = SandlistaEntry(name="Kulturnämnden", email="kultur@malmo.se")


def _remiss(title: str) -> Remiss:
    return Remiss(title=title, our_dnr="SOFÖ 2026/0009", effective_deadline_on=date(2027, 3, 1),
                  answer_email="oster@malmo.se")


def test_a_title_starting_with_remiss_is_not_prefixed_twice():
    remiss = _remiss("Remiss: Förslag till trafikplan för Öster 2027")
    missiv = missiv_mail(remiss=remiss, namnd=NAMND, entry=ENTRY, attachments=[], base_url="")
    assert missiv["subject"] == ("Stadsområdesnämnd Öster – Remiss: Förslag till trafikplan för Öster 2027 "
                                 "(SOFÖ 2026/0009)")
    assert "överlämnar härmed remissen ”Förslag till trafikplan för Öster 2027”" in missiv["text"]
    for after in (True, False):
        chaser = chaser_mail(remiss=remiss, namnd=NAMND, entry=ENTRY, deadline_on=date(2027, 3, 1),
                             deadline_time=None, after=after)
        assert "Remiss: Remiss" not in chaser["subject"] and "remissen Remiss:" not in chaser["subject"]
        assert "remissen ”Förslag till trafikplan för Öster 2027”" in chaser["text"], chaser["text"]
    dash = missiv_mail(remiss=_remiss("Remiss – Förslag till trafikplan"), namnd=NAMND, entry=ENTRY,
                       attachments=[], base_url="")
    assert dash["subject"] == "Stadsområdesnämnd Öster – Remiss: Förslag till trafikplan (SOFÖ 2026/0009)"


def test_a_title_that_is_a_remiss_of_something_stays_whole():
    missiv = missiv_mail(remiss=_remiss("Remiss av promemorian Ny lag"), namnd=NAMND, entry=ENTRY,
                         attachments=[], base_url="")
    assert missiv["subject"] == "Stadsområdesnämnd Öster – Remiss av promemorian Ny lag (SOFÖ 2026/0009)"
    assert "överlämnar härmed remissen ”Remiss av promemorian Ny lag”" in missiv["text"]
