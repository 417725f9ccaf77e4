"""Find a web page's or letter's headline: the first short line above the prose, chrome, dates, letterheads and
news sentences skipped; and judge whether a heading could name the matter."""
from __future__ import annotations

import re

from remiss.missiv.bodies import find_bodies
from remiss.missiv.title_layout import (ADDRESSEE, COMMITTEE_END, NUMBER_ONLY, adjacent_lines, backed, heading_over_sentence,
                                        is_field_label)
from remiss.missiv.title_trim import DOC_LEAD, REMISS_LEAD, REPORT_TIME, SECTION_LEAD, TRAIL, drop_site_tail, tidy

# "Förslag till ny kulturplan på remiss till 30 april": the report stays (TRAIL drops it), its time goes
_REPORT_TIME = re.compile(r"(?<![ \t])([ \t]+på[ \t]+(?:bred[ \t]+)?(?:remiss|samråd|granskning|utställning))"
                          + REPORT_TIME, re.IGNORECASE)

# A finite verb among a headline's first words makes it a sentence ("Nu kan du tycka till", "Regionen vill …").
_NEWS_VERB = re.compile(r"^(?:\S+[ \t]+){1,2}(?:kan|ska|skall|vill|får|har|blir|behöver|måste|ger|går|tar|kommer|gör|"
                        r"säger|bjuder|föreslår|beslutar|välkomnar|"
                        # round 13: "Kammarkollegiet begär förtydligande", "Kompletterande samråd pågår till …"
                        r"begär|skickar|remitterar|startar|inleder|efterfrågar|pågår)\b|"
                        # "Var med och forma kommunens klimatarbete": a call to the reader, no name
                        r"^(?:var|vara)[ \t]+med[ \t]+(?:och|att)[ \t]", re.IGNORECASE)
# "Arbetet med kommunens klimat- och energiplan går vidare": a news heading that ends in its verb names no matter.
_NEWS_END = re.compile(r"[ \t](?:går[ \t]+vidare|fortsätter|är[ \t]+(?:klar|klart|färdig|färdigt|igång))\Z", re.IGNORECASE)
# A full stop after a word and a capital after it: a line of two sentences is prose, never a heading.
_TWO_SENTENCES = re.compile(r"[a-zåäö]{2}\.[ \t]+[A-ZÅÄÖ][a-zåäö]")
_BULLET = re.compile(r"[•·*▪◦–-][ \t]")
# Round 14: a procedure named in front of the matter ("Utställning av …", "Samråd om …", "Remiss av …")
_LED = re.compile(r"(?:Remiss|Remittering|Samråd|Utställning|Granskning|Kungörelse)[ \t]+"
                  r"(?:av|om|för|gällande|angående|avseende|rörande|beträffande|kring|över)[ \t]+\S", re.IGNORECASE)
# "Kommunens vattentjänstplan" is the plan; but "Länsstyrelsens förslag till …" and "länsstyrelsens
# konsekvensutredning" keep the body: a proposal or an analysis named only by its kind is the body's (round 14)
_POSSESSIVE = re.compile(r"^(?:Kommunens|Regionens|Länsstyrelsens|Myndighetens)[ \t]+"
                         r"(?!(?:förslag|konsekvensutredning|utredning|rapport|promemoria)[a-zåäö]{0,3}\b)", re.IGNORECASE)
