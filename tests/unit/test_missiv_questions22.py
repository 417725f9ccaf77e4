"""Walk 22, L5: bulleted questions after a lead-in ("Vi vill särskilt ha svar på:") were not read, and nothing said so.

Questions after any lead-in that asks for answers or views are read, whatever the bullet ("- ", "– ", "• ", "* ",
"o "), wrapped items joined; a letter that leads in to questions the reader cannot read gets a warning; a sändlista
or a list of bilagor/handlingar is never taken for questions.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.questions import find_questions, question_warnings

HEAD = """Lunds kommun
Kommunkontoret
Datum: 2 december 2026
Dnr KS 2026/0877

Till remissinstanser enligt sändlista

Remiss: Förslag till gemensam avfallsplan för Lund, Malmö och Burlöv 2027–2032

Kommunstyrelsen i Lunds kommun remitterar härmed förslaget till gemensam avfallsplan.
Synpunkter ska ha inkommit till Lunds kommun senast fredagen den 12 mars 2027 klockan 15:00.
Svaren skickas till kommunstyrelsen@lund.se med kopia till avfall@lund.se. Märk svaret med Dnr KS 2026/0877.

"""
TAIL = """
Sändlista:
Malmö stad
Burlövs kommun
VA SYD
Sysav

Frågor besvaras av Karin Ek, miljöstrateg, 046-35 50 00, karin.ek@lund.se
"""
WARNING = "Missivet verkar ställa frågor"


def _letter(middle: str) -> str:
    """The walk's Lunds kommun letter (/tmp/h-walk22/missiv2.txt) with `middle` for its lines of questions."""
    return HEAD + middle + TAIL


def test_the_walks_letter_gets_its_two_questions_and_its_sandlista_apart():
    result = parse_missiv(_letter("Vi vill särskilt ha svar på:\n- Är målen i planen rimliga?\n"
                                  "- Hur vill ni delta i genomförandet?\n"))
    assert result.questions == ["Är målen i planen rimliga?", "Hur vill ni delta i genomförandet?"]
    assert result.sandlista == ["Malmö stad", "Burlövs kommun", "VA SYD", "Sysav"]
    assert not [w for w in result.warnings if WARNING in w]
    assert any(e.field == "questions" for e in result.evidence)


def test_every_bullet_and_lead_in_of_the_kind_is_read():
    letters = {
        "Kommunen önskar synpunkter på:\n– Är tidplanen realistisk?\n– Vilka åtgärder saknas?\n": "–",
        "Vi vill gärna veta:\n• Är tidplanen realistisk?\n• Vilka åtgärder saknas?\n": "•",
        "Frågor att ta ställning till:\n* Är tidplanen realistisk?\n* Vilka åtgärder saknas?\n": "*",
        "Remissinstanserna ombeds särskilt att besvara följande frågor:\n\no Är tidplanen realistisk?\n"
        "o Vilka åtgärder saknas?\n": "o",
        "Vi tar gärna emot kommentarer på bland annat:\n\uf0b7 Är tidplanen realistisk?\n"
        "\uf0b7 Vilka åtgärder saknas?\n": "Word symbol",
        "Frågeställningar vi gärna ser belysta är:\n\n  • Är tidplanen realistisk?\n  • Vilka åtgärder saknas?\n": "cue",
        "Vi vill att remissinstanserna särskilt tar ställning till:\n- Är tidplanen realistisk?\n"
        "- Vilka åtgärder saknas?\n": "remissinstanserna in the lead-in",
    }
    for middle, bullet in letters.items():
        assert parse_missiv(_letter(middle)).questions == ["Är tidplanen realistisk?", "Vilka åtgärder saknas?"], bullet


def test_questions_on_lines_of_their_own_after_a_lead_in_are_read():
    found = find_questions("Vi vill särskilt ha svar på:\n\nÄr målen i planen rimliga?\n"
                           "Hur vill ni delta i genomförandet?\n\nSvaren skickas till kommunstyrelsen@lund.se.\n")[0]
    assert found == ["Är målen i planen rimliga?", "Hur vill ni delta i genomförandet?"]


def test_items_that_wrap_onto_a_second_line_are_one_question():
    middle = ("Vi vill särskilt ha svar på:\n"
              "- Hur ser ni på ansvarsfördelningen mellan kommunerna och\n"
              "  VA SYD när det gäller insamlingen?\n"
              "- Är målen för matavfall rimliga för er\n"
              "  verksamhet?\n"
              "- Hur vill ni samarbeta med\n"
              "Sysav om återvinningscentralerna?\n"
              "- Vilka åtgärder saknas?\n")
    assert parse_missiv(_letter(middle)).questions == [
        "Hur ser ni på ansvarsfördelningen mellan kommunerna och VA SYD när det gäller insamlingen?",
        "Är målen för matavfall rimliga för er verksamhet?",
        "Hur vill ni samarbeta med Sysav om återvinningscentralerna?",
        "Vilka åtgärder saknas?",
    ]


