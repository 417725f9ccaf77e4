"""Find the ärendemening (title) of a missiv: a labelled line, a heading, a 'Remiss av …' line or a page's headline."""
from __future__ import annotations

import re

from remiss.missiv.bodies import find_bodies
from remiss.missiv.dnr import RK_DNR

# Line starts are followed by [ \t]*, not \s*: with re.MULTILINE, \s* ran from every line start across all the
# blank lines after it, and a text of blank lines took time squared.
_LABELLED = [
    re.compile(r"^[ \t]*Ärende(?:t|mening)?[ \t]*:[ \t]*([^\n]*\S)", re.MULTILINE),
    re.compile(r"^[ \t]*#[ \t]+([^\n]*\S)", re.MULTILINE),
    # "Handling som delges: Förslag till beslut och skötselplan …": a länsstyrelse's kungörelsedelgivning
    re.compile(r"^[ \t]*(?:Rubrik|Remiss(?:ens titel|behandling)?|Angående|Ang\.|Avser|Gäller|"
               r"Handling(?:ar(?:na)?)?[ \t]+som[ \t]+(?:delges|kungörs|remitteras))[ \t]*:[ \t]*([^\n]*\S)",
               re.MULTILINE),
    re.compile(
        r"(?:^|(?<=\s))((?:Remiss|Remittering) (?:angående|avseende|gällande|av|om|över|från \w+ om)[ \t]+[^\n]+?)"
        r"(?=[ \t]+[A-ZÅÄÖ]{2,6}(?:[ \t]|$)|[ \t]+(?:Dnr|Diarienummer|Den|Bakgrund)\b|\n|$|"
        # a PDF flattened to one line: the first sentence starts with a capitalised function word
        r"[ \t]+(?:På|Med|Enligt|Det|De|Vi|Inom|Genom|Efter|Sedan|Härmed|Bifogat|Nu)[ \t]+[a-zåäö])",
        re.MULTILINE,
    ),
]
# "Remissen gäller Förslag till regional plan … och är från …"; "svara på Jordbruksverkets remiss om föreskrifter …."
_PROSE = [
    re.compile(r"\bRemissen gäller ((?:[^\n.]|\n(?![ \t]*\n)){3,200}?)(?: och (?:är|kommer) från\b|\.)"),
    re.compile(r"\b[A-ZÅÄÖ][\wåäö-]{1,60}s remiss (?:om|av|gällande) ((?:(?!remiss)(?:[^\n.]|\n(?![ \t]*\n))){3,120})"
               r"\.(?:\s|$)"),
    # A PDF missiv flattened to one line (docplayer): "… Enligt sändlista Ändring av Boverkets byggregler Boverket
    # önskar synpunkter …": the title stands between the addressee and the first sentence.
    re.compile(r"\bEnligt sändlista[ \t]+([A-ZÅÄÖ][^.\n]{5,150}?)(?=[ \t]+[A-ZÅÄÖ][\wåäö]+[ \t]+"
               r"(?:önskar|översänder|remitterar|bjuder|ger|inbjuder|har tagit fram)\b)"),
    # "Regionförbundet Sörmland skickar idag ut ”Regional cykelstrategi för Sörmland” på remiss": the quoted name
    re.compile(r"\b(?:skickar|sänder|ställer|skickas|sänds|ställs)[ \t]+(?:(?:nu|idag|i[ \t]+dag)[ \t]+)?ut[ \t]+"
               r"[”\"]([^”\"\n]{3,150})[”\"][ \t]+på[ \t]+remiss\b"),
    # "synpunkter på utredningen ”När behovet får styra – …”", "Samrådshandlingen heter: ”Viktiga vattenfrågor …”"
    re.compile(r"\b(?:[Uu]tredningen|[Bb]etänkandet|[Pp]romemorian|[Rr]apporten|[Ss]amrådshandlingen|[Rr]emisshandlingen)"
               r"(?:[ \t]+heter[ \t]*:?)?[ \t]+[”\"]([^”\"\n]{3,200})[”\"]"),
    # "Bifogat finns förslag till ändringar i … föreskrifter (KIFS 2017:7) om …."; "Härmed översänds promemorian …"
    re.compile(r"\b(?:Bifogat|Härmed) (?:finns|översänds|remitteras|bifogas)(?: härmed)?(?: för (?:remiss|yttrande))? "
               r"((?:förslag|promemorian?|rapporten?|betänkandet)\b[^\n.]{3,200})\.(?:\s|$)"),
]
# Words a document type adds in front of its name: "Remiss av promemorian X" is the ärendemening X.
_DOC_LEAD = re.compile(
    r"^(?:(?:(?:Öppen[ \t]+)?Remiss(?:en|version(?:en)?|utgåva(?:n)?|förslag(?:et)?|lista(?:n)?)?|Remittering|Kungörelse|Promemoria|"
    r"Samråd(?: och utställning)?|Utställning|Granskning|"
    r"Inbjudan till (?:samråd|remiss)|Välkommen att tycka till|(?:Dags att )?[Tt]yck(?:a)? till|"
    # "Nu är förslaget till … ute på remiss", "Samrådshandling: Vattentjänstplan …"
    # "Digitalt remisseminarium – Regional livsmedelsstrategi": an event about the remiss names it after the dash
    r"(?:Digitalt[ \t]+)?(?:remisseminarium|remissmöte|remisskonferens|samrådsmöte)(?=[ \t]*[:–-])|"
    r"Nu (?:är|går|skickas|ställs)|(?:Samråds|Gransknings|Remiss|Utställnings)handling(?:ar)?|"
    r"(?:Inbjudan|Möjlighet|Välkommen) att (?:lämna synpunkter|yttra sig)|(?:Lämna|Ge|Skicka in)(?: dina| era)? synpunkter|"
    # "Glöm inte ge yttrande om Översiktsplan 2040": a reminder in front of the matter's name
    r"Glöm inte (?:att )?(?:ge|lämna|skicka in) (?:ditt |ert |era |dina )?(?:yttrande|synpunkter)|"
    r"[\wåäö:-]{2,40}(?:[ \t]+[\wåäö:-]{2,40}){0,2}[ \t]+vill ha (?:dina |era |in )?synpunkter|"
    r"(?:Förlängd|Förlängning av|Ny) (?:remisstid|svarstid|samrådstid|granskningstid|utställningstid|yttrandetid|"
    r"sista svarsdag)(?:en)?(?: för| gällande| i)?|"
    r"(?:Remiss|Svars|Samråds|Gransknings|Utställnings)tiden(?: för| gällande| i)(?=[^\n]*förläng)|Remissbehandling|"
    # "Vill du vara med och påverka den nya Biblioteksplanen för 2024-2027?"
    r"Vill[ \t]+(?:du|ni)[ \t]+(?:vara[ \t]+med[ \t]+(?:och|att)[ \t]+)?(?:påverka|tycka[ \t]+till[ \t]+om|"
    r"lämna[ \t]+synpunkter[ \t]+på)(?:[ \t]+(?:den|det|de))?(?:[ \t]+(?:nya|ny|nytt))?|"
    # "Sista dagen att ge synpunkter på förslaget till ny regional kulturplan 2020-2023"
    r"Sista[ \t]+dag(?:en)?[ \t]+(?:för[ \t]+)?att[ \t]+(?:ge|lämna|skicka[ \t]+in|komma[ \t]+med)[ \t]+"
    r"(?:(?:dina|era)[ \t]+)?synpunkter[ \t]+på(?:[ \t]+förslaget[ \t]+till)?(?:[ \t]+(?:nya|ny|nytt))?|"
    # "Remissperioden avslutad för Kronobergs kulturplan"
    r"(?:Remiss|Samråds|Gransknings)(?:perioden|tiden)[ \t]+(?:är[ \t]+)?(?:avslutad|slut|pågår|öppen)(?:[ \t]+för)?)(?:[ \t]+(?:av|om|på|angående|för))?"
    r"(?:[ \t]*[:–-][ \t]*|[ \t]+))+(?:(?:(?:departements)?promemorian?|betänkandet?|rapporten?)[ \t]+)?",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"(?<![ \t])[ \t]*(?:[-–:][ \t]*(?:(?:allmänt|offentligt|nytt|förnyat|utökat)[ \t]+)?"
    r"(?:remiss|samråd|granskning|utställning)(?:förslag|version|shandling)?|"
    # an extension notice's heading: "… - förlängd samrådstid", "Granskningstiden för X förlängs till 1 mars"
    r"[-–:][ \t]*(?:förlängd|förlängning av|ny)[ \t]+(?:remiss|svars|samråds|gransknings|utställnings|yttrande)tid(?:en)?|"
    r"[ \t]förläng(?:s|t|es)(?:[ \t]+till(?:[ \t]+och[ \t]+med)?[ \t]+[^\n]{1,30})?|"
    r"(?:(?:är|går)[ \t]+)?(?:ute |ut )?på (?:remiss|samråd|granskning|utställning)|"
    # "Skollokalutredningen färdig - remissas nu": a news heading's report on the remiss after the name
    # (the blanks in front are the pattern's own leading [ \t]*: a second run here made a line of blanks quadratic)
    r"(?:(?:färdig|färdigt|klar|klart)[ \t]+)?[-–:][ \t]*(?:remissas|remitteras)(?:[ \t]+nu)?|"
    # "… föreskrifterna (4 bilagor)": the letter's attachments, no part of the name
    r"\((?:\d{1,2}|med)[ \t]+bilag(?:a|or|orna)\))[ \t]*$", re.IGNORECASE)
