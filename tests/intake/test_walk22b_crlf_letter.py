"""walk22b M8: a letter pasted in the browser comes with CRLF line ends (a textarea's lines, as Windows files and
many mails have them). With CRLF, a "Bilagor:" list before the Sändlista made the reader say "Ingen sändlista
hittades." although the letter has one; with LF it was read. The reader now reads lines the same either way."""
from __future__ import annotations

from datetime import date

import pytest

from remiss.intake.untrusted import best_parse

LETTER = """Lunds kommun
Kommunstyrelsen

2026-12-01
Dnr KS 2026/0877

Remiss: Förslag till grönplan för Lunds kommun

Lunds kommun har tagit fram ett förslag till grönplan. Kommunstyrelsen remitterar förslaget till er för yttrande.

Vi vill särskilt ha svar på:
- Är målen i planen rimliga?
- Hur vill ni delta i genomförandet?

Bilagor:
- Bilaga 1 Planförslag
- Bilaga 2 Konsekvensanalys

Svaren ska ha kommit in senast den 12 mars 2027 kl. 15.00 till kommunstyrelsen@lund.se med kopia till karin.ek@lund.se. Ange diarienummer KS 2026/0877.

Frågor besvaras av Karin Ek, karin.ek@lund.se.

Sändlista
Malmö stad
Helsingborgs stad
"""


@pytest.mark.parametrize("ends", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_the_sandlista_after_a_bilagor_list_is_read_whatever_the_line_ends(ends):
    parsed = best_parse([(None, LETTER.replace("\n", ends))], date(2026, 12, 6))
    assert parsed["result"]["sandlista"] == ["Malmö stad", "Helsingborgs stad"], parsed["warnings"]
    assert parsed["result"]["questions"] == ["Är målen i planen rimliga?", "Hur vill ni delta i genomförandet?"]
    assert not any("sändlista" in w.lower() for w in parsed["warnings"])


def test_the_registration_page_reads_a_pasted_letter_as_the_browser_sends_it(client, auth, session, db):
    from tests.intake.test_missiv_questions_walk22 import _form_after_reading, _textarea

    page = _form_after_reading(client, auth, session, LETTER.replace("\n", "\r\n"))
    assert _textarea(page, "sandlista").splitlines() == ["Malmö stad", "Helsingborgs stad"]
    assert "Ingen sändlista hittades" not in page
