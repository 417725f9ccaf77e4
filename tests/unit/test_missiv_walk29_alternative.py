"""walk29 A7: a missiv whose line breaks after "till" ("… förslaget till ny trygghetsstrategi för Malmö stad till⏎
nedanstående remissinstanser") offered "Förslag till ny trygghetsstrategi för Malmö stad till" as another
ärendemening: a name cut in the middle of its sentence."""
from remiss.missiv.parser import parse_missiv
from remiss.missiv.title_proposal import proposal_named

LETTER = """Malmö stad
Kommunstyrelsen
Datum: 2026-12-03
Diarienummer: STK-2026-1234

Remiss – Förslag till ny trygghetsstrategi för Malmö stad 2027–2030

Kommunstyrelsen remitterar härmed förslaget till ny trygghetsstrategi för Malmö stad till
nedanstående remissinstanser för yttrande.

Svar ska ha inkommit till Kommunstyrelsen senast den 22 januari 2027 kl. 15.00.
"""


def test_no_alternative_stops_in_the_middle_of_its_sentence():
    result = parse_missiv(LETTER)
    assert result.title == "Förslag till ny trygghetsstrategi för Malmö stad 2027–2030"
    assert not any(alt.split()[-1] in ("till", "för", "av", "om") for alt in result.title_alternatives), \
        result.title_alternatives


def test_a_mention_that_ends_its_line_whole_is_still_a_name():
    text = "Kommunen har tagit fram förslaget till ny trygghetsstrategi för Malmö stad\nLäs mer nedan."
    assert proposal_named(text)[0] == "Förslag till ny trygghetsstrategi för Malmö stad"
    cut = "Kommunen remitterar förslaget till ny trygghetsstrategi för Malmö stad till\nnedanstående instanser."
    assert proposal_named(cut)[0] is None
