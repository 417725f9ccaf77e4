"""Session 26: how remittents write a supplement or a correction to a remiss they sent (remiss.intake.service.matching
.mentions_supplement). Only "Komplettering"/"Kompletterande" and "saknades i första utskicket" were known; the word
says what kind of letter it is, the remiss it belongs to is found by the remittent's diarienummer or title
(tests/intake/test_inkorg26.py)."""
from __future__ import annotations

import pytest

from remiss.intake.service.matching import mentions_supplement


@pytest.mark.parametrize("subject", [
    "Tillägg till remiss 501-8426-2026 Åtgärdsprogram 2027-2031 till Skånes miljömål",
    "Rättelse: Remiss av promemorian Förslag om nya energipolitiska mål (KN2026/04578)",
    "VB: Rättelse - Remiss Ds 2026:14",
    "Korrigerad version: Remiss av betänkandet Starkare kommuner (SOU 2020:8)",
    "Korrigering: fel bilaga i remissen Fi2026/01234",
    "Ny bilaga till remiss KS 2026/0112 Översiktsplan för Lunds kommun",
    "Nya bilagor – Remiss av regional cykelstrategi",
    "Uppdaterad remiss: Trafikstrategi 2030 (SBN 2026/45)",
    "Uppdaterade remisshandlingar – Avfallsplan 2027–2030",
    "Supplement to consultation: Draft regional water supply plan",
    "SV: Correction - referral 537-1234-2026",
    "Remiss av förslag till vattenförsörjningsplan – rättelse",
    "Remiss Kulturplan 2027–2030 (korrigerad version)",
])
def test_a_subject_that_supplements_or_corrects_a_remiss(subject):
    assert mentions_supplement({"title": subject}, subject)


@pytest.mark.parametrize("text", [
    "Hej,\n\nHär kommer bilaga 2 till remissen om förslag till avfallsplan, som tyvärr saknades när vi skickade "
    "remissen den 3 december.\n",
    "Hej! Som ett tillägg till remissen skickar vi också konsekvensutredningen.",
    "Rättelse till remissen: sista svarsdag i missivet ska vara den 15 februari 2027, inte den 15 januari.",
    "Bifogat finns en korrigerad version av missivet. Den ersätter den tidigare skickade versionen.",
    "I det tidigare utskicket var bilaga 4 felaktig. Här kommer en uppdaterad version av bilagan.",
    "Bilaga 3 saknades i det ursprungliga utskicket och bifogas här.",
    "Please find attached a supplement to the consultation sent on 3 December.",
])
def test_a_text_that_supplements_or_corrects_a_remiss(text):
    assert mentions_supplement({"missiv_text": text, "title": "Remiss av avfallsplan"}, "Remiss av avfallsplan")


@pytest.mark.parametrize("subject, text", [
    ("Tillägg till detaljplan för Kv Björken 3 – samråd", "Samråd om tillägg till detaljplan för Kv Björken 3. "
     "Synpunkter lämnas senast den 20 januari 2027."),
    ("Samråd: Ändring av detaljplan för Centrum", "Planförslaget finns på kommunens webbplats."),
    ("Uppdaterad information om julbordet", "Julbordet flyttas till fredag."),
    ("Remiss av förslag till ny bilaga i plan- och byggförordningen", "Remissvar senast den 1 mars 2027."),
    ("Remiss: Trafikstrategi 2030", "Behöver ni uppdaterade uppgifter, kontakta oss. Korrigera gärna "
     "sändlistan om en instans saknas."),
])
def test_a_new_remiss_or_an_ordinary_mail_is_no_supplement(subject, text):
    assert not mentions_supplement({"missiv_text": text, "title": subject}, subject)
