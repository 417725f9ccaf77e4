"""The nämnd a missiv names (remiss.intake.namnd_hint), proposed only when it is one, on real wording."""
from pathlib import Path

from remiss.intake.namnd_hint import propose_namnd

OURS = [(1, "Kommunstyrelsen"), (2, "Miljönämnden"), (3, "Kulturnämnden"),
        (4, "Stadsdelsfullmäktige Limhamn/Bunkeflo")]
SEED003 = Path(__file__).resolve().parents[1] / "data" / "missiv" / "seed003-kulturstrategi.txt"


def test_the_nämnd_the_remiss_is_put_to_is_proposed():
    found = propose_namnd("Remissen ställs till Miljönämnden i Ronneby kommun. Svar senast den 1 mars 2024.", [],
                          OURS)
    assert found.namnd_id == 2
    assert "Miljönämnden" in found.note and "ställs till Miljönämnden" in found.note


def test_two_of_ours_leave_the_choice_with_a_note():
    found = propose_namnd("Remissen ställs till Kommunstyrelsen/Miljönämnden.", [], OURS)
    assert found.namnd_id is None
    assert found.note == "Missivet nämner Kommunstyrelsen och Miljönämnden; välj vilken nämnd som ska ansvara."


def test_one_of_two_named_that_is_ours_is_proposed():
    found = propose_namnd("Remissen ställs till Kommunstyrelsen/Miljönämnden.", [], [(2, "Miljönämnden")])
    assert found.namnd_id == 2


def test_the_answers_address_is_no_nämnd():
    # seed 003: "Svar i pappersformat ställs till Kulturkansliet, Malmö stad": where answers go, not who answers
    text = SEED003.read_text(encoding="utf-8")
    assert "ställs till Kulturkansliet" in text
    assert propose_namnd(text, [], [(5, "Kulturkansliet")]) is None


def test_a_sändlista_entry_that_is_our_nämnd_is_proposed():
    sandlista = ["Stadsdelsfullmäktige Centrum", "Stadsdelsfullmäktige Limhamn/Bunkeflo", "Kulturnämnden"]
    assert propose_namnd("", sandlista, [(4, "Stadsdelsfullmäktige Limhamn/Bunkeflo")]).namnd_id == 4
    assert propose_namnd("", ["Lunds kommun, miljönämnden"], OURS) is None  # another kommun's nämnd
