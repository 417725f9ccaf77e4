"""walk25b Z7: this system's mails to instanser now lead with who sends them ("Stadsområdesnämnd Öster, Malmö stad –
Remiss: X (dnr)"); a receiving Remiss reads the ärendemening after the sender, not the sender as part of it."""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv

SUBJECTS = [
    ("Stadsområdesnämnd Öster, Malmö stad – Remiss: Cykelplan för Öster (SOFÖ 2026/0006)", "Cykelplan för Öster"),
    ("Kommunstyrelsen, Malmö stad – Förlängd remisstid: Cykelplan för Öster (SOFÖ 2026/0006)",
     "Cykelplan för Öster"),
    ("Remiss: Cykelplan för Öster (SOFÖ 2026/0006)", "Cykelplan för Öster"),
]


@pytest.mark.parametrize(("subject", "title"), SUBJECTS)
def test_the_title_is_read_after_the_sender(subject, title):
    text = (f"From: Remiss <remiss@localhost>\nTo: trafik@example.se\nSubject: {subject}\n\nTill Trafiknämnden\n\n"
            "Stadsområdesnämnd Öster överlämnar härmed remissen ”Cykelplan för Öster” (diarienummer SOFÖ 2026/0006) "
            "för yttrande.\n\nSvaret ska vara Stadsområdesnämnd Öster tillhanda senast 15 februari 2027.\n")
    assert parse_missiv(text).title == title


def test_a_reminder_from_another_remiss_is_still_a_reminder():
    from remiss.intake.service.kinds import is_reminder

    subject = ("Stadsområdesnämnd Öster, Malmö stad – Påminnelse: remissen Cykelplan för Öster (SOFÖ 2026/0006) ska "
               "besvaras senast 15 februari 2027")
    assert is_reminder(subject, "", "Svaret ska vara Stadsområdesnämnd Öster tillhanda senast 15 februari 2027.")
    assert not is_reminder("Stadsområdesnämnd Öster, Malmö stad – Remiss: Cykelplan för Öster (SOFÖ 2026/0006)", "",
                           "Stadsområdesnämnd Öster överlämnar härmed remissen.")