# regeringen.se puts the diarienummer right after the heading ("… vindkraftverkDiarienummer: Fi2025/00114"); a
# subject may end with it in brackets ("… vindkraftverk (Fi2025/00114)"). Neither belongs to the ärendemening.
# (The blanks in front are taken only from the first of them, so that a run of blanks is not retried.)
# "… arbetsinkomster, diarienummer Fi2024/00345": the letter's reference after a comma is no part of the name
_DNR_TAIL = re.compile(rf"(?<![ \t])[ \t]*(?:Diarienummer[ \t]*:[ \t]*\S+|\((?:dnr[ \t.:]*)?{RK_DNR}\)|"
                       rf",[ \t]*(?:dnr|diarienr|diarienummer)[ \t.:]*{RK_DNR})\Z",
                       re.IGNORECASE)
# "Remiss: Förslag till … anläggningar 31 maj 2017": a list's answer-day column run into the item's name.
_DATE_TAIL = re.compile(r"(?<![ \t])(?<![ \t]den)(?<![ \t]från)(?<![ \t]per)[ \t]+\d{1,2}[ \t]+(?:januari|februari|mars|april|maj|juni|juli|"
                        r"augusti|september|oktober|november|december)[ \t]+\d{4}\Z|"
                        # "Lämna synpunkter på Översiktsplanen innan 30:e september 2021": the deadline, not the name
                        r"(?<![ \t])[ \t]+(?:innan|senast|före|till[ \t]+och[ \t]+med)(?:[ \t]+den)?[ \t]+\d{1,2}(?::e)?[ \t]+"
                        r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)"
                        r"(?:[ \t]+\d{4})?\Z", re.IGNORECASE)
