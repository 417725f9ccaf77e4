"""Round 28b (h-tune28): rules from the misses of fresh18-dev, each from the real text it was found in."""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.remittent import _bare_sender
from remiss.missiv.title_subject import describes_by_sender
from remiss.missiv.title_trim import drop_remiss_lead

# regeringen.se's page on Finansdepartementet's questions on konnektivitet (fresh18-dev c19): "Remiss med frågor om X"
KONNEKTIVITET = (
    "# Remiss med frågor om dagens och framtidens utmaningar på konnektivitetsområdet\n\n"
    "Här kan du ta del av svaren från dem som har ombetts att svara på frågor om dagens och framtidens utmaningar på "
    "konnektivitetsområdet.\n\n"
    "Finansdepartementet önskar få svar på frågorna senast den 21 augusti 2023.\n"
)


def test_what_a_remiss_carries_after_med_is_the_matter():
    title = parse_missiv(KONNEKTIVITET).title
    assert title.casefold() == "frågor om dagens och framtidens utmaningar på konnektivitetsområdet"


def test_med_before_anything_but_questions_or_a_proposal_stays():
    assert drop_remiss_lead("Remiss med förslag till ändrade föreskrifter") == "Förslag till ändrade föreskrifter"
    assert drop_remiss_lead("Remiss med svar senast 3 maj").startswith("Med svar")


# Sala kommun's page on its VA-plan (fresh18-dev c01), copied from the breadcrumb: "Start" glued to the page's name,
# and Länsstyrelsen named only as a body that took part in the drafting
SALA_VA = (
    "StartVatten- och avloppsplan (VA-plan)\n"
    "Informationstjänst\n\n"
    "Vatten- och avloppsplan (VA-plan)\n\n"
    "Publicerad 2020-08-31\n"
    "Uppdaterad 2020-09-07 13:49\n"
    "Det har under 2019 och 2020 arbetats fram ett förslag till reviderad VA-policy och VA-plan för Sala kommun. "
    "Möjlighet att lämna yttrande på dessa finns under perioden 2020-08-31 - 2020-09-25.\n\n"
    "En VA-plan omfattar VA-försörjningen i hela kommunen, både enskild och allmän VA-lösning. Sala kommun har en "
    "VA-plan som antogs 2012. Sedan dess har både kraven och förutsättningarna förändrats.\n\n"
    "Representanter från Samhällstekniska enheten, Miljöenheten och Plan- och utvecklingsenheten har tillsammans med "
    "kommunens miljöstrateg tagit fram ett förslag på reviderad VA-plan. Avstämning med representant från "
    "Länsstyrelsen har skett under arbetets gång.\n\n"
    "Förslag på VA-policy\n\n"
    "Förslag på VA-plan\n"
)


def test_a_breadcrumb_glued_to_the_name_is_skipped_for_the_heading_below():
    assert parse_missiv(SALA_VA).title == "Vatten- och avloppsplan (VA-plan)"


def test_a_body_that_took_part_in_the_drafting_is_not_the_bare_sender():
    result = parse_missiv(SALA_VA)
    assert result.remittent == "Sala kommun"
    assert any("kontrollera" in w for w in result.warnings)  # a count, and said so


def test_a_bare_lansstyrelsen_that_sends_still_counts():
    text = "Länsstyrelsen skickar förslaget på remiss till kommunerna i länet."
    assert _bare_sender(text, []) == "Länsstyrelsen"
    assert _bare_sender("Avstämning med representant från Länsstyrelsen har skett.", []) is None


# The same page forwarded (fresh18-dev c24): the sender's subject is its name and a sentence about what it sends
SALA_VA_MAIL = (
    "Hej Lena,\n\n"
    "kan du diarieföra nedanstående?\n\n"
    "/Per\n\n"
    "----- Vidarebefordrat meddelande -----\n"
    'Från: "Sala kommun" <kommun@sala.example.se>\n'
    'Till: "Per Gustavsson" <per.gustavsson@vmbf.example.se>\n'
    "Skickat: måndag, 31 augusti 2020 10:12:44\n"
    "Ämne: Sala kommun: förslag till reviderad VA-policy och VA-plan på yttrande\n\n"
    + SALA_VA
)


def test_a_senders_sentence_as_subject_yields_to_the_pages_own_name():
    result = parse_missiv(SALA_VA_MAIL)
    assert result.title == "Vatten- och avloppsplan (VA-plan)"
    assert result.remittent == "Sala kommun"


def test_only_a_bodys_name_before_the_colon_makes_a_senders_sentence():
    assert describes_by_sender("Sala kommun: förslag till reviderad VA-policy och VA-plan på yttrande")
    assert not describes_by_sender("Remiss: förslag till reviderad VA-plan")
    assert not describes_by_sender("Region Skåne: Regional kulturplan 2027")
