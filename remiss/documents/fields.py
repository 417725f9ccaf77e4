"""Documented placeholders per document kind, and how a template writes them (sample contexts: samples.py).

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

import datetime as dt
from typing import NamedTuple

# Re-exported: callers import the kinds and the sample contexts from here (and from remiss.documents).
from .kinds import DOCUMENT_KINDS, check_kind  # noqa: F401
from .samples import sample_context, sample_context_for  # noqa: F401

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
    FieldDoc("var_referens.titel", "Handläggarens titel", "utvecklingssamordnare"),
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
        FieldDoc("fragor[].nummer", "Frågans nummer i remissen (också när en fråga före den saknar svar)", "2"),
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
        FieldDoc("ansvariga[].titel", "Titel", "avdelningschef"),
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
        FieldDoc("svarsfiler", "Varje svarande remissinstans filer: instansen (grupp) och filnamnen (lista av texter)",
                 "Stadsområdesnämnd Öster (Stadsområdesnämnder): Yttrande SON Öster.pdf, Bilaga 1.pdf"),
        FieldDoc("ej_svarat", "Remissinstanser som inte har svarat (lista av texter)", "Malmö Stadsteater AB"),
        FieldDoc("avstatt", "Remissinstanser som avstått, med kommentaren om det finns (lista av texter)",
                 "Servicenämnden – berörs inte"),
        FieldDoc("statistik", "Svarsstatistik", "se antal, svarat, procent"),
        FieldDoc("statistik.antal", "Antal remissinstanser, utom de som avstod utan att ha fått remissen", "40"),
        FieldDoc("statistik.svarat", "Antal som svarat", "28"),
        FieldDoc("statistik.procent", "Andel som svarat, i procent", "70"),
        FieldDoc("statistik.avstar", "Antal som avstår, utom de som avstod utan att ha fått remissen", "3"),
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
