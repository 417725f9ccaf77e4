"""Judge one line at the top of a page or letter: navigation and credits (chrome), a dateline, a letterhead's kind
or unit, a person's name, a news sentence; and whether a heading could name the matter at all."""
from __future__ import annotations

import re

from remiss.missiv.title_trim import DOC_LEAD, REMISS_LEAD, TRAIL

# A finite verb among a headline's first words makes it a sentence ("Nu kan du tycka till", "Regionen vill …").
NEWS_VERB = re.compile(r"^(?:\S+[ \t]+){1,2}(?:kan|ska|skall|vill|får|har|blir|behöver|måste|ger|går|tar|kommer|gör|"
                       r"säger|bjuder|föreslår|beslutar|välkomnar|"
                       # round 13: "Kammarkollegiet begär förtydligande", "Kompletterande samråd pågår till …"
                       r"begär|skickar|remitterar|startar|inleder|efterfrågar|pågår|"
                       # round 32: "Strategin innehåller vår vision: …": a sentence about the document
                       r"innehåller|beskriver|omfattar|handlar)\b|"
                       # "Var med och forma kommunens klimatarbete": a call to the reader, no name
                       r"^(?:var|vara)[ \t]+med[ \t]+(?:och|att)[ \t]", re.IGNORECASE)
# "Arbetet med kommunens klimat- och energiplan går vidare": a news heading that ends in its verb names no matter.
# Round 25: "Dialog om strandskydd önskas": a passive request after anything but a request's own noun ("Synpunkter på X
# välkomnas" names X) is news of what someone wants.
NEWS_END = re.compile(r"[ \t](?:går[ \t]+vidare|fortsätter|är[ \t]+(?:klar|klart|färdig|färdigt|igång))\Z|"
                      r"\A(?!(?:Synpunkter|Yttranden?|Remissvar|Remissyttranden?|Svar|Kommentarer|Åsikter)\b)"
                      r"[^\n]{0,200}[ \t](?:välkomnas|efterfrågas|önskas|begärs)\Z", re.IGNORECASE)

