"""walk8 finding 6: the postal address of an answer instruction is "Svar till adress"; "via e-post till <person>"
takes the person's address the letter gives elsewhere. Real text: krokom.se (d21), alvesta.se (d16), sala.se (d13)."""
from remiss.intake.prefill import form_values
from remiss.missiv.fields import find_answer_address, find_answer_email_by_name
from remiss.missiv.parser import parse_missiv

KROKOM = """Inbjudan att lämna synpunkter
Synpunkter lämnas skriftligen senast den 5 april 2020 till:
Krokoms kommun, Bygg och miljönämnden, 835 80 KROKOM
eller via e-post till Nisse Werner

Frågor under remisstiden besvaras av Nisse Werner.
Telefon: 0640 164 06
E-post: nisse.werner@krokom.se
"""
ALVESTA = ("Eventuella synpunkter ska inlämnas, helst skriftligen, senast 31 december 2020 till Alvesta kommun, "
           "Samhällsbyggnadsförvaltningen, 342 80 Alvesta. Det går även bra att lämna in yttrande per e-post till "
           "samhallsbyggnad@alvesta.se. Märk skrivelsen \"Avfallsplan för Alvesta kommun\".")
SALA = ("Synpunkter på planförslaget ska skriftligen lämnas till Kommunstyrelsens förvaltning, Samhällsbyggnadskontoret, "
        "Plan- och utvecklingsenheten, Box 304, 733 25 Sala eller till kommun.info@sala.se senast den 1 mars 2021.")


def test_krokom_answer_address_and_the_named_persons_email():
    result = parse_missiv(KROKOM)
    assert result.answer_address == "Krokoms kommun, Bygg och miljönämnden, 835 80 KROKOM"
    assert result.answer_email == "nisse.werner@krokom.se"
    assert any(e.field == "answer_address" and e.text.endswith("835 80 KROKOM") for e in result.evidence)
    values = form_values(result, KROKOM)
    assert values["answer_address"] == "Krokoms kommun, Bygg och miljönämnden, 835 80 KROKOM"


def test_alvesta_and_sala_answer_addresses():
    assert find_answer_address(ALVESTA)[0] == "Alvesta kommun, Samhällsbyggnadsförvaltningen, 342 80 Alvesta"
    assert parse_missiv(ALVESTA).answer_email == "samhallsbyggnad@alvesta.se"
    assert find_answer_address(SALA)[0] == ("Kommunstyrelsens förvaltning, Samhällsbyggnadskontoret, "
                                            "Plan- och utvecklingsenheten, Box 304, 733 25 Sala")


def test_a_letterhead_or_a_signature_is_no_answer_address():
    letterhead = ("Krokoms kommun\nBygg- och miljönämnden\n835 80 Krokom\n\nRemiss av lokala föreskrifter\n\n"
                  "Synpunkter lämnas senast den 5 april 2020 via e-post till bygg@krokom.se.\n\n"
                  "Besöksadress: Offerdalsvägen 11, 835 80 Krokom")
    assert find_answer_address(letterhead) == (None, None)
    assert parse_missiv(letterhead).answer_address is None


def test_mail_to_a_person_without_their_address_gives_no_email():
    assert find_answer_email_by_name("Synpunkter lämnas via e-post till Nisse Werner senast 5 april.") == (None, None)
    # another person's address is not the named one's
    assert find_answer_email_by_name("Synpunkter lämnas via e-post till Nisse Werner.\nE-post: anna.berg@krokom.se") \
        == (None, None)


def test_the_address_lines_below_an_answer_by_post_instruction():
    """walk25 Y16, the dev letter d23 (tidaholm.se): "Synpunkter mottages i första hand via epost och därefter via
    brevpost. Se respektive adress nedan." and the address as a list item's lines."""
    import json
    from pathlib import Path

    letters = json.loads((Path(__file__).parents[1] / "data/missiv/kinds/missiv-dev.json").read_text("utf-8"))
    text = next(letter["text"] for letter in letters if letter["id"] == "d23")
    address, span = find_answer_address(text)
    assert address == "Samhällsbyggnadsförvaltningen, Tidaholms kommun, 522 83 Tidaholm"
    assert text[span[0]:span[1]].endswith("522 83 Tidaholm")
    # "via e-post" is no postal instruction, and a letterhead's address below it is none
    assert find_answer_address("Synpunkter lämnas via e-post.\n\nTidaholms kommun\n522 83 Tidaholm") == (None, None)
