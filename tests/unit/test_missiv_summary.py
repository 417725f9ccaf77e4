"""The missiv's summary of the matter (for the tjänsteskrivelse), the contact's e-mail and the ärendemening's lead.

The summary check needs no annotation: over every development letter, whatever the parser offers as the summary
must never be answer instructions, contact lines or a broken fragment. Held-out letters are not read here.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.missiv_eval import holdout_ids
from remiss.drafting.content import remiss_summary
from remiss.missiv import parse_missiv

DATA = Path(__file__).resolve().parents[1] / "data" / "missiv"


def _dev_letters() -> list[dict]:
    kinds = json.loads((DATA / "kinds" / "missiv-dev.json").read_text(encoding="utf-8"))
    held = holdout_ids(kinds)
    letters = [c for c in kinds if c["id"] not in held]
    for name in ("kinds/missiv-extra.json", "fresh/fresh-dev.json", "fresh/fresh3-dev.json"):
        letters += json.loads((DATA / name).read_text(encoding="utf-8"))
    return letters


DEV = {c["id"]: c for c in _dev_letters()}

# What a summary of the matter never holds: how to answer, whom to ask, where the page is, a torn sentence.
NEVER = re.compile(
    r"@|https?://|www\.|\b0\d{1,3}[- ]?\d{2,3}[ -]?\d{2}[ -]?\d{2}\b|här kan du|svaren ska|svaret bör|svaren bör|"
    r"remissvar|tillhanda|senast den|e-post|ämnesraden|remissinstans|\bword\b|\bpdf\b|kontakt|frågor under",
    re.IGNORECASE)


@pytest.mark.parametrize("case_id", sorted(DEV))
def test_the_summary_is_never_instructions_contacts_or_fragments(case_id):
    summary = parse_missiv(DEV[case_id]["text"]).summary
    if summary is None:
        return
    assert not NEVER.search(summary), summary
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])", summary):
        assert sentence[:1].isupper() or sentence[:1].isdigit(), f"a fragment: {sentence!r}"
        assert sentence.count("(") == sentence.count(")"), f"a torn parenthesis: {sentence!r}"
        assert len(sentence.split()) >= 8, f"too short to be a sentence about the matter: {sentence!r}"


def test_enough_dev_letters_get_a_summary_for_the_check_to_mean_something():
    found = sum(parse_missiv(c["text"]).summary is not None for c in DEV.values())
    assert found >= 30, found


def test_d02_a_page_of_answer_instructions_gives_no_summary_and_no_warning_about_it():
    result = parse_missiv(DEV["d02"]["text"])
    assert result.summary is None
    # walk8: "Missivet sammanfattar inte ärendet …" stood on every registration and asked nothing of the registrator
    assert not any("sammanfatt" in w for w in result.warnings)
    # the tjänsteskrivelse keeps only its own lead line; nothing of the page's boilerplate
    text = remiss_summary(DEV["d02"]["text"], "Klimat- och näringslivsdepartementet", result.title, "Miljönämnden")
    assert text == ("Klimat- och näringslivsdepartementet har skickat remissen ”Förslag om nya energipolitiska mål” "
                    "till Miljönämnden för yttrande.")


def test_the_ingress_about_the_matter_is_the_summary():
    summary = parse_missiv(DEV["d30"]["text"]).summary
    assert summary == "Länsstyrelsen har tagit fram ett förslag till bildande av naturreservatet Ormo i Kungälvs kommun."


def test_an_abbreviation_does_not_end_the_sentence():
    text = ("Promemorian innehåller förslag om bl.a. nya regler för hur kommunerna ska planera för bostäder. "
            "Förslagen föreslås träda i kraft den 1 juli 2025.\n\n"
            "Svaret bör lämnas i två versioner: den ena i ett bearbetningsbart format (t.ex. Word), den andra i ett "
            "format (t.ex. pdf) som följer tillgänglighetskraven.")
    summary = parse_missiv(text).summary
    assert summary == ("Promemorian innehåller förslag om bl.a. nya regler för hur kommunerna ska planera för bostäder. "
                       "Förslagen föreslås träda i kraft den 1 juli 2025.")


def test_the_contact_persons_email_after_the_name():
    result = parse_missiv(DEV["d02"]["text"])
    assert result.contact_person == "Eva Centeno López"
    assert result.contact_email == "eva.centeno-lopez@regeringskansliet.se"


def test_the_title_loses_its_remiss_lead():
    assert parse_missiv(DEV["d02"]["text"]).title == "Förslag om nya energipolitiska mål"


def test_the_contact_email_is_prefilled_on_the_registration_form():
    from remiss.intake.prefill import evidence_snippets, form_values
    text = DEV["d02"]["text"]
    result = parse_missiv(text)
    assert form_values(result, text)["contact_email"] == "eva.centeno-lopez@regeringskansliet.se"
    assert "eva.centeno-lopez@regeringskansliet.se" in evidence_snippets(result, text)["contact_email"]


def test_a_shared_mailbox_after_the_name_is_not_the_persons_address():
    text = ("Remiss av promemorian Nya regler för bostadsbyggande\n\n"
            "Frågor besvaras av Anna Berg, registrator@kommun.se, 08-123 45 67.\n")
    result = parse_missiv(text)
    assert result.contact_person == "Anna Berg" and result.contact_email is None