# Navigation, credits and dates that sit above a web page's headline.
CHROME = re.compile(
    r"^(?:[•·*-][ \t]*)?(?:(?:öppna|stäng|visa|dölj)[ \t]+(?:sök|meny)[a-zåäö]{0,6}\b|skip to|(?:hoppa|gå)(?:[ \t]+direkt)?[ \t]+till|language|lättläst|e-tjänster|meny|sök\b|logga in|storlek|"
    r"starta visningen|download|transkript|full text|no results|hitta på sidan|dela\b|skriv ut|lyssna|nyhet|"
    r"publicera|senast uppdaterad|sidansvarig|fotograf|foto\b|bild\b|remisser\b|aktuellt|startsida|du är här|"
    r"återställ|visa kontaktuppgifter|tillbaka|senast ändrad|uppdaterad|ändrad\b|aktuella\b|kakor|cookies|"
    r"acceptera|godkänn|kontakta oss|till startsidan|innehåll på sidan|på denna sida|relaterat|print\b|share\b|"
    r"så här (?:svarar|gör|lämnar|tycker) (?:du|man|ni)\b|"
    # skip links and toolbars ("Direkt till innehållet", "Verktygsfält"), an illustration's label, a section link
    # a weekly list's heading: "Kungörelser vecka 22"
    # (round 32: with the body's genitive in front, "Skånes Kungörelser vecka 21")
    r"(?:[\wåäö-]{2,40}s[ \t]+){0,2}(?:kungörelser|remisser|nyheter|anslag)[ \t]+vecka[ \t]+\d{1,2}\Z|"
    # round 32: the generic sections of a page or a report, which name no matter: "Syfte och innehåll",
    # "Kontaktinformation", "Kungörelser och delgivningar", "Informations- och diskussionsmöte", "Samrådsmöten"
    r"(?:syfte(?:[ \t]+och[ \t]+(?:innehåll|mål|bakgrund))?|kontaktinformation|kontaktuppgifter|"
    r"kungörelser(?:[ \t]+och[ \t]+(?:delgivningar|tillkännagivanden)|[ \t]+inom[ \t][^\n]{2,60})?|"
    r"(?:[\wåäö]{3,20}-[ \t]+och[ \t]+)?(?:informations|diskussions|dialog|samråds|remiss|öppet[ \t]+)?(?:möte|hus)(?:t|n|na)?|"
    r"anmälan[ \t]+till[ \t]+[\wåäö-]*möte(?:t|n|na)?)\Z|"
    r"(?:direkt )?till (?:huvud)?innehåll(?:et)?\b|för mer information\b|mer information\Z|verktygsfält|exempelbild|sidinformation|(?:[\wåäö]{2,30}[ \t]+)?nyheter\Z|"
    # a logo's or coat of arms' alternative text: "Stenungsunds kommunvapen", "Havs- och vattenmyndighetens logotyp"
    r"(?:[^\n]{0,60}[ \t])?(?:kommunvapen|länsvapen|logotyp(?:en)?)\b[^\n]{0,40}\Z|"
    r"här (?:hittar|finns|kan)\b|läs mer\b|läs (?:missivet|remissen|hela|rapporten|dokumentet)\b|"
    # round 32: a link to the documents: "Läs de föreslagna föreningsbidragsreglernaPDF", "Läs vårt förslag"
    r"läs[ \t]+(?:de|den|det|dessa|detta|vår|vårt|våra|hela)[ \t]|prenumerera\b|artikeln publicerades\b|"
    # a signature's labelled lines: "Kontaktperson: Anna Berg", "Telefon: 0457-…"
    r"(?:kontaktperson(?:er)?|kontakt|handläggare|ansvarig handläggare|telefon|tfn|tel|e-post|epost|mobil|frågor)[ \t]*:|"
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
    # round 13: lines about the page itself ("Denna nyhet är äldre än 6 månader", "Innehållet publicerades under
    # perioden …", "Statsråd på denna sida som …", "Du är på Region Örebro läns webbplats"), an image's placeholder
    # text and a project page's follow link ("Följ projektet via")
    r"(?:denna|den[ \t]+här)[ \t]+(?:nyhet|sida|artikel|text|notis)\b|innehållet[ \t]+(?:publicerades|uppdaterades)\b|"
    r"[^\n]{0,40}[ \t]på[ \t]+(?:denna|den[ \t]+här)[ \t]+sida\b|du[ \t]+är[ \t]+på\b|hade[ \t]+du[ \t]+nytta\b|"
    r"image[ \t]+alt\b|följ[ \t]+(?:projektet|ärendet|arbetet|oss)\b|"
    # the other status and tool lines of a site's pages: "Sidan uppdaterades …", "Nyheten är mer än ett år gammal",
    # "Senast granskad …", "Arkiverad", "Översätt", "In English", "Ladda ner", "Läs också", "Se även"
    r"(?:sidan|nyheten|artikeln|texten)[ \t]+(?:är|har|uppdaterades|granskades|publicerades|skapades)\b|"
    r"senast[ \t]+(?:granskad|publicerad|reviderad)\b|arkiverad\b|översätt\b|translate\b|in[ \t]+english\b|"
    r"ladda[ \t]+ner\b|läs[ \t]+också\b|se[ \t]+även\b|om[ \t]+webbplatsen\b|tillgänglighetsredogörelse\b|"
    # round 14: a news list's section and day: "Nationella planen • 20 mars, 2024", "Miljö | 2024-03-20"
    r"[^•|\n]{1,60}[ \t][•|·][ \t]*+(?:\d{1,2}[ \t]+(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)|\d{4}-\d{2}-\d{2})|"
    # round 28b: a breadcrumb copied without its separators glues the first link to the page's name
    # ("StartVatten- och avloppsplan (VA-plan)"); the page repeats its name as the heading below
    r"(?-i:(?:Start|Hem)(?=[A-ZÅÄÖ][a-zåäö]))|"
    r"(?:[^/>›\n]{0,60}[ \t][/>›][ \t]){2})",  # a breadcrumb: Start / Bygga och bo / Avfall
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zåäö]*\.?"
_DAY = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?::e)?[ \t]+{_MONTH}(?:[ \t]+\d{{4}})?)"
# A line that only dates the page or the letter: "07 maj 2014 17:01", "Publiceringsdatum: 12 juli 2019",
# "Artikeln publicerades 10 december 2020", "Datum:2012-04-16 Dnr: 581:2012/506747" (a letterhead's labelled pairs).
DATELINE = re.compile(
    rf"^(?:(?:[\wåäö]{{1,30}}+[ \t]{{1,5}}+){{0,2}}[\wåäö]{{1,30}}+[ \t]*+:?[ \t]*+)?{_DAY}(?:,?[ \t]+(?:(?:kl\.?|klockan|klocka)[ \t]*)?\d{{1,2}}[:.]\d{{2}}"
    # "10 dec 2020 klocka 10.00 - 11.30": an event's time span
    rf"(?:[ \t]*[-–][ \t]*\d{{1,2}}[:.]\d{{2}})?)?"
    rf"(?:[ \t]+(?:Dnr|Diarienr|Diarienummer|Ärendenummer|Vår referens|Er referens|Beteckning)\b[^\n]*)?\.?",
    re.IGNORECASE | re.MULTILINE)  # anchored at a line's start: it is only ever matched against a whole line