# A finite verb among a headline's first words makes it a sentence ("Nu kan du tycka till", "Regionen vill …").
_NEWS_VERB = re.compile(r"^(?:\S+[ \t]+){1,2}(?:kan|ska|skall|vill|får|har|blir|behöver|måste|ger|går|tar|kommer|gör|"
                        r"säger)\b", re.IGNORECASE)
# "Arbetet med kommunens klimat- och energiplan går vidare": a news heading that ends in its verb names no matter.
_NEWS_END = re.compile(r"[ \t](?:går[ \t]+vidare|fortsätter|är[ \t]+(?:klar|klart|färdig|färdigt|igång))\Z", re.IGNORECASE)
_BULLET = re.compile(r"[•·*▪◦–-][ \t]")
_POSSESSIVE = re.compile(r"^(?:Kommunens|Regionens|Länsstyrelsens|Myndighetens)[ \t]+", re.IGNORECASE)
# Navigation, credits and dates that sit above a web page's headline.
_CHROME = re.compile(
    r"^(?:[•·*-][ \t]*)?(?:skip to|hoppa till|gå till|language|lättläst|e-tjänster|meny|sök\b|logga in|storlek|"
    r"starta visningen|download|transkript|full text|no results|hitta på sidan|dela\b|skriv ut|lyssna|nyhet|"
    r"publicera|senast uppdaterad|sidansvarig|fotograf|foto\b|bild\b|remisser\b|aktuellt|startsida|du är här|"
    r"återställ|visa kontaktuppgifter|tillbaka|senast ändrad|uppdaterad|ändrad\b|aktuella\b|kakor|cookies|"
    r"acceptera|godkänn|kontakta oss|till startsidan|innehåll på sidan|på denna sida|relaterat|print\b|share\b|"
    r"så här (?:svarar|gör|lämnar|tycker) (?:du|man|ni)\b|"
    # skip links and toolbars ("Direkt till innehållet", "Verktygsfält"), an illustration's label, a section link
    r"(?:direkt )?till (?:huvud)?innehåll(?:et)?\b|för mer information\b|mer information\Z|verktygsfält|exempelbild|sidinformation|nyheter\Z|"
    r"här (?:hittar|finns|kan)\b|läs mer\b|läs (?:missivet|remissen|hela|rapporten|dokumentet)\b|prenumerera\b|artikeln publicerades\b|"
    # a signature's labelled lines: "Kontaktperson: Anna Berg", "Telefon: 0457-…"
    r"(?:kontaktperson(?:er)?|kontakt|handläggare|ansvarig handläggare|telefon|tfn|tel|e-post|epost|mobil)[ \t]*:|"
    # an address block's labelled lines: "Till: Stadsområdesnämnd Öster", "Mottagare: Kommunstyrelsen"
    r"(?:till|från|kopia|mottagare|adressat(?:er)?|sändlista)[ \t]*:|"
    # a letterhead's reference alone ("Dnr 6.4.16-05737/2021"), a page's section link ("Svara på remisser"), and
    # the labels of a page's tools and sections ("Katalog", "Utskrift", "Bakgrund"), which name no matter
    r"(?:dnr|diarienr|diarienummer|ärendenummer|vår referens|er referens)\b[ \t.:]*+(?:[A-ZÅÄÖ]{1,6}[ \t])?\S*\d\S*\Z|"
    r"(?:svara|svar|lämna synpunkter|yttra dig) på (?:remisser|remissen|förslag(?:et)?)\Z|"
    r"(?:katalog|utskrift|bakgrund|inledning|sammanfattning|innehåll|kategori|kategorier|etiketter|"
    r"praktisk information|bilagor|remisshandlingar|relaterade (?:dokument|länkar|sidor))\Z|klicka (?:på|här)\b|vid frågor\b|"
    # a link list's item: "Mer mat från Västerbotten, uppslag (lämpligt för skärm) Länk"
    r"[^\n]{0,200}[ \t]Länk\Z|"
    # a link to a file: "Missiv (PDF, 262 kB)"
    r"[^\n]{0,200}\((?:pdf|word|docx?|xlsx?|odt)\b[^()\n]{0,20}\d[ \t]*[kKmM]B\)\Z|"
    r"(?:[^/>›\n]{0,60}[ \t][/>›][ \t]){2})",  # a breadcrumb: Start / Bygga och bo / Avfall
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zåäö]*\.?"
_DAY = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?::e)?[ \t]+{_MONTH}(?:[ \t]+\d{{4}})?)"
# A line that only dates the page or the letter: "07 maj 2014 17:01", "Publiceringsdatum: 12 juli 2019",
# "Artikeln publicerades 10 december 2020", "Datum:2012-04-16 Dnr: 581:2012/506747" (a letterhead's labelled pairs).
_DATELINE = re.compile(
    rf"^(?:(?:[\wåäö]{{1,30}}+[ \t]{{1,5}}+){{0,2}}[\wåäö]{{1,30}}+[ \t]*+:?[ \t]*+)?{_DAY}(?:,?[ \t]+(?:(?:kl\.?|klockan|klocka)[ \t]*)?\d{{1,2}}[:.]\d{{2}}"
    # "10 dec 2020 klocka 10.00 - 11.30": an event's time span
    rf"(?:[ \t]*[-–][ \t]*\d{{1,2}}[:.]\d{{2}})?)?"
    rf"(?:[ \t]+(?:Dnr|Diarienr|Diarienummer|Ärendenummer|Vår referens|Er referens|Beteckning)\b[^\n]*)?\.?",
    re.IGNORECASE | re.MULTILINE)  # anchored at a line's start: it is only ever matched against a whole line
