"""walk29 A7: a kommun's letter named its matter in a line that broke after "till" ("Remiss avseende förslaget till
Översiktsplan för Malmö stad till⏎…") and the parser offered "… för Malmö stad till": half a name. A title never ends
in a word that needs more; the next line is read on when it goes on with the name, and otherwise the title is left
empty with a warning. (Letter d38, wrapped at 80 columns, stays without a title: tests/unit/test_missiv_layouts.py.)"""
from remiss.missiv.parser import parse_missiv
from remiss.missiv.title_proposal import proposal_named

_HEAD = """Malmö stad
Stadsbyggnadskontoret

Datum: 2026-11-20
Vår referens: SBK 2026-001234

Till remissinstanserna enligt sändlista

"""
_TAIL = """
Stadsbyggnadsnämnden beslutade den 12 november 2026 att skicka förslaget på samråd. Handlingarna finns på
malmo.se/op2050.

Synpunkter ska ha inkommit till Stadsbyggnadskontoret senast den 31 januari 2027, märkta med
diarienummer SBK 2026-001234, till sbk@malmo.se.

Med vänlig hälsning

Anna Lindqvist
Planstrateg
"""
_DANGLING = ("till", "om", "för", "och", "av", "med", "i", "på")


def _letter(matter: str) -> str:
    return _HEAD + matter + "\n" + _TAIL


def _ends_in_the_middle(title: str | None) -> bool:
    return bool(title) and title.split()[-1].casefold() in _DANGLING


def test_a_name_whose_line_goes_on_with_the_bodies_it_is_sent_to_is_left_empty_with_a_warning():
    result = parse_missiv(_letter("Remiss avseende förslaget till Översiktsplan för Malmö stad till\n"
                                  "stadsområdesnämnderna, förvaltningarna och de kommunala bolagen\n"))
    assert result.title is None
    assert not any(_ends_in_the_middle(alt) for alt in result.title_alternatives), result.title_alternatives
    assert any(w.startswith("Ärendemeningen som hittades slutar mitt i en mening") and "Malmö stad till”" in w
               for w in result.warnings), result.warnings


def test_a_name_whose_line_goes_on_with_the_letters_prose_is_left_empty():
    result = parse_missiv(_letter("Remiss avseende förslaget till Översiktsplan för Malmö stad till\n"
                                  "Stadsbyggnadsnämnden har den 12 november 2026 beslutat att skicka ut förslaget.\n"))
    assert result.title is None  # not "… till Stadsbyggnadsnämnden har den 12 november 2026 beslutat …"
    assert not any(_ends_in_the_middle(alt) for alt in result.title_alternatives), result.title_alternatives


def test_a_name_that_goes_on_in_the_next_line_is_read_whole():
    result = parse_missiv(_letter("Remiss avseende förslaget till Översiktsplan för\nMalmö stad 2026–2050\n"))
    assert result.title == "Förslag till Översiktsplan för Malmö stad 2026–2050"
    assert not any(_ends_in_the_middle(alt) for alt in result.title_alternatives), result.title_alternatives


def test_a_mention_cut_by_its_line_is_no_name_but_still_another_proposal():
    cut = "Kommunen remitterar förslaget till Översiktsplan för Malmö stad till\nnedanstående remissinstanser.\n"
    assert proposal_named(cut) == (None, None)
    read_on = "Nu finns förslaget till översiktsplan för\nMalmö stad\nLäs mer nedan."
    value, span = proposal_named(read_on)
    assert value == "Förslag till översiktsplan för Malmö stad"
    assert read_on[span[0]:span[1]] == "översiktsplan för\nMalmö stad"
    # a cut mention of another proposal leaves the one named whole in doubt, as two whole mentions do
    two = ("Ei har tagit fram förslag till föreskrifter och allmänna råd för\nmätning, rapportering och debitering "
           "av fjärrvärme.\nRegeringen gav Ei i uppdrag att lämna förslag till regler om fakturering\nenligt lag.")
    assert proposal_named(two) == (None, None)