def test_what_the_remittent_asks_views_on_is_kept_though_no_question_in_form():
    middle = ("Vi önskar särskilt era synpunkter på:\n- målen i planen\n- åtgärderna för minskat matsvinn\n"
              "- Hur vill ni delta i genomförandet?\n")
    assert parse_missiv(_letter(middle)).questions == [
        "målen i planen", "åtgärderna för minskat matsvinn", "Hur vill ni delta i genomförandet?"]


def test_a_lead_in_whose_questions_cannot_be_read_gets_a_warning_in_swedish():
    middle = ("Vi vill särskilt ha svar på:\n"
              "Hur ni ser på målen och hur ni vill delta i genomförandet, gärna med exempel från er verksamhet.\n")
    result = parse_missiv(_letter(middle))
    assert result.questions == []
    assert ("Missivet verkar ställa frågor (”Vi vill särskilt ha svar på:”) som inte kunde läsas in; "
            "fyll i frågeställningarna för hand.") in result.warnings


def test_no_warning_where_the_letter_asks_no_questions():
    for middle in ("Du kan lämna synpunkter på följande sätt:\n- med e-post till kommunstyrelsen@lund.se\n"
                   "- med brev till Lunds kommun, 221 00 Lund\n",
                   "Du kan lämna kommentarer på två sätt:\n- med e-post till kommunstyrelsen@lund.se\n"
                   "- med brev till Lunds kommun, 221 00 Lund\n",
                   "Har du frågor om remissen är du välkommen att kontakta:\nKarin Ek\n",
                   "Synpunkter på förslaget:\nKommunstyrelsen vill ha ett samlat svar från varje instans.\n",
                   "Svar på remissen:\nSvaret ska vara undertecknat.\n",
                   ""):
        result = parse_missiv(_letter(middle))
        assert result.questions == [], middle
        assert not [w for w in result.warnings if WARNING in w], middle


def test_a_bulleted_sandlista_is_not_taken_for_questions():
    letter = HEAD + ("Remissen har skickats till följande remissinstanser:\n- Malmö stad\n- Burlövs kommun\n"
                     "- VA SYD\n- Sysav\n\nMed vänlig hälsning\nKarin Ek\nMiljöstrateg\n")
    result = parse_missiv(letter)
    assert result.questions == []
    assert not [w for w in result.warnings if WARNING in w]
    # questions first, then the bulleted sändlista after a blank line: the list of questions ends at the heading
    letter = HEAD + ("Vi vill särskilt ha svar på:\n- Är målen i planen rimliga?\n- Vilka åtgärder saknas?\n\n"
                     "Sändlista:\n- Malmö stad\n- Burlövs kommun\n")
    assert parse_missiv(letter).questions == ["Är målen i planen rimliga?", "Vilka åtgärder saknas?"]


def test_a_list_of_bilagor_or_handlingar_is_not_taken_for_questions():
    for middle in ("Bilagor:\n- Förslag till avfallsplan\n- Miljökonsekvensbeskrivning\n",
                   "Handlingar:\n• Planbeskrivning\n• Plankarta\n",
                   "Vi önskar synpunkter på följande handlingar:\n- Planbeskrivning\n- Plankarta\n"):
        result = parse_missiv(_letter(middle))
        assert result.questions == [], middle
        assert not [w for w in result.warnings if WARNING in w], middle
    # the questions, then the bilagor right under them: the questions alone
    middle = ("Vi vill särskilt ha svar på:\n- Är målen i planen rimliga?\n- Vilka åtgärder saknas?\n\n"
              "Bilagor:\n- Förslag till avfallsplan\n- Bilaga 2 Miljökonsekvensbeskrivning\n")
    assert parse_missiv(_letter(middle)).questions == ["Är målen i planen rimliga?", "Vilka åtgärder saknas?"]
    middle = ("Vi vill särskilt ha svar på:\n- Är målen i planen rimliga?\n- avfallsplan.pdf\n")
    assert parse_missiv(_letter(middle)).questions == ["Är målen i planen rimliga?"]


def test_the_numbered_lansstyrelse_list_is_still_read():
    middle = ("Länsstyrelsen önskar särskilt synpunkter på följande frågor:\n1. Är målen rimliga?\n"
              "2. Vilka åtgärder saknas?\n3. Hur vill ni följa upp planen?\n")
    assert parse_missiv(_letter(middle)).questions == [
        "Är målen rimliga?", "Vilka åtgärder saknas?", "Hur vill ni följa upp planen?"]



def test_an_instans_answer_in_the_inkorg_gets_no_word_about_unread_questions():
    """An answer to our utgående remiss may quote "Vi vill särskilt ha svar på:": the missiv's warnings are
    meaningless on it, this one too (remiss.intake.views.item_warnings)."""
    from remiss.intake.views import item_warnings

    said = question_warnings("Vi vill särskilt ha svar på:\nSe bilagan.\n", [])
    assert said and item_warnings(said, reply=True, extension_card=False, not_later=False) == []
    assert item_warnings(said, reply=False, extension_card=False, not_later=False) == said
