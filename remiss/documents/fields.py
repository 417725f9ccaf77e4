"""Documented placeholders per document kind, and realistic sample contexts.

The context given to `render_document` is plain data (dict, list, str, int, float, bool,
None; `datetime.date`/`datetime` are formatted as Swedish dates). Names below use
`lista[].falt` for a field of each item in a list: in a template it is written
`{%p for f in fragor %} ... {{ f.fraga }} ... {%p endfor %}`.

Paragraph fields ("stycken") accept a string or a list of strings. Every non-empty line
becomes its own paragraph; a line starting with "- " becomes a bullet; `**fet**` and
`*kursiv*` are honoured. Each paragraph is a string with the attribute `punkt` (bool).
User text is never evaluated as a template: `<`, `&` and `{{` come out literally.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import NamedTuple

DOCUMENT_KINDS = ("tjansteskrivelse", "yttrande", "missiv", "sammanstallning")

MONTHS_SV = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
             "september", "oktober", "november", "december")


class FieldDoc(NamedTuple):
    """One documented placeholder: its name, a Swedish description and an example."""

    name: str
    description_sv: str
    example: str


def format_date(value: dt.date, *, iso: bool = False) -> str:
    """A document date as the nämnd writes it: "3 december 2026" or "2026-12-03"."""
    return value.isoformat()[:10] if iso else svenskt_datum(value)


def svenskt_datum(value: dt.date | dt.datetime) -> str:
    """Format a date as "24 september 2015" (a datetime adds " kl. 12.00")."""
    text = f"{value.day} {MONTHS_SV[value.month - 1]} {value.year}"
    if isinstance(value, dt.datetime):
        text += f" kl. {value.hour:02d}.{value.minute:02d}"
    return text


_COMMON = [
    FieldDoc("organisation", "Kommunen eller myndigheten", "Malmö stad"),
    FieldDoc("forvaltning", "Förvaltningen som skriver handlingen", "Stadsområdesförvaltning Öster"),
    FieldDoc("namnd", "Nämnden som handlingen gäller", "Stadsområdesnämnd Öster"),
    FieldDoc("datum", "Handlingens datum (yttrandet: beslutsdagen när beslutet är fattat), som nämnden skriver datum", "24 september 2015"),
    FieldDoc("var_referens", "Handläggaren (vår referens)", "se namn, titel, epost"),
    FieldDoc("var_referens.namn", "Handläggarens namn", "Sabina Vendela Dethorey"),
    FieldDoc("var_referens.titel", "Handläggarens titel", "Utvecklingssamordnare"),
    FieldDoc("var_referens.epost", "Handläggarens e-postadress", "sabina.dethorey@malmo.se"),
    FieldDoc("var_referens.rad", "Handläggarens namn och titel på en rad (tom när ingen är utsedd)",
             "Sabina Vendela Dethorey, Utvecklingssamordnare"),
    FieldDoc("diarienummer", "Vårt diarienummer", "SOFÖ-2015-811"),
    FieldDoc("remittent_diarienummer", "Remittentens diarienummer", "KN-2015-1050"),
    FieldDoc("remittent", "Den som skickade remissen", "Kulturnämnden"),
    FieldDoc("titel", "Ärendemening (remissens titel)", "Remiss gällande handlingsplan för kulturstrategi 2016"),
    FieldDoc("adress", "Förvaltningens postadress (nämndens inställningar)", "Stadsområdesförvaltning Öster, 205 80 Malmö"),
    FieldDoc("telefon", "Telefon, växel (nämndens inställningar)", "040-34 10 00"),
    FieldDoc("organisationsnummer", "Organisationsnummer (nämndens inställningar)", "212000-1124"),
    FieldDoc("webbplats", "Webbplats (nämndens inställningar)", "malmo.se"),
    FieldDoc("sidfot", "Adress, telefon, org.nr och webbplats på en rad, det som finns ifyllt",
             "205 80 Malmö · Telefon 040-34 10 00 · Org.nr 212000-1124 · malmo.se"),
]

_FIELDS = {
    "yttrande": _COMMON + [
        FieldDoc("till", "Mottagaren av yttrandet", "Kulturnämnden"),
        FieldDoc("forslag_till_beslut", "Inledande beslutsmening (stycken): ”föreslås besluta” före beslutet, ”har beslutat” efter", "Stadsområdesnämnd Öster har beslutat att lämna följande yttrande:"),
        FieldDoc("beslutat", "Sant när beslutet är registrerat (då är datum beslutsdatumet)", "true"),
        FieldDoc("beslutsorgan", "Vem som beslutade: nämnden, arbetsutskottet eller delegaten (tomt före beslutet)", "Stadsområdesnämnd Öster"),
        FieldDoc("beslutsdatum", "Sammanträdets eller delegationsbeslutets datum (tomt före beslutet)", "24 september 2015"),
        FieldDoc("paragraf", "Paragrafen i protokollet (tomt före beslutet)", "§ 142"),
        FieldDoc("justering", "Hur protokollet justerades (tomt före justeringen)", "Protokollet justerat den 8 oktober 2015."),
        FieldDoc("beslutsreferens", "Beslutsmeningen med datum och paragraf (tomt före beslutet)", "Beslutat vid sammanträde 24 september 2015, § 142"),
        FieldDoc("rattelse", "Sant när yttrandet är en rättelse av ett tidigare expedierat yttrande", "false"),
        FieldDoc("rattelse_text", "Vad rättelsen ersätter (tomt för yttrandet självt)",
                 "Detta yttrande ersätter det yttrande som beslutades den 24 september 2015 (§ 142) och "
                 "expedierades den 25 september 2015."),
        FieldDoc("sammanfattning", "Sammanfattning (stycken)", "Stadsområdesnämnd Öster ställer sig positiv till förslaget."),
        FieldDoc("fragor", "Remittentens frågor i ordning, var och en med svar (lista)", "se fraga, svar"),
        FieldDoc("fragor[].fraga", "Frågan, upprepad som rubrik", "Har åtagandena rätt ambitionsnivå?"),
        FieldDoc("fragor[].svar", "Svaret på frågan (stycken)", "Stadsområdesnämnd Öster föreslår …"),
        FieldDoc("avsnitt", "Fria avsnitt när remissen saknar frågor (lista)", "se rubrik, text"),
        FieldDoc("avsnitt[].rubrik", "Avsnittets rubrik", "Inledande synpunkter"),
        FieldDoc("avsnitt[].text", "Avsnittets text (stycken)", "Utredningen bedöms ge …"),
        FieldDoc("ovriga_synpunkter", "Övriga synpunkter (stycken)", "Avslutningsvis …"),
        FieldDoc("inga_synpunkter", "Sant om nämnden inte har några synpunkter (kort yttrande)", "false"),
        FieldDoc("inga_synpunkter_text", "Det korta yttrandets mening: ”föreslås besluta att inte lämna några "
                 "synpunkter” före beslutet, ”har inga synpunkter” efter",
                 "Stadsområdesnämnd Öster har inga synpunkter på remissen."),
        FieldDoc("samrad", "Vilka som har getts tillfälle att yttra sig (stycken)", "Pensionärsrådet har beretts tillfälle att yttra sig."),
        FieldDoc("signaturer", "Underskrifter (lista): ordförande och förvaltningschef, vid delegationsbeslut delegaten", "se roll, namn"),
        FieldDoc("signaturer[].roll", "Underskriftens roll", "Ordförande"),
        FieldDoc("signaturer[].namn", "Underskriftens namn", "Andreas Konstantinides"),
        FieldDoc("reservationer", "Reservationer och särskilda yttranden (stycken; tomt utelämnas)", ""),
    ],
    "tjansteskrivelse": _COMMON + [
        FieldDoc("sammanfattning", "Sammanfattning av remissen (stycken): tjänsteskrivelsens eget fält i utkastet, förifyllt från missivet", "Kulturnämnden har tagit fram …"),
        FieldDoc("forslag_till_beslut", "Förslag till beslut (stycken)", "Stadsområdesnämnd Öster föreslås besluta att avge yttrande …"),
        FieldDoc("beslutsunderlag", "Beslutsunderlag (lista av texter)", "Missivskrivelse"),
        FieldDoc("beslutsplanering", "Beslutsplanering (lista)", "se organ, datum"),
        FieldDoc("beslutsplanering[].organ", "Organet som behandlar ärendet (efter beslutet: det som beslutade, t.ex. ”Delegationsbeslut (Britt-Marie Pettersson, stadsområdesdirektör)”)", "Stadsområdesnämnd Östers arbetsutskott"),
        FieldDoc("beslutsplanering[].datum", "Sammanträdets datum", "10 september 2015"),
        FieldDoc("arendet", "Ärendet (stycken)", "Kommunfullmäktige har gett …"),
        FieldDoc("synpunkter", "Synpunkter när svaret står i tjänsteskrivelsen (stycken; tomt utelämnas)", ""),
        FieldDoc("ansvariga", "Ansvariga tjänstepersoner (lista)", "se namn, titel"),
        FieldDoc("ansvariga[].namn", "Namn", "Marie Hendra"),
        FieldDoc("ansvariga[].titel", "Titel", "Avdelningschef"),
    ],
    "missiv": _COMMON + [
        FieldDoc("inledning", "Missivets brödtext (stycken)", "Handlingsplanen överlämnas härmed …"),
        FieldDoc("sista_svarsdag", "Sista svarsdag, på svenska, med klockslag om det finns", "28 augusti 2015 kl. 12.00"),
        FieldDoc("svar_till_epost", "E-postadress dit svaret ska skickas", "kulturkansli@malmo.se"),
        FieldDoc("fragor", "Frågeställningar (lista av texter)", "Är rätt nämnder ansvariga …?"),
        FieldDoc("sandlista", "Sändlistan i grupper (lista)", "se grupp, namn"),
        FieldDoc("sandlista[].grupp", "Gruppens rubrik", "Stadsområdesnämnder"),
        FieldDoc("sandlista[].namn", "Remissinstanserna i gruppen (lista av texter)", "Stadsområdesnämnd Öster"),
        FieldDoc("kontaktperson", "Kontaktperson för frågor", "se namn, titel, epost, telefon"),
        FieldDoc("kontaktperson.namn", "Kontaktpersonens namn", "Ivana Baukart"),
        FieldDoc("kontaktperson.titel", "Kontaktpersonens titel", "Utvecklingssekreterare"),
        FieldDoc("kontaktperson.epost", "Kontaktpersonens e-post", "ivana.baukart@malmo.se"),
        FieldDoc("kontaktperson.telefon", "Kontaktpersonens telefon", "040-34 10 00"),
        FieldDoc("kontaktperson.rad", "Namn, titel, e-post och telefon på en rad, det som finns ifyllt",
                 "Ivana Baukart, Utvecklingssekreterare, ivana.baukart@malmo.se, telefon 040-34 10 00"),
        FieldDoc("handlingar", "Remisshandlingar (lista av texter)", "Förslag till handlingsplan för kulturstrategi 2016"),
    ],
    "sammanstallning": _COMMON + [
        FieldDoc("inledning", "Inledande text (stycken)", "Remissen skickades den 15 juni 2015 …"),
        FieldDoc("sammanfattningar", "Varje svarande remissinstans kort sammanfattning, i sändlistans grupper (lista)",
                 "se instans, grupp, text"),
        FieldDoc("sammanfattningar[].instans", "Remissinstansen", "Stadsområdesnämnd Öster"),
        FieldDoc("sammanfattningar[].grupp", "Remissinstansens grupp", "Stadsområdesnämnder"),
        FieldDoc("sammanfattningar[].text", "Den korta sammanfattningen av svaret (stycken)",
                 "Tillstyrker förslaget men saknar en tidplan."),
        FieldDoc("fragor", "Frågorna med inkomna svar (lista)", "se fraga, svar"),
        FieldDoc("fragor[].fraga", "Frågan", "Är rätt nämnder ansvariga …?"),
        FieldDoc("fragor[].svar", "Svaren på frågan (lista)", "se grupp, instans, text"),
        FieldDoc("fragor[].svar[].grupp", "Remissinstansens grupp", "Stadsområdesnämnder"),
        FieldDoc("fragor[].svar[].instans", "Remissinstansen", "Stadsområdesnämnd Öster"),
        FieldDoc("fragor[].svar[].text", "Svaret (stycken)", "Stadsområdesnämnderna saknas …"),
        FieldDoc("ovriga", "Övriga synpunkter (lista)", "se instans, text"),
        FieldDoc("ovriga[].instans", "Remissinstansen", "Stadsområdesnämnd Öster"),
        FieldDoc("ovriga[].text", "Synpunkterna (stycken)", "Genomförbarheten …"),
        FieldDoc("ej_svarat", "Remissinstanser som inte har svarat (lista av texter)", "Malmö Stadsteater AB"),
        FieldDoc("avstatt", "Remissinstanser som avstått, med kommentaren om det finns (lista av texter)",
                 "Servicenämnden – berörs inte"),
        FieldDoc("statistik", "Svarsstatistik", "se antal, svarat, procent"),
        FieldDoc("statistik.antal", "Antal remissinstanser", "40"),
        FieldDoc("statistik.svarat", "Antal som svarat", "28"),
        FieldDoc("statistik.procent", "Andel som svarat, i procent", "70"),
        FieldDoc("statistik.avstar", "Antal som avstår", "3"),
        FieldDoc("statistik.ej_svarat", "Antal som inte har svarat", "9"),
        FieldDoc("statistik.text", "Antalen i en mening",
                 "Remissen skickades till 40 remissinstanser: 28 har svarat (70 procent), 3 avstår och 9 har inte svarat."),
        FieldDoc("ej_svarat_rubrik", "Rubriken över dem som inte har svarat; medan svarstiden löper med ”ännu” och "
                 "dagens datum", "Remissinstanser som ännu inte har svarat (per 4 december 2026)"),
    ],
}

# Paragraph fields: these are split into paragraphs with `punkt` and emphasis.
STYCKE_FIELDS = {
    "yttrande": ("forslag_till_beslut", "sammanfattning", "fragor[].svar", "avsnitt[].text",
                 "ovriga_synpunkter", "samrad", "reservationer"),
    "tjansteskrivelse": ("sammanfattning", "forslag_till_beslut", "arendet", "synpunkter"),
    "missiv": ("inledning",),
    "sammanstallning": ("inledning", "sammanfattningar[].text", "fragor[].svar[].text", "ovriga[].text"),
}


def check_kind(kind: str) -> None:
    """Raise ValueError for an unknown document kind."""
    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"Okänd dokumenttyp {kind!r}; tillåtna: {', '.join(DOCUMENT_KINDS)}")


def placeholder_fields(kind: str) -> list[FieldDoc]:
    """Return the documented placeholders for a document kind."""
    check_kind(kind)
    return list(_FIELDS[kind])


LOOP_VARIABLES = {"fragor": "f", "avsnitt": "a", "signaturer": "u", "beslutsplanering": "b", "ansvariga": "a",
                  "sandlista": "g", "ovriga": "o", "svar": "v", "sammanfattningar": "k"}


def _is_list(field: FieldDoc) -> bool:
    return "(lista" in field.description_sv


def usage(kind: str) -> dict[str, str]:
    """How each field is written in a template, an example that works: field name -> template code."""
    check_kind(kind)
    stycken, names = set(STYCKE_FIELDS[kind]), [f.name for f in _FIELDS[kind]]

    def expression(name: str) -> str:  # "fragor[].svar" -> "f.svar", as written inside the loop
        head, sep, attribute = name.rpartition("[].")
        return f"{LOOP_VARIABLES.get(head.split('[].')[-1], 'x')}.{attribute}" if sep else name

    out = {}
    for field in _FIELDS[kind]:
        name, shown = field.name, expression(field.name)
        if any(other.startswith(name + "[].") for other in names):  # a list of items with fields
            var = LOOP_VARIABLES.get(name.rsplit("].", 1)[-1], "x")
            out[name] = f"{{%p for {var} in {shown} %}} … {{%p endfor %}} (fälten nedan inne i loopen)"
        elif any(other.startswith(name + ".") for other in names):  # a field with fields
            out[name] = f"{{{{ {shown} }}}} (fälten nedan efter varandra; eller ett och ett)"
        elif _is_list(field):  # a list of texts
            var = LOOP_VARIABLES.get(name, "x")
            out[name] = f"{{%p for {var} in {shown} %}} … {{{{ {var} }}}} … {{%p endfor %}}"
        elif name in stycken:
            out[name] = f"{{{{ {shown} }}}} (varje stycke blir ett eget stycke)"
        elif "[]." in name:
            head = name.rpartition("[].")[0]
            var = LOOP_VARIABLES.get(head.split("[].")[-1], "x")
            out[name] = f"{{%p for {var} in {expression(head)} %}} … {{{{ {shown} }}}} … {{%p endfor %}}"
        else:
            out[name] = f"{{{{ {shown} }}}}"
    return out


def known_names(kind: str) -> set[str]:
    """Return the documented names, lists written both as `x` and `x[]`."""
    names = set()
    for field in placeholder_fields(kind):
        names.add(field.name)
        names.add(field.name + "[]")
    return names


_BASE = {
    "organisation": "Malmö stad",
    "forvaltning": "Stadsområdesförvaltning Öster",
    "namnd": "Stadsområdesnämnd Öster",
    "datum": "24 september 2015",
    "var_referens": {"namn": "Sabina Vendela Dethorey", "titel": "Utvecklingssamordnare",
                     "epost": "Sabina.Dethorey@malmo.se", "rad": "Sabina Vendela Dethorey, Utvecklingssamordnare"},
    "diarienummer": "SOFÖ-2015-811",
    "remittent_diarienummer": "KN-2015-1050",
    "remittent": "Kulturnämnden",
    "titel": "Remiss gällande handlingsplan för kulturstrategi 2016",
    "adress": "Stadsområdesförvaltning Öster, 205 80 Malmö",
    "telefon": "040-34 10 00",
    "organisationsnummer": "212000-1124",
    "webbplats": "malmo.se",
    "sidfot": "Stadsområdesförvaltning Öster, 205 80 Malmö · Telefon 040-34 10 00 · Org.nr 212000-1124 · malmo.se",
}

_FRAGOR = [
    "Är rätt nämnder och bolagsstyrelser ansvariga för ledning och samordning respektive genomförande av åtaganden?",
    "Har åtaganden och rapporteringspunkterna rätt ambitionsnivå eller kan vi prestera bättre under det kommande året?",
    "Finns det särskilda aspekter i handlingsplanens åtaganden som behöver belysas ytterligare?",
    "Exempel på aktiviteter som ska genomföras för varje åtagande inom den egna nämndens/ styrelsens ansvarsområde.",
    "Synpunkter kring genomförande och implementering",
]

_SVAR = [
    ["När det gäller det första åtagandet, Öka tillgång till kultur för barn i skola och förskola, saknas stadsområdesnämnderna bland ansvariga aktörer.",
     "Stadsområdesförvaltningarna har ett befolkningsansvar och ett uppdrag att föra dialog med Malmöbor."],
    ["Förslag till handlingsplan för kulturstrategi 2016 är det första steget i att konkretisera genomförandet av Malmö stads nya kulturstrategi.",
     "Stadsområdesnämnd Öster föreslår att kapitlet utökas med ytterligare skrivningar som behandlar andra aspekter av tillgänglighet."],
    ["Stadsområde Öster föreslår att barnperspektivet och kvinnors och mäns tillgång till kultur tydligare bör genomsyra handlingsplanen."],
    ["Stadsområdesnämnden kommer under hösten ge stadsområdesförvaltningen i uppdrag att ta fram en organisation för att implementera handlingsplanen."],
    ["Stadsområde Öster föreslår att varje nämnd får i uppdrag att se över de åtaganden som de är ansvariga för.",
     "- Åtagande nr 7 bör åtföljas av en budget.",
     "- Åtagande nr 8 bör slås ihop med åtagande nr 4."],
]

_SAMPLES = {
    "yttrande": {
        "till": "Kulturnämnden",
        "forslag_till_beslut": ["Stadsområdesnämnd Öster har beslutat att lämna följande yttrande:"],
        "beslutat": True,
        "beslutsorgan": "Stadsområdesnämnd Öster",
        "beslutsdatum": "24 september 2015",
        "paragraf": "§ 142",
        "justering": "Protokollet justerat den 8 oktober 2015.",
        "beslutsreferens": "Beslutat vid sammanträde 24 september 2015, § 142",
        "rattelse": False,
        "rattelse_text": "",
        "sammanfattning": [
            "Stadsområdesnämnd Öster ställer sig positiva till förslaget om en handlingsplan för kulturstrategi 2016.",
            "Det är **synnerligen viktigt** att handlingsplanen leder till en ökad tillgång till kultur för alla Malmöbor.",
        ],
        "fragor": [{"fraga": f, "svar": s} for f, s in zip(_FRAGOR, _SVAR)],
        "avsnitt": [],
        "ovriga_synpunkter": ["Avslutningsvis kan stadsområdesnämnd Öster konstatera att handlingsplanen har goda förutsättningar att bli ett dokument som underlättar för Malmö stad att realisera kulturstrategin."],
        "inga_synpunkter": False,
        "inga_synpunkter_text": "Stadsområdesnämnd Öster har inga synpunkter på remissen.",
        "samrad": [],
        "signaturer": [{"roll": "Ordförande", "namn": "Andreas Konstantinides"},
                       {"roll": "Stadsområdesdirektör", "namn": "Britt-Marie Pettersson"}],
        "reservationer": [],
    },
    "tjansteskrivelse": {
        "sammanfattning": [
            "Kulturnämnden har tagit fram ett förslag till en kommunövergripande Handlingsplan för kulturstrategi 2016. I handlingsplanen beskrivs elva åtaganden.",
            "Stadsområdesnämnd Öster ställer sig positiva till förslaget om Handlingsplan för kulturstrategi 2016.",
        ],
        "forslag_till_beslut": ["Stadsområdesnämnd Öster föreslås besluta att avge yttrande till Kulturnämnden i enlighet med upprättat förslag."],
        "beslutsunderlag": ["Tidplan remiss Handlingsplan för kulturstrategi 2016", "Sändlista",
                            "Förslag till Handlingsplan för kulturstrategi 2016", "Missivskrivelse",
                            "Meddelande om förlängd remisstid", "Remissyttrande avseende Handlingsplan för kulturstrategi 2016"],
        "beslutsplanering": [{"organ": "Stadsområdesnämnd Östers arbetsutskott", "datum": "10 september 2015"},
                             {"organ": "Stadsområdesnämnd Öster", "datum": "24 september 2015"}],
        "arendet": [
            "Kommunfullmäktige har gett kulturnämnden i uppdrag att, i samverkan med stadens övriga nämnder, utforma ett förslag till handlingsplan för kulturstrategi.",
            "Kulturnämnden har särskilt önskat att remissvaret utgår ifrån följande frågeställningar:",
        ] + ["- " + f for f in _FRAGOR],
        "synpunkter": [],
        "ansvariga": [{"namn": "Marie Hendra", "titel": "Avdelningschef"}],
    },
    "missiv": {
        "organisation": "Malmö stad",
        "forvaltning": "Kulturförvaltningen",
        "namnd": "Kulturnämnden",
        "datum": "15 juni 2015",
        "var_referens": {"namn": "Ivana Baukart", "titel": "Utvecklingssekreterare", "epost": "ivana.baukart@malmo.se"},
        "diarienummer": "KN-2015-1050",
        "remittent_diarienummer": "",
        "remittent": "Kulturnämnden",
        "titel": "Remiss angående Förslag till Handlingsplan för kulturstrategi 2016",
        "inledning": [
            "Den av Kulturnämnden framtagna Kulturstrategi 2014–2020 antogs i Kommunfullmäktige att gälla för hela Malmö stads organisation.",
            "Ärendet Handlingsplan för kulturstrategi 2016 överlämnas härmed till ovanstående för kännedom och yttrande.",
        ],
        "sista_svarsdag": "28 augusti 2015",
        "svar_till_epost": "kulturkansli@malmo.se",
        "fragor": list(_FRAGOR),
        "sandlista": [
            {"grupp": "Stadsområdesnämnder", "namn": ["Stadsområdesnämnd Innerstaden", "Stadsområdesnämnd Norr",
                                                     "Stadsområdesnämnd Söder", "Stadsområdesnämnd Väster", "Stadsområdesnämnd Öster"]},
            {"grupp": "Facknämnder", "namn": ["Sociala resursnämnden", "Fritidsnämnden", "Servicenämnden"]},
            {"grupp": "Bolag", "namn": ["Malmö Stadsteater AB"]},
        ],
        "kontaktperson": {"namn": "Ivana Baukart", "titel": "Utvecklingssekreterare",
                          "epost": "ivana.baukart@malmo.se", "telefon": "040-34 10 00",
                          "rad": "Ivana Baukart, Utvecklingssekreterare, ivana.baukart@malmo.se, telefon 040-34 10 00"},
        "handlingar": ["Förslag till Handlingsplan för kulturstrategi 2016", "Tidplan remiss", "Sändlista"],
    },
    "sammanstallning": {
        "namnd": "Kulturnämnden",
        "forvaltning": "Kulturförvaltningen",
        "datum": "5 oktober 2015",
        "diarienummer": "KN-2015-1050",
        "remittent": "Kulturnämnden",
        "titel": "Förslag till Handlingsplan för kulturstrategi 2016",
        "var_referens": {"namn": "Ivana Baukart", "titel": "Utvecklingssekreterare", "epost": "ivana.baukart@malmo.se"},
        "inledning": ["Remissen skickades den 15 juni 2015 till 40 remissinstanser. Remisstiden förlängdes till den 28 september 2015."],
        "sammanfattningar": [
            {"grupp": "Stadsområdesnämnder", "instans": "Stadsområdesnämnd Öster",
             "text": ["Tillstyrker handlingsplanen och vill se **tydligare uppföljning**."]},
            {"grupp": "Facknämnder", "instans": "Sociala resursnämnden",
             "text": ["Tillstyrker med två förbehåll:", "- ekonomiska förutsättningar", "- tidplan"]},
        ],
        "fragor": [
            {"fraga": _FRAGOR[0], "svar": [
                {"grupp": "Stadsområdesnämnder", "instans": "Stadsområdesnämnd Öster", "text": _SVAR[0]},
                {"grupp": "Stadsområdesnämnder", "instans": "Stadsområdesnämnd Söder",
                 "text": ["Stadsområdesnämnd Söder instämmer i ansvarsfördelningen."]},
            ]},
            {"fraga": _FRAGOR[1], "svar": [
                {"grupp": "Stadsområdesnämnder", "instans": "Stadsområdesnämnd Öster", "text": _SVAR[1]},
            ]},
        ],
        "ovriga": [{"instans": "Sociala resursnämnden", "text": ["Ekonomiska förutsättningar behöver tydliggöras."]}],
        "ej_svarat": ["Malmö Stadsteater AB"],
        "avstatt": ["Servicenämnden"],
        "statistik": {"antal": 40, "svarat": 28, "procent": 70, "avstar": 3, "ej_svarat": 9,
                      "text": "Remissen skickades till 40 remissinstanser: 28 har svarat (70 procent), 3 avstår och "
                              "9 har inte svarat."},
        "ej_svarat_rubrik": "Remissinstanser som inte har svarat",
    },
}


def sample_context(kind: str) -> dict:
    """Return a realistic sample context (seed 003, Kulturnämnden) for a kind."""
    check_kind(kind)
    context = copy.deepcopy(_BASE)
    context.update(copy.deepcopy(_SAMPLES[kind]))
    return context


def _replace_names(value, names: dict[str, str]):
    if isinstance(value, str):
        for old, new in names.items():
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_replace_names(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _replace_names(v, names) for k, v in value.items()}
    return value


def sample_context_for(kind: str, own: dict) -> dict:
    """The sample context with a nämnd's own values (namnd, forvaltning, organisation, adress, sidfot,
    diarienummer, datum …) in place of the demo's: the preview of that nämnd's template shows its own header and
    sidfot, and the sample texts name it, not Stadsområdesnämnd Öster (walk11 finding 11). Empty values are kept
    empty, as the nämnd's documents will have them."""
    context = sample_context(kind)
    names = {_BASE[key]: own[key] for key in ("namnd", "forvaltning") if own.get(key)}
    context = _replace_names(context, names)
    context.update({key: value for key, value in own.items() if key in _BASE})
    if kind == "yttrande" and own.get("namnd"):
        context["beslutsorgan"] = own["namnd"]
    return context
