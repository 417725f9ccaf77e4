"""Round 29 (h-tune29): rules from the misses of fresh19-dev, each from the real text it was found in."""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.title_trim import drop_receiver, drop_remiss_lead

# Uppsala kommun's tjänsteskrivelse on Finansdepartementet's remiss, flattened to one line as docplayer gives it
# (fresh19-dev c02; the start of the transcript)
KOMMUNALLAG = (
    "KOMMUNLEDNINGSKONTORET Handläggare Davidsson Per Grapp Lena Datum Diarienummer KSN Kommunstyrelsen "
    "Finansdepartementet: En kommunallag för framtiden (SOU 2015:24) Förslag till beslut Kommunstyrelsen föreslås "
    "besluta att avge yttrande enligt ärendets bilaga 1 Ärendet Finansdepartementet har remitterat betänkandet En "
    "kommunallag för framtiden till Uppsala kommun för yttrande senast den 31 oktober Betänkandet har remitterats till "
    "374 instanser inklusive samtliga kommuner och landsting- I bilaga 2 återges utredningens sammanfattning samt det "
    "särskilda yttrande som avgivits av SKLs expert m fl i utredningen. I utredningen föreslår ett nytt upplägg av "
    "kommunallagen.\n"
)


def test_the_body_a_betankande_is_remitted_to_is_no_part_of_its_name():
    # the receiver goes, and the SOU number the text writes after the name belongs to it
    assert parse_missiv(KOMMUNALLAG).title == "En kommunallag för framtiden (SOU 2015:24)"



def test_remiss_av_x_till_a_kommun_names_x():
    assert drop_remiss_lead("Remiss av promemorian Ny lag om X till Uppsala kommun") == "Ny lag om X"
    assert drop_receiver("En kommunallag för framtiden till Uppsala kommun") == "En kommunallag för framtiden"


def test_till_that_starts_the_name_or_names_no_body_stays():
    assert drop_remiss_lead("Remiss av förslag till Region Halland") == "Förslag till Region Halland"
    assert drop_receiver("Bidrag till kulturverksamhet") == "Bidrag till kulturverksamhet"
    # a kommun's name followed by more words is the matter's own ("… till Uppsala kommuns nya …")
    assert drop_receiver("Överföring av mark till Uppsala kommuns hamn") == "Överföring av mark till Uppsala kommuns hamn"
    # a myndighet after "till" is as often the matter's own: an assignment or a budget letter to it
    assert drop_remiss_lead("Remiss av promemorian Ändrat uppdrag till Försäkringskassan") == \
        "Ändrat uppdrag till Försäkringskassan"
    assert drop_receiver("Regleringsbrev för 2016 till Trafikverket") == "Regleringsbrev för 2016 till Trafikverket"


# The same tjänsteskrivelse forwarded by Lotus Notes (fresh19-dev c11): its subject is the paper's kind, the
# committee's abbreviation and "remiss" in front of the matter
KOMMUNLAG_MAIL = (
    "Till kommunstyrelsens kansli för diarieföring.\n\n"
    "Hälsningar\n"
    "Lena Grapp\n"
    "----- Vidarebefordrat av Lena Grapp/KLK/Uppsala den 2015-09-22 14:05 -----\n\n"
    "Från: Per Davidsson/KLK/Uppsala\n"
    "Till: Lena Grapp/KLK/Uppsala@Uppsala\n"
    "Datum: 2015-09-21 16:47\n"
    "Ärende: Tjänsteskrivelse KSN remiss En kommunallag för framtiden\n\n"
    + KOMMUNALLAG
)


def test_a_tjansteskrivelse_subject_names_the_matter_after_remiss():
    result = parse_missiv(KOMMUNLAG_MAIL)
    assert result.title == "En kommunallag för framtiden (SOU 2015:24)"
    assert result.remittent == "Finansdepartementet"


def test_only_a_papers_kind_and_remiss_make_the_lead():
    assert drop_remiss_lead("Tjänsteskrivelse KSN remiss En kommunallag för framtiden") == "En kommunallag för framtiden"
    assert drop_remiss_lead("Tjänsteskrivelse remiss av promemorian Ny lag") == "Ny lag"
    assert drop_remiss_lead("Tjänsteskrivelse om budget 2016") == "Tjänsteskrivelse om budget 2016"
    assert drop_remiss_lead("Tjänsteskrivelse KS remiss") == "Tjänsteskrivelse KS remiss"  # nothing after it