_PROCEDURE = r"(?:samråd|dialog|medborgardialog|remiss(?:er)?|granskning(?:ar)?|utställning(?:ar)?|yttranden?|synpunkter)"
# Lines of a letterhead: the document type alone, a date with a diarienummer, the sending unit.
LETTERHEAD = re.compile(r"(?:remiss(?:version|utgåva|förslag)?|missiv|remissmissiv|kungörelse|promemoria|följebrev|samråd|granskning|"
                        r"utställning|(?:(?:aktuella|tidigare|pågående|öppna|avslutade|utgångna)[ \t]+)?"
                        r"(?:remisser|samråd)(?:[ \t]+(?:från|under)[ \t]+\d{4})?|[\d\s:–-]+|"
                        # a letter's kind and its addressee or sender: "Information till remissinstanserna",
                        # "Meddelande från Skolverket"
                        r"(?:information|(?:press)?meddelande|besked|påminnelse|nyhet)[ \t]+(?:till|från)[ \t]+[^\n]{2,60}|"
                        # round 13: a press release's label alone; a list page's heading ("Politiska remisser",
                        # "Kommunens remisser"); the request alone or with a participle ("Begäran om yttrande
                        # ivägskickat"): no name in any of them
                        r"pressmeddelande|"
                        # a site's section of procedure words: "Samråd och dialog", "Dialog och samråd"
                        rf"{_PROCEDURE}(?:[ \t]+(?:och|samt|&)[ \t]+{_PROCEDURE})+|"
                        r"(?:[\wåäö-]{3,30}+[ \t]++){1,2}+(?:remisser|remissärenden)|"
                        # "Remisser om nya och ändrade föreskrifter": the plural heads a list of several
                        r"(?:remisser|remissärenden)[ \t]+(?:om|av|från|inom|för|gällande)[ \t][^\n]{2,80}|"
                        r"begäran[ \t]+om[ \t]+(?:yttrande|synpunkter|remissvar)(?-i:[ \t]+[a-zåäö]+)?|"
                        # an extension notice's label alone: "Förlängd remisstid", "Nytt svarsdatum"
                        r"(?:förlängd|förlängning[ \t]+av|ny|nytt|ändrad|ändrat)[ \t]+(?:(?:remiss|svars|samråds|"
                        r"gransknings|utställnings|yttrande)tid(?:en)?|svarsdatum|svarsdag|sista[ \t]+svarsdag)|"
                        # round 14: a directive's section: "Förlängd tid för uppdraget", "… för uppdragets
                        # slutredovisning"
                        r"(?:förlängd|ny|ändrad)[ \t]+tid[ \t]+för[ \t]+(?:uppdraget|uppdragets[ \t]+[a-zåäö]+|"
                        r"redovisningen|utredningen))\.?",
                        re.IGNORECASE)
UNIT = re.compile(r"(?:avdelningen|enheten|sektionen|kansliet|förvaltningen|kontoret|staben|byrån|departementet|"
                  r"nämnden|styrelsen)$|"
                  # a letterhead's unit named by its task: "Enheten för folkhälsa och sjukvård"
                  r"^(?:avdelningen|enheten|sektionen|staben|byrån|kansliet)[ \t]+för[ \t]", re.IGNORECASE)


def looks_like_a_name(words: list[str]) -> bool:
    """Tell a person's name ("Anna Berg") from a title: two or three capitalised words and nothing else."""
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)


def plausible_heading(line: str) -> bool:
    """Tell whether a heading the file's structure marks could name the matter: the headline rule's judgement of a
    line (no news sentence, no "… ut på remiss" about the remiss, no letterhead, unit, person or shouted label)."""
    line = re.sub(r"\s+", " ", line).strip()
    if line.endswith(("!", "?")) and (DOC_LEAD.match(line) or TRAIL.search(line[:-1])):
        line = line[:-1]
    words = line.split()
    if not words or len(words) > 25 or line.endswith((":", "!", ",", ";", "?")) or "@" in line or "http" in line:
        return False
    if CHROME.match(line) or DATELINE.fullmatch(line) or LETTERHEAD.fullmatch(line) or UNIT.search(line) or \
            looks_like_a_name(words) or line.isupper():
        return False
    if re.search(r"\bremiss\b", line, re.IGNORECASE) and not (DOC_LEAD.match(line) or TRAIL.search(line)):
        return bool(REMISS_LEAD.match(line) and REMISS_LEAD.match(line).end())  # "Remiss av X", not news of one
    return not ((NEWS_VERB.match(line) or NEWS_END.search(line)) and not DOC_LEAD.match(line))


def is_news(line: str) -> bool:
    """Tell whether a heading or subject is a news sentence ("Kammarkollegiet begär förtydligande"), not a name."""
    return bool((NEWS_VERB.match(line) or NEWS_END.search(line)) and not DOC_LEAD.match(line))


def is_letterhead(line: str) -> bool:
    """Tell whether a line only gives the document's kind, a list's heading or a procedure ("Politiska remisser")."""
    return bool(LETTERHEAD.fullmatch(line.strip()))
