"""Build realistic sample contexts (seed 003, Kulturnämnden) to preview a template with."""
from __future__ import annotations

import copy

from .kinds import check_kind

_BASE = {
    "organisation": "Malmö stad",
    "forvaltning": "Stadsområdesförvaltning Öster",
    "namnd": "Stadsområdesnämnd Öster",
    "datum": "24 september 2015",
    "var_referens": {"namn": "Sabina Vendela Dethorey", "titel": "utvecklingssamordnare",
                     "epost": "Sabina.Dethorey@malmo.se", "rad": "Sabina Vendela Dethorey, utvecklingssamordnare"},
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
        "fragor": [{"nummer": n, "fraga": f, "svar": s} for n, (f, s) in enumerate(zip(_FRAGOR, _SVAR), start=1)],
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
        "ansvariga": [{"namn": "Marie Hendra", "titel": "avdelningschef"}],
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
        "svarsfiler": ["Stadsområdesnämnd Öster (Stadsområdesnämnder): Yttrande SON Öster.pdf, Bilaga 1.pdf"],
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