# Navigation, credits and dates that sit above a web page's headline.
_CHROME = re.compile(
    r"^(?:[•·*-][ \t]*)?(?:(?:öppna|stäng|visa|dölj)[ \t]+(?:sök|meny)[a-zåäö]{0,6}\b|skip to|(?:hoppa|gå)(?:[ \t]+direkt)?[ \t]+till|language|lättläst|e-tjänster|meny|sök\b|logga in|storlek|"
    r"starta visningen|download|transkript|full text|no results|hitta på sidan|dela\b|skriv ut|lyssna|nyhet|"
    r"publicera|senast uppdaterad|sidansvarig|fotograf|foto\b|bild\b|remisser\b|aktuellt|startsida|du är här|"
    r"återställ|visa kontaktuppgifter|tillbaka|senast ändrad|uppdaterad|ändrad\b|aktuella\b|kakor|cookies|"
    r"acceptera|godkänn|kontakta oss|till startsidan|innehåll på sidan|på denna sida|relaterat|print\b|share\b|"
    r"så här (?:svarar|gör|lämnar|tycker) (?:du|man|ni)\b|"
    # skip links and toolbars ("Direkt till innehållet", "Verktygsfält"), an illustration's label, a section link
    # a weekly list's heading: "Kungörelser vecka 22"
    r"(?:kungörelser|remisser|nyheter|anslag)[ \t]+vecka[ \t]+\d{1,2}\Z|"
    r"(?:direkt )?till (?:huvud)?innehåll(?:et)?\b|för mer information\b|mer information\Z|verktygsfält|exempelbild|sidinformation|(?:[\wåäö]{2,30}[ \t]+)?nyheter\Z|"
    # a logo's or coat of arms' alternative text: "Stenungsunds kommunvapen", "Havs- och vattenmyndighetens logotyp"
    r"(?:[^\n]{0,60}[ \t])?(?:kommunvapen|länsvapen|logotyp(?:en)?)\b[^\n]{0,40}\Z|"
    r"här (?:hittar|finns|kan)\b|läs mer\b|läs (?:missivet|remissen|hela|rapporten|dokumentet)\b|prenumerera\b|artikeln publicerades\b|"
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
_PROCEDURE = r"(?:samråd|dialog|medborgardialog|remiss(?:er)?|granskning(?:ar)?|utställning(?:ar)?|yttranden?|synpunkter)"
# Lines of a letterhead: the document type alone, a date with a diarienummer, the sending unit.
_LETTERHEAD = re.compile(r"(?:remiss(?:version|utgåva|förslag)?|missiv|remissmissiv|kungörelse|promemoria|följebrev|samråd|granskning|"
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
_UNIT = re.compile(r"(?:avdelningen|enheten|sektionen|kansliet|förvaltningen|kontoret|staben|byrån|departementet|"
                   r"nämnden|styrelsen)$|"
                   # a letterhead's unit named by its task: "Enheten för folkhälsa och sjukvård"
                   r"^(?:avdelningen|enheten|sektionen|staben|byrån|kansliet)[ \t]+för[ \t]", re.IGNORECASE)


def _looks_like_a_name(words: list[str]) -> bool:
    """Tell a person's name ("Anna Berg") from a title: two or three capitalised words and nothing else."""
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)


# A list page's introduction under its heading: "Här presenteras förslag till nya naturreservat …", "Här hittar du
# alla vårdprogram …", "På den här sidan listar/publicerar …" (round 24).
_LIST_INTRO = re.compile(r"(?<![ \t])[ \t]*+(?:Här[ \t]+(?:presenteras|listas|samlas|hittar[ \t]+du[ \t]+(?:alla|samtliga|aktuella))|"
                         r"På[ \t]+(?:den[ \t]+här|denna)[ \t]+sida[n]?[ \t]+(?:listar|publicerar|samlar|presenterar))\b")
_CREDIT = re.compile(r"^[ \t]*(?:fotograf|foto|bild)[ \t]*:", re.IGNORECASE)


def plausible_heading(line: str) -> bool:
    """Tell whether a heading the file's structure marks could name the matter: the headline rule's judgement of a
    line (no news sentence, no "… ut på remiss" about the remiss, no letterhead, unit, person or shouted label)."""
    line = re.sub(r"\s+", " ", line).strip()
    if line.endswith(("!", "?")) and (DOC_LEAD.match(line) or TRAIL.search(line[:-1])):
        line = line[:-1]
    words = line.split()
    if not words or len(words) > 25 or line.endswith((":", "!", ",", ";", "?")) or "@" in line or "http" in line:
        return False
    if _CHROME.match(line) or _DATELINE.fullmatch(line) or _LETTERHEAD.fullmatch(line) or _UNIT.search(line) or \
            _looks_like_a_name(words) or line.isupper():
        return False
    if re.search(r"\bremiss\b", line, re.IGNORECASE) and not (DOC_LEAD.match(line) or TRAIL.search(line)):
        return bool(REMISS_LEAD.match(line) and REMISS_LEAD.match(line).end())  # "Remiss av X", not news of one
    return not ((_NEWS_VERB.match(line) or _NEWS_END.search(line)) and not DOC_LEAD.match(line))


def is_news(line: str) -> bool:
    """Tell whether a heading or subject is a news sentence ("Kammarkollegiet begär förtydligande"), not a name."""
    return bool((_NEWS_VERB.match(line) or _NEWS_END.search(line)) and not DOC_LEAD.match(line))


def is_letterhead(line: str) -> bool:
    """Tell whether a line only gives the document's kind, a list's heading or a procedure ("Politiska remisser")."""
    return bool(_LETTERHEAD.fullmatch(line.strip()))


def is_headline(text: str, span: tuple[int, int] | None) -> bool:
    """Tell whether a title at span is only the page's first short line (a guess), not a line that names itself."""
    return span is not None and headline(text)[1] == span


def headline(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return a web page's headline: the first short line above the prose, chrome skipped."""
    lines = [m for m in re.finditer(r"[^\n]+", text[:6000]) if m.group().strip()]
    for index, line_match in enumerate(lines[:14]):
        line_end = continued(text, line_match.start(), line_match.end())
        line = re.sub(r"\s+", " ", text[line_match.start():line_end]).strip()
        # "Aktuella remisser – X", "X på remiss till 30 april": the page's section and the report's time go
        line = drop_site_tail(_REPORT_TIME.sub(r"\1", SECTION_LEAD.sub("", line)))  # round 20: "X - Region Halland"
        following = lines[index + 1].group() if index + 1 < len(lines) else ""
        if _CHROME.match(line) or ADDRESSEE.fullmatch(line) or _CREDIT.match(following) or \
                not re.search(r"[^\W\d_]{3}", line) or _DATELINE.fullmatch(line) or NUMBER_ONLY.fullmatch(line):
            continue  # round 14: "Dir. 2019:12" above "Tilläggsdirektiv till Kommunutredningen": a number, no name
        reported = _REPORTED.match(line)
        if reported and not re.search(r"[”“\"]\Z", line):
            line = reported.group(1)  # "X på remiss – du kan också tycka till!": the news after the report is no name
        if _LIST_INTRO.match(following) and index + 2 < len(lines) and _short_line(lines[index + 2].group()):
            # round 24: "Föreslagna och beslutade reservat" over "Här presenteras förslag till …" and the items'
            # headings: a list page's heading names the list, not the item below it. Prose right under the
            # introduction ("Svarstiden för den pågående remissrundan har förlängts …") is about the list itself.
            continue
        if _BULLET.match(line):
            continue  # an item of a list ("• skälen till att bilda naturreservat"), never the page's headline
        if is_field_label(line, adjacent_lines(text, lines, index)):
            continue  # round 16: "Datum" over "Klockan" over "12:00": a meeting's header, label by label
        if line.endswith(("!", "?")) and (DOC_LEAD.match(line) or TRAIL.search(line[:-1])):
            line = line[:-1]  # "Tyck till om Översiktsplanen!", "Vill du vara med och påverka …?": the matter named
        if line.endswith((".", ":", "!", ",", ";", "?")) or "@" in line or "http" in line or line[:1].islower():
            continue
        if _TWO_SENTENCES.search(line):
            continue  # "Svenska kraftnät genomför nu samråd … Samrådet pågår mellan …": prose that lost its full stop
        if len(line) >= 70 and text[line_end:line_end + 1] == "\n" and following and \
                lines[index + 1].start() == line_end + 1 and not heading_over_sentence(line, following):
            continue  # a full line that runs on into the next: a wrapped paragraph, not a headline
        words = line.split()
        if len(words) <= 2 and not re.search(r"\d", line) and not _DOCUMENT_WORD.search(line) and \
                _below_the_heading(lines[:index]):
            return None, None  # round 16: "Ändringar" under the page's first paragraph: a section, the page's heading
            # was not copied
        named = sum(m.end - m.start for m in find_bodies(line))
        if len(words) > (60 if COMMITTEE_END.search(line) else 25) or named >= len(line) / 2 or _LETTERHEAD.fullmatch(line) or _UNIT.search(line) or \
                _looks_like_a_name(words):
            continue  # the letterhead of a PDF missiv: "Remiss", the sender's unit, the handläggare
        if re.search(r"\bremiss\b", line, re.IGNORECASE) and not (DOC_LEAD.match(line) or TRAIL.search(line)):
            return None, None  # a news headline about the remiss, not its name
        if re.search(r":[ \t]*[”“\"][^”“\"\n]+[”“\"]\Z", line):
            return None, None  # "… på granskning i tre månader: ”Möjlighet för alla …”": a news heading quoting someone
        if line.isupper():
            return None, None  # a shouted section name loses the words the annotation needs
        if (_NEWS_VERB.match(line) or _NEWS_END.search(line)) and not DOC_LEAD.match(line):
            # "Corona kan ge klagande längre betänketid": a news sentence, not the matter's name; but "Stadsdelar kan
            # påverka cykelplan" over "… om Cykelplan 2012 – Stockholms stads vision …" names the plan the text names
            return _named_in_body(text, line) or (None, None)
        if len(words) <= 4 and not re.search(r"\d", line) and _is_heading_over_prose(lines, index + 1) and \
                not _shares_a_word(line, lines[index + 1].group()) and not _LED.match(line):
            # a section's label ("Miljöanalys") above the item's own heading, not its subheading; but a procedure's
            # words in front of a name ("Utställning av nya renhållningsföreskrifter" over a photo's caption "Matrester
            # i vasken") head the item themselves
            continue
        if len(words) <= 4 and not re.search(r"remiss", line, re.IGNORECASE) and index + 1 < len(lines) and \
                _names_a_remiss(lines[index + 1].group()):
            continue  # a section's label ("Regional utveckling") above "Remiss – Målbild för regionala cykelstråk"
        named = _names_the_document(lines, index)
        if named == "next":
            continue  # a photo's caption ("Morotväg med bilar i Dalarna") above the plan's own heading
        if named:
            return named
        value, span = tidy(line, (line_match.start(), line_end))
        if value is None:
            return None, None
        if _LETTERHEAD.fullmatch(value) or not backed(text, value, span):
            continue  # "Inbjudan att lämna synpunkter på remiss": no name; round 17: "Datum", a line the text never
            # takes up again is chrome
        value = _POSSESSIVE.sub("", value)
        item = _item_heading(text, lines[index + 1:], value)
        if item:
            return item
        return _extend(text, value[:1].upper() + value[1:]), span
    return None, None


def _short_line(line: str) -> bool:
    """Tell a heading's line from a paragraph: at most ten words and no full stop at its end."""
    line = line.strip()
    return len(line.split()) <= 10 and not line.endswith((".", ":"))


def _is_prose(line: str) -> bool:
    """Tell a paragraph of running text: fourteen words or more, ending in a full stop."""
    line = line.strip()
    return len(line.split()) >= 14 and line.endswith(".") and not _CHROME.match(line)


def _below_the_heading(earlier: list[re.Match]) -> bool:
    """Tell a copy that starts below the page's heading: only its date and paragraphs of prose come first."""
    kinds = ["prose" if _is_prose(m.group()) else "date" if _DATELINE.fullmatch(m.group().strip()) else "other"
             for m in earlier]
    return "prose" in kinds and "other" not in kinds


# Round 14: a document named by its kind ("Länsplan …", "Ny biblioteksplan …", "… föreskrifter", "… programmet")
_DOCUMENT_WORD = re.compile(r"(?<![a-zåäö-])[a-zåäö-]{0,30}(?:plan|program|strategi|policy|föreskrift)(?:en|er|erna|et|met|n)?\b",
                            re.IGNORECASE)
# "Ny biblioteksplan för Vimmerby kommun 2024-2027 är nu ute på remiss.": the sentence's subject names the document
_OUT_ON_REMISS = re.compile(r"^((?-i:[A-ZÅÄÖ])[^\n.]{3,150}?)[ \t]++(?:är|har)[ \t]+(?:nu[ \t]+)?(?:ute|skickats[ \t]+ut|"
                            r"gått[ \t]+ut)[ \t]+på[ \t]+(?:öppen[ \t]+|bred[ \t]+)?(?:remiss|samråd)\b", re.IGNORECASE | re.MULTILINE)


def _names_the_document(lines: list[re.Match], index: int) -> str | tuple[str, tuple[int, int]] | None:
    """Tell whether the line at `index`, which names no document, is a photo's caption or a label above the line that
    does: "next" when that line is a heading of its own, the name when it is the sentence "X är nu ute på remiss"."""
    line = lines[index].group().strip()
    if _DOCUMENT_WORD.search(line) or index + 1 >= len(lines) or len(line.split()) > 8:
        return None
    below = lines[index + 1]
    text = below.group().strip()
    if not _DOCUMENT_WORD.search(text):
        return None
    if not text.endswith((".", ":", "!", "?")) and plausible_heading(text) and _is_heading_over_prose(lines, index + 1):
        return "next"
    said = _OUT_ON_REMISS.match(text)
    # a name of two words or more, no pronoun or bare "Förslaget"/"Planen" and no verb of its own
    if said and len(said.group(1).split()) >= 2 and _DOCUMENT_WORD.search(said.group(1)) and \
            not _NEWS_VERB.match(said.group(1)) and \
            not re.match(r"(?:Förslaget|Det|Den|Planen|Programmet|Strategin)\b", said.group(1)):
        value, span = tidy(said.group(1), (below.start() + said.start(1), below.start() + said.end(1)), lead=False)
        return (value, span) if value else None
    return None


# "Regionalt åtgärdsprogram för miljömålen 2021-2025 på remiss – du kan också tycka till!": a heading that names the
# document, reports it is out on remiss and goes on to the reader (round 19: the name ends at a non-blank: linear).
_REPORTED = re.compile(r"\A(\S.{8,200}?)(?<![ \t])[ \t]++(?:är[ \t]+|går[ \t]+)?(?:nu[ \t]+)?(?:ute[ \t]+|ut[ \t]+)?på[ \t]+"
                       r"(?:remiss|samråd|granskning|utställning)[ \t]*[–:-][ \t]+"
                       # what follows speaks to the reader: "du kan också tycka till!", "alla får säga sitt"
                       r"(?=[^\n]{0,60}\b(?:du|ni|dig|er|alla)\b)")


# A document named by its kind: "cykelplan", "kulturprogrammet", "klimatstrategin", "avfallsplanen".
DOCUMENT_NOUN = re.compile(r"([a-zåäö]{2,30}(?:plan|program|strategi|policy))(?:(?<=plan)en|(?<=program)met|(?<=strategi)n|"
                           r"(?<=policy)n)?")


def _named_in_body(text: str, headline: str) -> tuple[str, tuple[int, int]] | None:
    """Return the proper name a news headline's last word refers to ("cykelplan" → "Cykelplan 2012"), or None.

    Taken only when the text writes the word capitalised with a year or a period after it, one way only.
    """
    last = headline.split()[-1] if headline.split() else ""
    noun = DOCUMENT_NOUN.fullmatch(last)
    if not noun:
        return None
    stem = noun.group(1)  # "avfallsplanen" → "avfallsplan"
    found = {m.group(): m.span() for m in re.finditer(
        rf"\b{re.escape(stem[:1].upper() + stem[1:])}[ \t]+(?:19|20)\d\d(?:[ \t]*[-–][ \t]*(?:19|20)\d\d)?\b", text)}
    if len(found) != 1:
        return None
    name, span = next(iter(found.items()))
    return name, span


def _item_heading(text: str, later: list[re.Match], heading: str) -> tuple[str, tuple[int, int]] | None:
    """Return an item's own name under a page's generic heading, or None.

    "Förslag till nya naturreservat" heads a list; "Förslag till bildande av naturreservatet Lugnås kvarnstensgruvor",
    a line of its own further down that opens with the same words and names more, is the remiss in hand; so is
    "Naturreservatet Heråmaden i Dals-Eds kommun", which opens with the heading's noun in its definite form.
    """
    words = heading.split()
    if not 2 <= len(words) <= 6:
        return None
    stem = words[-1].casefold()[:6]
    found = None
    for m in later:
        line = m.group().strip()
        first = line.split()[0].casefold() if line.split() else ""
        # "Naturreservatet Heråmaden i Dals-Eds kommun" under "Förslag till nya naturreservat": an item named by the
        # heading's noun in its definite form, then its own name
        definite = len(stem) >= 6 and first.startswith(words[-1].casefold()) and first != words[-1].casefold() and \
            2 <= len(line.split()) <= 12 and line[:1].isupper()
        if (line.split()[:2] == words[:2] and len(line) > len(heading) + 10 or definite) and len(line.split()) <= 20 and \
                not line.endswith((".", ":", "!", "?", ",")) and stem in line.casefold():
            if found:
                return None  # two items under the heading: which one is in hand is not known
            found = (line, m.span())
    return found


def _names_a_remiss(line: str) -> bool:
    """Tell whether a line is a heading of the form "Remiss – X" / "Remiss av X" that names the matter."""
    line = line.strip()
    lead = REMISS_LEAD.match(line)
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


def continued(text: str, start: int, end: int) -> int:
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
    # "Förslag till grönplan" is written "förslaget till grönplan för Växjö kommun" in the text
    m = re.compile(
        r"\s+".join(r"förslag(?:et)?" if w.casefold() == "förslag" else re.escape(w) for w in value.split()) +
        r"((?:\s+\d{4}[ \t]*[-–][ \t]*\d{4})|(?:\s+(?:för|i)\s+(?:[A-ZÅÄÖ][\wåäö-]+\s+){1,3}(?:kommun|län|region))|"
        # round 16: the place and the period the short heading leaves out, to the end of the sentence or line:
        # "Avfallsplan" → "Avfallsplan Vara kommun 2018-2028", "Trafikförsörjningsprogram" → "… för Kronoberg
        # 2021-2030 med utblick"
        r"(?:(?:\s+(?:för|i))?(?:\s+(?-i:[A-ZÅÄÖ])[\wåäö-]+){1,3}(?:\s+(?:kommun|län))?\s+(?:19|20)\d\d"
        r"(?:[ \t]*[-–][ \t]*(?:19|20)\d\d)?(?:[ \t]+(?-i:[a-zåäö])+){0,2}(?=\.?[ \t]*(?:\n|\Z))))",
        re.IGNORECASE,
    ).search(text)
    if m:
        found = re.sub(r"\s+", " ", m.group())
        if found.split()[0].casefold() != value.split()[0].casefold():
            return value + re.sub(r"\s+", " ", m.group(1))
        return value[:1] + found[1:] if value[:1].isupper() else found
    return value
