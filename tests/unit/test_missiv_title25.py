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


FALUN = ("Remissvar på Faluns cykelplan\n"
         "22 oktober träffas vi för prata om hur vi kan påverka Faluns cykelsatsning genom ett remissvar.\n"
         "En cykelplan för Falu kommun är ute på remiss fram till 9 november. Vi träffas för att prata ihop oss om ett "
         "remissvar från Naturskyddsföreningen.\n")


def test_the_heading_of_an_answer_drops_its_remissvar_lead_and_names_the_owners_plan():
    # Naturskyddsföreningen Falun (fresh16-dev q15), excerpt as found: the meeting's heading names the remiss after
    # "Remissvar på"; "Faluns cykelplan" is the plan the text calls "En cykelplan för Falu kommun"
    assert parse_missiv(FALUN).title == "Cykelplan för Falu kommun"


def test_an_owners_plan_named_for_two_places_keeps_the_heading():
    text = FALUN.replace("fram till 9 november.", "fram till 9 november, liksom en cykelplan för Borlänge kommun.")
    assert parse_missiv(text).title == "Faluns cykelplan"


def test_an_extension_heading_drops_the_notice_in_front_of_the_proposal():
    # ext-dev2 b02 (an extension notice built in a länsstyrelse's wording): the notice's words go, the proposal stays
    text = ("Remisstiden förlängs för förslaget till naturreservatet Stora Mossen\n"
            "Publicerad 12 april 2027\n"
            "Länsstyrelsen i Örebro län har beslutat att förlänga remisstiden för förslaget till beslut om bildande av "
            "naturreservatet Stora Mossen i Lekebergs kommun.\n"
            "Synpunkter ska nu ha kommit in till Länsstyrelsen senast den 31 maj 2027.\n")
    assert parse_missiv(text).title.startswith("Förslag till naturreservatet Stora Mossen")


# Eskilstuna kommun's tjänsteskrivelse (fresh16-dev q11, docplayer, flattened to one line), excerpt as found
ESKILSTUNA = (
    "1 Kommunstyrelsen Kommunledningskontoret Välfärd KSKF/2017:286 Marita Skog (3) Kommunstyrelsen Yttrande över "
    "remiss - Landstingets ansökan till regeringen om att bilda region Förslag till beslut Förslag till "
    "kommunfullmäktige 1. Tillstyrka Landstinget Sörmlands ansökan om regionbildning 2. Tillstyrka att den kommande "
    "regionen blir länets kollektivtrafikmyndighet Sammanfattning Eskilstuna kommun har fått möjlighet att yttra sig i "
    "frågan om Landstinget Sörmlands ansökan till regeringen att bilda region.")


def test_a_flattened_answer_heading_ends_at_the_first_section():
    assert parse_missiv(ESKILSTUNA).title == "Landstingets ansökan till regeringen om att bilda region"


def test_an_answer_heading_with_no_section_after_it_is_not_cut_anywhere():
    from remiss.missiv.title_layout import flattened_heading
    text = ESKILSTUNA.split(" Förslag till beslut")[0] + " och mer text utan avsnitt."
    assert flattened_heading(text) == (None, None)


def test_a_heading_that_reports_a_wish_is_news_not_a_name():
    # Hela Hälsingland on a länsstyrelse's strandskydd remissrunda (fresh16-dev q17, annotated without a title),
    # excerpt as found
    text = ("Dialog om strandskydd önskas\n"
            "Lagändringen innebär att kommunerna numera har huvudansvar för upphävande av strandskydd samt "
            "strandskyddsdispens.\n"
            "Länsstyrelserna ska granska/pröva kommunbesluten. I Nordanstig ska strandskyddet minskas med 200 meter på "
            "vissa kuststräckor och länsstyrelsen i Gävleborg genomför just nu en remissrunda.\n")
    assert parse_missiv(text).title is None


def test_a_request_for_views_on_a_named_plan_keeps_the_name():
    text = ("Synpunkter på Cykelplan 2030 för Falu kommun välkomnas\n\n"
            "Kommunen har tagit fram en ny cykelplan. Lämna dina synpunkter senast den 9 november 2027.\n")
    assert parse_missiv(text).title == "Cykelplan 2030 för Falu kommun"
