"""Draft sections without the app: pasted Word text, validation and the version diff."""
from __future__ import annotations

import pytest

from remiss.documents.markup import Block
from remiss.drafting.content import Defaults, compare, initial_content, normalize_text, validate
from remiss.remisser.input import InputErrors

DEFAULTS = Defaults(namnd="Stadsområdesnämnd Öster", remittent="Kulturnämnden", title="Handlingsplan",
                    questions=[(11, "Fråga A?"), (12, "Fråga B?")], handlingar=["Missivskrivelse", "Sändlista"],
                    deadline="28 september 2015")


def test_pasted_word_text_keeps_paragraphs_and_bullets():
    pasted = "Första stycket.\r\n\r\n\r\n\r\nAndra\u00a0stycket.\x0bMjuk radbrytning\r\n•\tPunkt ett\r\n·  Punkt två\r\n§ 4 Paragraf"
    assert normalize_text(pasted) == ("Första stycket.\n\nAndra\u00a0stycket.\nMjuk radbrytning\n- Punkt ett\n"
                                      "- Punkt två\n§ 4 Paragraf")


def test_initial_content_is_prefilled_from_the_remiss():
    content = initial_content(DEFAULTS)
    assert content["forslag_till_beslut"] == ("Stadsområdesnämnd Öster föreslås besluta att avge yttrande till "
                                              "Kulturnämnden i enlighet med upprättat förslag.")
    assert content["beslutsunderlag"] == "Missivskrivelse\nSändlista"
    assert [a["fraga"] for a in content["svar"]] == ["Fråga A?", "Fråga B?"] and content["avsnitt"] == []
    assert "- Fråga B?" in content["arendet"] and "senast den 28 september 2015" in content["arendet"]
    free = initial_content(Defaults(namnd="N", remittent="KS", title="T", questions=[]))
    assert free["avsnitt"] == [{"rubrik": "Inledande synpunkter", "text": ""}]


def test_validate_answers_by_id_or_order_and_rejects_bad_shapes():
    base = initial_content(DEFAULTS)
    by_order = validate({"svar": ["Ja.", "Nej."]}, base)
    assert [a["text"] for a in by_order["svar"]] == ["Ja.", "Nej."]
    by_id = validate({"svar": [{"question_id": 12, "text": "Bara B"}]}, base)
    assert [a["text"] for a in by_id["svar"]] == ["", "Bara B"]
    with pytest.raises(InputErrors) as exc:
        validate({"svar": ["1", "2", "3"], "sammanfattning": 5, "avsnitt": [{"rubrik": "", "text": "Utan rubrik"}],
                  "inga_synpunkter": "ja"}, base)
    assert set(exc.value.errors) == {"svar", "sammanfattning", "avsnitt-1-rubrik", "inga_synpunkter"}
    with pytest.raises(InputErrors):
        validate({"sammanfattning": "x" * 100_001}, base)


def test_compare_shows_changed_paragraphs_per_section():
    old = validate({"sammanfattning": "Ett.\nTvå.", "svar": ["Samma", "Gammalt svar"]}, initial_content(DEFAULTS))
    new = validate({"sammanfattning": "Ett.\nTre.", "svar": ["Samma", "Nytt svar"]}, old)
    diff = {d.label: d for d in compare(old, new)}
    assert diff["Sammanfattning"].lines == [("same", Block("p", [[("Ett.", "")]])), ("del", Block("p", [[("Två.", "")]])),
                                            ("add", Block("p", [[("Tre.", "")]]))]
    assert not diff["Fråga 1: Fråga A?"].changed and diff["Fråga 2: Fråga B?"].changed
    assert not diff["Förslag till beslut"].changed


def test_compare_reads_the_markup_as_the_document_prints_it():
    """The diff shows **fet**, *kursiv* and "- " bullets parsed like the draft's reading view, never the stars."""
    old = validate({"sammanfattning": "Vi tillstyrker.\n- en punkt"}, initial_content(DEFAULTS))
    new = validate({"sammanfattning": "Vi **tillstyrker** *delvis*.\n- en punkt"}, old)
    lines = {d.label: d for d in compare(old, new)}["Sammanfattning"].lines
    assert lines == [("del", Block("p", [[("Vi tillstyrker.", "")]])),
                     ("add", Block("p", [[("Vi ", ""), ("tillstyrker", "b"), (" ", ""), ("delvis", "i"), (".", "")]])),
                     ("same", Block("ul", [[("en punkt", "")]]))]
