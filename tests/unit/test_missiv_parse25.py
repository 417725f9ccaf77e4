"""Round 25 (h-letters25): rules from the misses of fresh17-dev, each from the real text it was found in."""
from __future__ import annotations

from remiss.missiv import parse_missiv

# Strålsäkerhetsmyndigheten's remiss page, the first IAEA item (fresh17-dev b02): the item's name ends in "tidigare
# verksamheter eller olyckor – DS468" and its Svarsdag column's date follows on the same line
SSM_IAEA = (
    "Om myndigheten / Remisser\n\n"
    "Remisser\n\n"
    "På den här sidan listar Strålsäkerhetsmyndigheten aktuella remisser för att få in synpunkter och yttranden.\n\n"
    "Remisser från IAEA\n\n"
    "Strålsäkerhetsmyndigheten är nationell kontaktpunkt för det Internationella atomenergiorganet IAEA.\n\n"
    "Remiss Svarsdag\n"
    "Remiss från IAEA: Processen att sanera områden som påverkats av tidigare verksamheter eller olyckor – DS468 "
    "22 maj 2017\n\n\n"
    "Senast uppdaterad/granskad 2017-05-08\n"
)


def test_a_word_of_the_items_name_does_not_veto_its_svarsdag_column_date():
    # "tidigare" names a past event in the remiss's title, not the date's role; the column gives the date its role
    assert parse_missiv(SSM_IAEA).deadline.isoformat() == "2017-05-22"


def test_a_page_date_under_the_column_stays_no_deadline():
    # a line that opens with the page's own label keeps its veto even inside the list
    text = SSM_IAEA.replace("22 maj 2017\n\n\nSenast", "22 maj 2017\nSenast")
    assert parse_missiv(text).deadline.isoformat() == "2017-05-22"


# Havs- och vattenmyndigheten's laxfiske remiss (fresh16-dev q01): the question's subject runs eight words before
# "kan ställas till", and two people share the questions by topic; the first is named for questions
HAV_LAX = (
    "Svara på remissen\n\n"
    "Remissvar ska ha inkommit till Havs- och vattenmyndigheten senast den 8 april 2019.\n\n"
    "Frågor om remissen\n\n"
    "Frågor om förslaget när det gäller beståndsstatus och kvotfördelning kan ställas till Håkan Carlstrand och när "
    "det gäller fiskerikontroll och rapportering, Elin Hedman.\n\n"
    "Dokument\n"
)


def test_a_long_question_subject_still_leads_to_the_person_named_for_questions():
    assert parse_missiv(HAV_LAX).contact_person == "Håkan Carlstrand"


# Havs- och vattenmyndigheten's fredningsområden remiss (fresh16-dev q06): the sender's sentence puts its short name in
# brackets between the name and the verb, and the page names länsstyrelserna, Jordbruksverket and SLU besides
HAV_FREDNING = (
    "Remisser 8 februari 2024\n\n"
    "Remiss om fredningsområden på delar av kusten i Östersjön\n\n"
    "Havs- och vattenmyndigheten (HaV) vill ha era synpunkter på förslag till ändring i Fiskeriverkets föreskrifter "
    "(FIFS 2004:36) om fiske i Skagerrak, Kattegatt och Östersjön med tillhörande konsekvensutredning.\n\n"
    "Om förslaget\n\n"
    "Förslaget har tagits fram av HaV:s nationella beredningsgrupp för ostkusten där HaV arbetar tillsammans med "
    "länsstyrelserna, Statens jordbruksverk och Sveriges lantbruksuniversitet, SLU.\n\n"
    "Länsstyrelsen i Stockholm har haft en samordnande roll för de län som är med och förslaget är en fortsättning av "
    "det arbetet som länsstyrelserna och HaV inledde 2020 genom projektet ReFisk 2.0.\n"
)


def test_a_short_name_in_brackets_does_not_hide_the_sending_body():
    assert parse_missiv(HAV_FREDNING).remittent == "Havs- och vattenmyndigheten"
