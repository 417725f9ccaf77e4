"""Round 25 (h-title25): titles of pages whose heading names no matter, each rule a phrasing class from real text.

A page's heading may be news about the remiss ("Kulturpolitiska programmet ut på bredare remiss …"), a call to the
reader ("Tyck till om förslaget") or a headline quoting someone; the proposal the page names in full further down is
the matter, when every complete mention of it agrees.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.title_proposal import proposal_named

# Lindesbergs kommun (kinds d20), excerpt as found
LINDESBERG = (
    "Skip to main content\n\nKulturpolitiska programmet ut på bredare remiss till alla intresserade\n\n"
    "Nyhet   •   Dec 04, 2018 21:36 CET\n\n"
    "Tillväxtutskottet i Lindesbergs kommun beslutade på tisdagen att skicka ut förslaget till kulturpolitiskt program "
    "till alla föreningar och övriga som är intresserade för synpunkter fram till 22 februari 2019.\n\n"
    "Det senaste och nu aktuella förslaget till kulturpolitiskt program har tagits fram av en arbetsgrupp som "
    "tillsatts av Kommunstyrelsen.\n")
# Uppsala kommun (fresh14-dev x06), excerpt as found
UPPSALA = (
    "Tyck till om förslaget\n"
    "Förslaget till den fördjupade översiktsplanen var ute på samråd 2 mars–15 maj 2020. Under samrådet var det möjligt "
    "att lämna synpunkter på förslaget.\n"
    "Ta del av förslaget\n"
    "Du hittar förslaget i sin helhet med bilagor på länken nedan.\n"
    "Läs förslaget till fördjupad översiktsplan\n"
    "Samrådsmöten\n"
    "Under mars och april 2020 har vi haft tre samrådsmöten om förslaget till fördjupad översiktsplan för de sydöstra "
    "stadsdelarna. Två av mötena har vi genomfört digitalt för att minska risken för smittspridning av covid-19.\n"
    "Sista dagen att lämna synpunkter på förslaget var 15 maj 2020.\n")
# Havs- och vattenmyndigheten relayed (fresh8-dev u15), excerpt as found
HAV = (
    "2019-03-15\nExterna nyheter\n"
    "HaV:s förslag till havsplaner på granskning i tre månader: ”Möjlighet för alla att kommentera”\n"
    "I december ska Havs- och vattenmyndigheten, HaV, överlämna slutliga förslag till nationella havsplaner till "
    "regeringen, en för Västerhavet, en för Östersjön och en för Bottniska viken. Men, fram till 14 juni får alla som "
    "vill möjlighet att komma med synpunkter på HaV:s förslag.\n"
    "– Vi välkomnar alla kommentarer och skickar sedan med dem till regeringen tillsammans med våra slutliga förslag "
    "till havsplaner, säger Thomas Johansson.\n")


def test_a_proposal_named_as_drawn_up_under_a_news_heading():
    assert parse_missiv(LINDESBERG).title == "Förslag till kulturpolitiskt program"


def test_the_fullest_agreeing_mention_under_a_call_to_the_reader():
    assert parse_missiv(UPPSALA).title == "Förslag till fördjupad översiktsplan för de sydöstra stadsdelarna"


def test_a_proposal_reported_on_granskning_in_a_quoting_headline():
    assert parse_missiv(HAV).title == "Förslag till havsplaner"


def test_two_different_proposals_leave_the_title_empty():
    text = ("Tyck till om förslaget\n\nLäs förslaget till ny avfallsplan.\n\n"
            "Förslaget till ny cykelplan har tagits fram av kommunen.\n")
    assert proposal_named(text) == (None, None)


def test_a_mention_cut_by_prose_or_a_formula_names_nothing():
    # a mention running on into a clause, and the "Förslag till beslut/kommunfullmäktige" formulas of a tjänsteskrivelse
    text = ("Tyck till om förslaget\n\nKommunen skickar ut förslaget till kulturprogram till alla föreningar som vill.\n"
            "Förslag till kommunfullmäktige\n\nFörslag till beslut\n")
    assert proposal_named(text) == (None, None)


# Länsstyrelsen Dalarna (kinds d29, ext-dev x15), excerpt as found
DALARNA = (
    "Förslag till åtgärdsprogram 2018-2022\n\n"
    "Nu finns en remissversion av Åtgärdsprogram 2018-2022 till Dalarnas miljömål framtagen, det fjärde i ordning "
    "sedan 2003.\n\n"
    "Åtgärdsprogrammet är ett resultat av en dialogprocess 2016-2017 som involverat ett stort antal företrädare. Alla "
    "är välkomna att lämna remissvar.\n\n"
    "Senast den 30 november 2017 önskar Länsstyrelsen skriftligt svar på remissen.\n")


def test_a_proposal_heading_is_completed_from_the_documents_own_fuller_name():
    assert parse_missiv(DALARNA).title == "Förslag till åtgärdsprogram 2018-2022 till Dalarnas miljömål"


def test_a_genitive_tail_that_runs_on_in_a_coordination_is_not_taken():
    text = DALARNA.replace("till Dalarnas miljömål framtagen", "till Dalarnas miljömål och friluftsliv framtaget")
    assert parse_missiv(text).title == "Förslag till åtgärdsprogram 2018-2022"
