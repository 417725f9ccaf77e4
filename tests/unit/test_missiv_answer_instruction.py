"""The answer address is read from the letter's answer instruction, also when the day stands between the verb and
the address ("Svar ska ha kommit in senast den 15 mars 2027 till registrator@…"), and never from the forwarding
mail's From line or the contact person's own address when the text says where answers go (issue 21)."""
import pytest

from remiss.missiv.fields import find_emails
from remiss.missiv.parser import parse_missiv

KOMMUN_FORWARD = """Från: Eva Lund <eva.lund@xkommun.se>
Skickat: den 1 februari 2027 10:12
Till: Registrator <registrator@malmo.se>
Ämne: Remiss av förslag till ny avfallsplan för Xkommun

Hej,

Kommunstyrelsen i Xkommun remitterar förslag till ny avfallsplan 2028–2035.

Svar ska ha kommit in senast den 15 mars 2027 till registrator@xkommun.se. Ange diarienummer KS 2027/118.

Kontaktperson är Eva Lund, avfallsstrateg, 0123-456 78, eva.lund@xkommun.se.

Med vänlig hälsning
Eva Lund
"""
# ext-dev2 b05 (Gävle kommun's samråd page, as annotated): weekday, day and clock time before the address
GAVLE = """Samråd om förslag till avfallsplan 2028–2035 – förlängd tid för synpunkter

Gävle kommun har fått önskemål om mer tid att lämna synpunkter på förslaget till ny avfallsplan. Samrådet förlängs \
därför med två veckor.

Lämna dina synpunkter senast fredagen den 15 oktober 2027 kl. 15.00 till avfallsplan@gavle.se.

Dnr KS 2027/212
"""
LANSSTYRELSE_FORWARD = """From: Per Ek <per.ek@lansstyrelsen.se>
Sent: Monday, February 1, 2027 9:30 AM
To: kommunen@malmo.se
Subject: Remiss – förslag till bildande av naturreservatet Stora Mossen

Länsstyrelsen i Skåne län remitterar förslag till beslut om bildande av naturreservatet Stora Mossen.

Svaren ska ha kommit in till Länsstyrelsen senast den 3 maj 2027. Svaren bör lämnas per e-post till
skane@lansstyrelsen.se. Ange diarienummer 511-1234-2027 i ämnesraden.

Frågor besvaras av Per Ek, per.ek@lansstyrelsen.se, 010-224 10 00.
"""
REGION_FORWARD = """Från: Anna Berg <anna.berg@regionx.se>
Skickat: den 2 mars 2027
Ämne: Remiss: Regional kulturplan 2028–2031

Region X remitterar förslaget till regional kulturplan 2028–2031.
Yttrandet skickas till regionen@regionx.se senast den 30 april 2027. Ange dnr RS 2027/45.
Kontaktperson: Anna Berg, anna.berg@regionx.se
"""
SENDS = """Från: Anna Berg <anna.berg@ykommun.se>
Ämne: Remiss av detaljplan för Norra hamnen

Yttrandet sänds per e-post till samhallsbyggnad@ykommun.se. Det ska ha kommit in senast den 30 april 2027.
Kontaktperson: Anna Berg, anna.berg@ykommun.se
"""


@pytest.mark.parametrize("text, address", [
    (KOMMUN_FORWARD, "registrator@xkommun.se"),
    (GAVLE, "avfallsplan@gavle.se"),
    (LANSSTYRELSE_FORWARD, "skane@lansstyrelsen.se"),
    (REGION_FORWARD, "regionen@regionx.se"),
    (SENDS, "samhallsbyggnad@ykommun.se"),
])
def test_the_answer_address_is_the_instructions_not_the_senders_or_the_contacts(text, address):
    result = parse_missiv(text)
    assert result.answer_email == address
    assert any(e.field == "answer_email" and address in e.text for e in result.evidence)


@pytest.mark.parametrize("sentence", [
    "Svar ska ha kommit in senast den 15 mars 2027 till registrator@xkommun.se.",
    "Remissvaren ska ha inkommit senast 15 mars 2027 kl. 12.00 till registrator@xkommun.se.",
    "Vi vill ha ert svar senast den 15 mars 2027 till registrator@xkommun.se.",
    "Yttrandet ska vara oss tillhanda senast 2027-03-15 på adressen registrator@xkommun.se.",
    "Svar ska ha kommit in senast den 15 mars 2027 på e-postadress registrator@xkommun.se.",
])
def test_the_day_between_the_answer_verb_and_the_address(sentence):
    assert find_emails(sentence)[0] == "registrator@xkommun.se"


@pytest.mark.parametrize("sentence", [
    "Anmäl dig till informationsmötet senast den 15 mars 2027 till anna.berg@xkommun.se.",  # no answer noun
    "Svar ska ha kommit in senast den 15 mars 2027 till Kommunstyrelsen, Box 1, 123 45 Xstad. "
    "Frågor besvaras av Eva Lund, eva.lund@xkommun.se.",  # a postal address; the e-mail is a person's for questions
])
def test_a_senast_till_without_an_answer_address_gives_none(sentence):
    assert find_emails(sentence)[0] is None