# Lines of a letterhead: the document type alone, a date with a diarienummer, the sending unit.
_LETTERHEAD = re.compile(r"(?:remiss(?:version|utgåva|förslag)?|missiv|remissmissiv|kungörelse|promemoria|följebrev|samråd|granskning|"
                         r"utställning|(?:(?:aktuella|tidigare|pågående|öppna|avslutade|utgångna)[ \t]+)?"
                         r"(?:remisser|samråd)(?:[ \t]+(?:från|under)[ \t]+\d{4})?|[\d\s:–-]+)\.?", re.IGNORECASE)
_UNIT = re.compile(r"(?:avdelningen|enheten|sektionen|kansliet|förvaltningen|kontoret|staben|byrån|departementet|"
                   r"nämnden|styrelsen)$|"
                   # a letterhead's unit named by its task: "Enheten för folkhälsa och sjukvård"
                   r"^(?:avdelningen|enheten|sektionen|staben|byrån|kansliet)[ \t]+för[ \t]", re.IGNORECASE)


def _looks_like_a_name(words: list[str]) -> bool:
    """Tell a person's name ("Anna Berg") from a title: two or three capitalised words and nothing else."""
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)


_GENERIC_SUBJECT = re.compile(
    r"(?:ny |inkommen )?(?:remiss(?:er)?|missiv|remisshandlingar|inbjudan att lämna (?:remiss)?svar)"
    r"(?:[ \t]+(?:från|till|för|att besvara|för yttrande)(?:[ \t]+[^\n]{0,80})?)?", re.IGNORECASE)
_CREDIT = re.compile(r"^[ \t]*(?:fotograf|foto|bild)[ \t]*:", re.IGNORECASE)


# Read only when no heading names the matter: "lämna synpunkter på förslaget till ny regional kulturplan 2024-2027.",
# "så kommer du till förslaget till Bostadsförsörjningsprogrammet för Malå kommun."
_PROPOSAL_OBJECT = re.compile(
    r"\b(?:tycka till om|tyck till om|synpunkter på|kommer du till|ta del av|yttra (?:dig|er|sig) över)[ \t]+"
    r"(?:remissutgåvan|remissversionen|remissförslaget|förslaget|förslag)[ \t]+(?:av|till|om|på)[ \t]+"
    r"(?:(?:en|ett)[ \t]+)?(?:(?:ny|nytt|nya)[ \t]+)?([^\n.]{3,150}?)(?:\.(?:\s|$)|\n)", re.IGNORECASE)
# "ny regional utvecklingsstrategi, Dalastrategin 2030 – …": the name after the comma is the matter's own.
_APPOSITION = re.compile(r"^[a-zåäö][^,()]{2,60},[ \t]+(?=[A-ZÅÄÖ])")


# Read last: "Länsstyrelsen har upprättat ett förslag till beslut om utvidgade strandskyddsområden i … kommuner.",
# "Ett förslag till kommunens nya avfallsföreskrifter har tagits fram." The body's own possessive is dropped.
_DRAWN_UP = re.compile(
    r"\b(?:har[ \t]+(?:nu[ \t]+)?(?:upprättat|tagit[ \t]+fram|utarbetat)[ \t]+(?:ett[ \t]+)?(?=förslag)|"
    r"(?<![\wåäö])(?:Ett|ett)[ \t]+(?=förslag[ \t]+till[ \t][^\n.]{3,150}?[ \t]+har[ \t]+(?:nu[ \t]+)?"
    r"(?:tagits[ \t]+fram|upprättats|utarbetats)\b))"
    r"(förslag[ \t]+(?:till|om)[ \t]+(?:(?:kommunens|regionens|länsstyrelsens|vår|vårt|våra)[ \t]+)?)"
    r"([^\n.]{3,200}?)(?:[ \t]+har[ \t]+(?:nu[ \t]+)?(?:tagits[ \t]+fram|upprättats|utarbetats)\b|\.(?:\s|$))")


# Read last of all: "Nu skickas föreskrifter för licensjakt på lodjur på remiss." (a news item whose heading is a
# sentence); a pronoun or a bare "förslaget" names nothing.
_SENT_OUT = re.compile(r"\bNu[ \t]+(?:skickas|sänds|går)[ \t]+(?!(?:den|det|de|förslaget|remissen|handlingarna)\b)"
                       r"([a-zåäö][^\n.]{3,150}?)[ \t]+(?:ut[ \t]+)?på[ \t]+(?:remiss|samråd)\b")


def find_title(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the ärendemening (title) and its span."""
    value, span = _find_title(text)
    if value is None:
        m = _PROPOSAL_OBJECT.search(text)
        if m:
            named = _APPOSITION.match(m.group(1))
            start = m.start(1) + (named.end() if named else 0)
            value, span = _tidy(text[start:m.end(1)], (start, m.end(1)), lead=False)
            if value:
                value = value[:1].upper() + value[1:]
    if value is None:
        m = _SENT_OUT.search(text)
        if m:
            value, span = _tidy(m.group(1), m.span(1), lead=False)
            value = value[:1].upper() + value[1:] if value else None
    if value is None:
        m = _DRAWN_UP.search(text)
        if m:
            lead = re.sub(r"[ \t]+", " ", m.group(1).split()[0] + " " + m.group(1).split()[1])
            value, span = _tidy(m.group(2), m.span(2), lead=False)
            if value:
                value, span = f"{lead[:1].upper()}{lead[1:]} {value}", (m.start(1), m.end(2))
    return value, span


def _find_title(text: str) -> tuple[str | None, tuple[int, int] | None]:
    for pattern in _LABELLED:
        m = pattern.search(text)
        if m and 3 <= len(m.group(1)) <= 250:
            end = _continued(text, m.start(1), m.end(1))
            return _tidy(text[m.start(1):end], (m.start(1), end), lead=False)
    for pattern in _PROSE:
        m = pattern.search(text)
        if m:
            value, span = _tidy(m.group(1), m.span(1))
            if value and pattern is _PROSE[-1]:
                value = value[:1].upper() + value[1:]  # "Bifogat finns förslag till …": the object names the matter
            return value, span
    document = _document_line(text)
    return document if document[0] else _headline(text)


# A paragraph that is only a document's name: "Förslag till bildande av naturreservatet Boa i Falkenbergs kommun."
# under an item's place label ("Boa Falkenbergs kommun") on a page that lists several remisser. The page's own heading
# (the first line) is never taken, and two such paragraphs leave the choice to the headline rule. The full stop tells
# the name written as a sentence of its own from a section heading ("Förslag till vattentjänstplan") or a list of
# attachments, which have none.
_DOCUMENT_LINE = re.compile(r"(?:(?<=\n\n)|(?<=\n[ \t]\n))[ \t]*(Förslag[ \t]+(?:till|om)[ \t]+[^\n]{10,250}?)\.[ \t]*"
                            r"(?=\n[ \t]*\n|\n?\Z)")
_FINITE = re.compile(r"\b(?:är|har|ska|skall|kommer|finns|skickas|kan|får|gäller|innebär|omfattar|ingår)\b", re.I)


def _document_line(text: str) -> tuple[str | None, tuple[int, int] | None]:
    found = [m for m in _DOCUMENT_LINE.finditer(text[:6000])
             if len(m.group(1).split()) <= 30 and not _FINITE.search(m.group(1)) and "," not in m.group(1)]
    if len(found) != 1:
        return None, None
    return _tidy(found[0].group(1), found[0].span(1), lead=False)


def letter_heading(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the letter's own labelled heading ("# Remiss av …", "Ärende: …"), or (None, None)."""
    for pattern in _LABELLED[:2]:
        m = pattern.search(text)
        if m and 3 <= len(m.group(1)) <= 250:
            end = _continued(text, m.start(1), m.end(1))
            return _tidy(text[m.start(1):end], (m.start(1), end), lead=False)
    return None, None


# SOU and Ds numbers, and författningssamlingar ("KIFS 2017:7", "HSLF-FS 2016:34"): a number names one document.
_DESIGNATION = re.compile(r"\b(?:SOU|Ds|[A-ZÅÄÖ]{1,6}-?FS)[ \t]+\d{4}:\d+", re.IGNORECASE)


def shares_designation(a: str, b: str) -> bool:
    """Tell whether two titles carry the same SOU, Ds or författningssamling number."""
    def numbers(value: str) -> set[str]:
        return {re.sub(r"\s+", " ", m.group()).casefold() for m in _DESIGNATION.finditer(value)}
    return bool(numbers(a) & numbers(b))


def same_matter(subject_title: str, heading: str) -> bool:
    """Tell whether a subject line and the forwarded letter's heading name the same ärende.

    A subject is often a shortened heading ("Remiss - Ovårdade tomter …" for "Remiss av Boverkets rapport Ovårdade
    tomter …"): the heading is the fuller name when it carries the same SOU/Ds number or all the subject's words.
    """
    if shares_designation(subject_title, heading):
        return True
    # "… handlingsprogram (LSO)": a subject's bracketed abbreviation of the law is no word the heading must hold
    subject_title = re.sub(r"\([^()\n]{1,20}\)", " ", subject_title)
    def words(value: str) -> set[str]:
        return {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", value)} - {"remiss", "och", "för", "med"}
    wanted, named = words(subject_title), words(heading)
    # a word of the subject may stand in its definite form in the heading ("översiktsplan", "Översiktsplanen")
    found = all(any(h.startswith(w) and len(h) - len(w) <= 3 for h in named) for w in wanted)
    return found and (len(wanted) >= 2 or len(wanted) == 1 and len(heading.split()) <= 3)


def clean_subject(subject: str, span: tuple[int, int]) -> tuple[str | None, tuple[int, int] | None]:
    """Return the ärendemening an e-mail subject carries ('Remiss: X', 'Förlängd svarstid – X')."""
    # "Remiss av promemorian X" stays as the letter's own heading would; "Remiss: X" and "Förlängd svarstid – X"
    # are the sender's labels in front of it.
    lead = re.match(r"(?:(?:förlängd|förlängning av)[ \t]+(?:remiss|svars|samråds|gransknings|utställnings)tid(?:en)?"
                    r"[ \t]*(?:[:–-]|för)?|"
                    r"remiss[ \t]*[:–-]|"
                    # "Samråd översiktsplan", "Granskning: detaljplan för …": the procedure in front of the name
                    r"(?:kungörelse[ \t]+)?(?:samråd|granskning|utställning)(?:[ \t]+(?:om|av|för|gällande))?[ \t]*[:–-]?"
                    r"(?=[ \t]+\S))[ \t]*",
                    subject, re.IGNORECASE)
    if lead:
        subject, span = subject[lead.end():], (span[0] + lead.end(), span[1])
    tail = _SUBJECT_DNR.search(subject)
    if tail and tail.start() > 0:
        subject, span = subject[:tail.start()], (span[0], span[0] + tail.start())
    if len(subject.strip()) < 3 or _GENERIC_SUBJECT.fullmatch(subject.strip()) or find_bodies(subject) and \
            sum(m.end - m.start for m in find_bodies(subject)) >= len(subject.strip()) / 2:
        return None, None  # "VB: Remiss", "Remiss från Länsstyrelsen": the title is in the letter
    value, span = _tidy(subject, span, lead=False)
    return (value[:1].upper() + value[1:] if value else None), span


# A diarienummer the sender put at the end of the subject: "… läkemedel (581:2011/502100)", "… Boa 511-7180-11",
# "… översiktsplan KS-2021-00442". A year range ("2021-2025") and an SOU/Ds/författning number are the name's own.
# "RUN-HRU24-0029": a series and a unit in front of the year and number
_DNR_TOKEN = r"(?:[A-ZÅÄÖ]{1,6}-(?!FS[ \t]))?(?:[A-ZÅÄÖ]{1,6}[ -]?)?\d[\d.:/-]{3,30}\d"  # "HSLF-FS 2021:2" is no dnr
_SUBJECT_DNR = re.compile(
    rf"(?<![ \t])(?:[ \t]*+\((?:dnr|diarienr|diarienummer)?[ \t.:]{{0,5}}{_DNR_TOKEN}\)|"
    rf"(?<!SOU)(?<!Ds)(?<!FS)(?<!prop\.),?[ \t]++(?:(?:dnr|diarienr|diarienummer)[ \t.:]{{0,5}})?"
    # "… 511-7180-11", "… KS-2021-00442", "…, RJL 2019/2969", "… Grönprogram 2018/0153" (a year, a slash, a number)
    rf"(?:(?=[^ \t]{{0,30}}[:/-][^ \t]{{0,30}}[:/-]|[A-ZÅÄÖ]{{1,6}}-)(?!\d{{4}}[-–]\d{{4}}\Z){_DNR_TOKEN}|"
    rf"(?:[A-ZÅÄÖ]{{2,6}}[ \t])?(?:19|20)\d\d/\d{{2,6}}))[ \t]*+\Z",
    re.IGNORECASE)


# "Remiss av promemorian X", "Remiss promemoria X", "Remittering av betänkandet X": the ärendemening is X, even in the
# letter's own heading; it flows into every document and mail subject, which say "remiss" themselves.
_REMISS_LEAD = re.compile(
    # "Remiss från Miljödepartementet om X": the sender between the word and the matter
    r"^(?:(?:Remiss(?:lista(?:n)?)?|Remittering)\b(?:[ \t]+från[ \t]+[A-ZÅÄÖ][\wåäö-]{1,60}(?=[ \t]+(?:om|av|angående|gällande)\b))?"
    r"(?:[ \t]+(?:av|om|angående|avseende|gällande|över|på)\b)?[ \t]*[:–-]?[ \t]*)?"
    r"(?:(?:(?:departements)?promemorian?|betänkandet?|rapporten?)(?:[ \t]+(?:om|angående|avseende|gällande))?[ \t]+)?"
    r"(?=\S)",
    re.IGNORECASE)
# "Rapporten X" alone may be the matter's own name; "Promemorian X" never is.
_DOC_ONLY = re.compile(r"^(?:betänkande|rapport)", re.IGNORECASE)


def drop_remiss_lead(value: str) -> str:
    """Return a title without the "Remiss av …" words in front of the matter's name."""
    found = _REMISS_LEAD.match(value)
    if not found or found.end() == 0 or _DOC_ONLY.match(value):
        return value
    rest = value[found.end():]
    if len(rest) < 3:
        return value  # "Remiss" alone names no matter
    return rest[:1].upper() + rest[1:]


def _tidy(value: str, span: tuple[int, int], lead: bool = True) -> tuple[str | None, tuple[int, int]]:
    """Collapse blanks; drop a procedure's words around the name unless the letter's own heading has them."""
    value = drop_remiss_lead(_DNR_TAIL.sub("", re.sub(r"\s+", " ", value).rstrip(" .")).strip(" .:"))
    found = _DOC_LEAD.match(value) if lead else None
    if found and found.end() < len(value):
        value = value[found.end():]
        value = value[:1].upper() + value[1:]
    value = _TRAIL.sub("", value).strip(" .:–-")
    value = _DATE_TAIL.sub("", value)
    return (_drop_body_tail(value) or None), span


def _drop_body_tail(value: str) -> str:
    """Drop the sender's name put after a comma: "Förslag till översiktsplan Gotland 2040, Region Gotland"."""
    head, comma, tail = value.rpartition(", ")
    if not comma or len(head.split()) < 2:
        return value
    named = find_bodies(tail)
    # a kommun after the comma is the place the matter is about ("… i Stora Le, Dals-Eds kommun"), kept
    sender = named and named[0].start == 0 and named[0].end >= len(tail.rstrip()) and named[0].body.kind != "kommun"
    return head if sender else value


def plausible_heading(line: str) -> bool:
    """Tell whether a heading the file's structure marks could name the matter: the headline rule's judgement of a
    line (no news sentence, no "… ut på remiss" about the remiss, no letterhead, unit, person or shouted label)."""
    line = re.sub(r"\s+", " ", line).strip()
    if line.endswith(("!", "?")) and _DOC_LEAD.match(line):
        line = line[:-1]
    words = line.split()
    if not words or len(words) > 25 or line.endswith((":", "!", ",", ";", "?")) or "@" in line or "http" in line:
        return False
    if _CHROME.match(line) or _DATELINE.fullmatch(line) or _LETTERHEAD.fullmatch(line) or _UNIT.search(line) or \
            _looks_like_a_name(words) or line.isupper():
        return False
    if re.search(r"\bremiss\b", line, re.IGNORECASE) and not (_DOC_LEAD.match(line) or _TRAIL.search(line)):
        return bool(_REMISS_LEAD.match(line) and _REMISS_LEAD.match(line).end())  # "Remiss av X", not news of one
    return not ((_NEWS_VERB.match(line) or _NEWS_END.search(line)) and not _DOC_LEAD.match(line))


def is_headline(text: str, span: tuple[int, int] | None) -> bool:
    """Tell whether a title at span is only the page's first short line (a guess), not a line that names itself."""
    return span is not None and _headline(text)[1] == span


def _headline(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return a web page's headline: the first short line above the prose, chrome skipped."""
    lines = [m for m in re.finditer(r"[^\n]+", text[:6000]) if m.group().strip()]
    for index, line_match in enumerate(lines[:14]):
        line_end = _continued(text, line_match.start(), line_match.end())
        line = re.sub(r"\s+", " ", text[line_match.start():line_end]).strip()
        following = lines[index + 1].group() if index + 1 < len(lines) else ""
        if _CHROME.match(line) or _CREDIT.match(following) or not re.search(r"[^\W\d_]{3}", line) or \
                _DATELINE.fullmatch(line):
            continue
        if _BULLET.match(line):
            continue  # an item of a list ("• skälen till att bilda naturreservat"), never the page's headline
        if line.endswith(("!", "?")) and _DOC_LEAD.match(line):
            line = line[:-1]  # "Tyck till om Översiktsplanen!", "Vill du vara med och påverka …?": the matter named
        if line.endswith((".", ":", "!", ",", ";", "?")) or "@" in line or "http" in line or line[:1].islower():
            continue
        if len(line) >= 70 and text[line_end:line_end + 1] == "\n" and following and \
                lines[index + 1].start() == line_end + 1:
            continue  # a full line that runs on into the next: a wrapped paragraph, not a headline
        words = line.split()
        named = sum(m.end - m.start for m in find_bodies(line))
        if len(words) > 25 or named >= len(line) / 2 or _LETTERHEAD.fullmatch(line) or _UNIT.search(line) or \
                _looks_like_a_name(words):
            continue  # the letterhead of a PDF missiv: "Remiss", the sender's unit, the handläggare
        if re.search(r"\bremiss\b", line, re.IGNORECASE) and not (_DOC_LEAD.match(line) or _TRAIL.search(line)):
            return None, None  # a news headline about the remiss, not its name
        if line.isupper():
            return None, None  # a shouted section name loses the words the annotation needs
        if (_NEWS_VERB.match(line) or _NEWS_END.search(line)) and not _DOC_LEAD.match(line):
            return None, None  # "Corona kan ge klagande längre betänketid": a news sentence, not the matter's name
        if len(words) <= 4 and not re.search(r"\d", line) and _is_heading_over_prose(lines, index + 1) and \
                not _shares_a_word(line, lines[index + 1].group()):
            continue  # a section's label ("Miljöanalys") above the item's own heading, not its subheading
        if len(words) <= 4 and not re.search(r"remiss", line, re.IGNORECASE) and index + 1 < len(lines) and \
                _names_a_remiss(lines[index + 1].group()):
            continue  # a section's label ("Regional utveckling") above "Remiss – Målbild för regionala cykelstråk"
        value, span = _tidy(line, (line_match.start(), line_end))
        if value is None:
            return None, None
        if _LETTERHEAD.fullmatch(value):
            continue  # "Inbjudan att lämna synpunkter på remiss": the procedure alone, no name
        value = _POSSESSIVE.sub("", value)
        item = _item_heading(text, lines[index + 1:], value)
        if item:
            return item
        return _extend(text, value[:1].upper() + value[1:]), span
    return None, None


def _item_heading(text: str, later: list[re.Match], heading: str) -> tuple[str, tuple[int, int]] | None:
    """Return an item's own name under a page's generic heading, or None.

    "Förslag till nya naturreservat" heads a list; "Förslag till bildande av naturreservatet Lugnås kvarnstensgruvor",
    a line of its own further down that opens with the same words and names more, is the remiss in hand.
    """
    words = heading.split()
    if not 2 <= len(words) <= 6:
        return None
    stem = words[-1].casefold()[:6]
    found = None
    for m in later:
        line = m.group().strip()
        if line.split()[:2] == words[:2] and len(line) > len(heading) + 10 and len(line.split()) <= 20 and \
                not line.endswith((".", ":", "!", "?", ",")) and stem in line.casefold():
            if found:
                return None  # two items under the heading: which one is in hand is not known
            found = (line, m.span())
    return found


def _names_a_remiss(line: str) -> bool:
    """Tell whether a line is a heading of the form "Remiss – X" / "Remiss av X" that names the matter."""
    line = line.strip()
    lead = _REMISS_LEAD.match(line)
    return bool(lead and lead.end() and re.match(r"(?:Remiss|Remittering)\b", line)) and len(line) > lead.end() + 3 \
        and not line.endswith((".", ":", "!", "?")) and len(line.split()) <= 25


def _shares_a_word(a: str, b: str) -> bool:
    def words(s: str) -> set[str]:
        return {w.casefold() for w in re.findall(r"[^\W\d_]{4,}", s)}
    return bool(words(a) & words(b))


def _is_heading_over_prose(lines: list[re.Match], index: int) -> bool:
    """Tell whether line `index` is a short heading of its own paragraph with a paragraph of prose below it."""
    if index + 1 >= len(lines):
        return False
    heading, below = lines[index].group().strip(), lines[index + 1].group().strip()
    return (2 <= len(heading.split()) <= 12 and not heading.endswith((".", ":", "!", ",", ";", "?")) and
            not _CHROME.match(heading) and "@" not in heading and not heading[:1].islower() and
            not _LETTERHEAD.fullmatch(heading) and
            (below.endswith((".", ":")) and len(below.split()) >= 8 or len(below.split()) >= 14))


# A title wrapped onto the next line: that line goes on in lower case, or this one ends in a word that needs more.
_OPEN_END = re.compile(r"(?:\b(?:och|av|för|i|till|om|med|på|samt|inom|från|vid)|[,–-])$", re.IGNORECASE)


def _continued(text: str, start: int, end: int) -> int:
    """Return where a title that starts at `start` really ends, taking in up to two wrapped lines."""
    for _ in range(2):
        m = re.compile(r"\n[ \t]*([^\n]+)").match(text, end)
        if not m or end - start + len(m.group(1)) > 250:
            break
        if not (m.group(1)[:1].islower() or _OPEN_END.search(text[start:end].rstrip())) or "|" in m.group(1):
            break  # "i Category: | 1 min läsning": a page's metadata under its heading, not the title wrapped
        end = m.end(1)
    return end


def _extend(text: str, value: str) -> str:
    """Complete a short headline from its fuller mention in the text ('… program' → '… program 2021-2025')."""
    if len(value.split()) > 6:
        return value
    m = re.compile(
        r"\s+".join(re.escape(w) for w in value.split()) +
        r"((?:\s+\d{4}[ \t]*[-–][ \t]*\d{4})|(?:\s+(?:för|i)\s+(?:[A-ZÅÄÖ][\wåäö-]+\s+){1,3}(?:kommun|län|region)))",
        re.IGNORECASE,
    ).search(text)
    if m:
        found = re.sub(r"\s+", " ", m.group())
        return value[:1] + found[1:] if value[:1].isupper() else found
    return value
