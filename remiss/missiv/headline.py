"""Find a web page's or letter's headline: the first short line above the prose, chrome, dates, letterheads and
news sentences skipped (heading_lines.py judges each line)."""
from __future__ import annotations

import re

from remiss.missiv.bodies import find_bodies
from remiss.missiv.heading_lines import (CHROME, DATELINE, LETTERHEAD, NEWS_END, NEWS_VERB, UNIT, looks_like_a_name,
                                         plausible_heading)
from remiss.missiv.title_layout import (ADDRESSEE, COMMITTEE_END, NUMBER_ONLY, adjacent_lines, backed, heading_over_sentence,
                                        is_field_label)
from remiss.missiv.title_trim import DOC_LEAD, REMISS_LEAD, REPORT_TIME, SECTION_LEAD, TRAIL, drop_site_tail, tidy

# "Förslag till ny kulturplan på remiss till 30 april": the report stays (TRAIL drops it), its time goes
_REPORT_TIME = re.compile(r"(?<![ \t])([ \t]+på[ \t]+(?:bred[ \t]+)?(?:remiss|samråd|granskning|utställning))"
                          + REPORT_TIME, re.IGNORECASE)

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


# A list page's introduction under its heading: "Här presenteras förslag till nya naturreservat …", "Här hittar du
# alla vårdprogram …", "På den här sidan listar/publicerar …" (round 24).
_LIST_INTRO = re.compile(r"(?<![ \t])[ \t]*+(?:Här[ \t]+(?:presenteras|listas|samlas|hittar[ \t]+du[ \t]+(?:alla|samtliga|aktuella))|"
                         r"På[ \t]+(?:den[ \t]+här|denna)[ \t]+sida[n]?[ \t]+(?:listar|publicerar|samlar|presenterar))\b")
_CREDIT = re.compile(r"^[ \t]*(?:fotograf|foto|bild)[ \t]*:", re.IGNORECASE)


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
        if CHROME.match(line) or ADDRESSEE.fullmatch(line) or _CREDIT.match(following) or \
                not re.search(r"[^\W\d_]{3}", line) or DATELINE.fullmatch(line) or NUMBER_ONLY.fullmatch(line):
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
        if len(words) > (60 if COMMITTEE_END.search(line) else 25) or named >= len(line) / 2 or LETTERHEAD.fullmatch(line) or UNIT.search(line) or \
                looks_like_a_name(words):
            continue  # the letterhead of a PDF missiv: "Remiss", the sender's unit, the handläggare
        if re.search(r"\bremiss\b", line, re.IGNORECASE) and not (DOC_LEAD.match(line) or TRAIL.search(line)):
            return None, None  # a news headline about the remiss, not its name
        if re.search(r":[ \t]*[”“\"][^”“\"\n]+[”“\"]\Z", line):
            return None, None  # "… på granskning i tre månader: ”Möjlighet för alla …”": a news heading quoting someone
        if line.isupper():
            return None, None  # a shouted section name loses the words the annotation needs
        if (NEWS_VERB.match(line) or NEWS_END.search(line)) and not DOC_LEAD.match(line):
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
        if LETTERHEAD.fullmatch(value) or not backed(text, value, span):
            continue  # "Inbjudan att lämna synpunkter på remiss": no name; round 17: "Datum", a line the text never
            # takes up again is chrome
        value = _POSSESSIVE.sub("", value)
        owned = _owned_by_place(text, value)
        if owned:
            return owned
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
    return len(line.split()) >= 14 and line.endswith(".") and not CHROME.match(line)


def _below_the_heading(earlier: list[re.Match]) -> bool:
    """Tell a copy that starts below the page's heading: only its date and paragraphs of prose come first."""
    kinds = ["prose" if _is_prose(m.group()) else "date" if DATELINE.fullmatch(m.group().strip()) else "other"
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
            not NEWS_VERB.match(said.group(1)) and \
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


# Round 25: "Faluns cykelplan", a document named by its owner's genitive, is written "En cykelplan för Falu kommun" in
# the text: the kind with the place's own name after it is the document's name.
_OWNED = re.compile(r"(?-i:[A-ZÅÄÖ])[\wåäö-]{2,40}s[ \t]+" + DOCUMENT_NOUN.pattern)
_PLACE = r"((?:(?-i:[A-ZÅÄÖ])[\wåäö-]+[ \t]+){1,3}(?:kommun|stad|län|region))\b"


def _owned_by_place(text: str, heading: str) -> tuple[str, tuple[int, int]] | None:
    """Return "Cykelplan för Falu kommun" for the heading "Faluns cykelplan" when the text names it so, one way only."""
    owned = _OWNED.fullmatch(heading)
    if not owned:
        return None
    noun = owned.group(1)
    found = {re.sub(r"\s+", " ", m.group(1)): m.span() for m in re.finditer(
        rf"(?<![\wåäö-]){re.escape(noun)}(?:en|met|n)?[ \t]+för[ \t]+{_PLACE}", text[:6000], re.IGNORECASE)}
    if len(found) != 1:
        return None
    place, span = next(iter(found.items()))
    return f"{noun[:1].upper()}{noun[1:]} för {place}", span


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
            not CHROME.match(heading) and "@" not in heading and not heading[:1].islower() and
            not LETTERHEAD.fullmatch(heading) and
            (below.endswith((".", ":")) and len(below.split()) >= 8 or len(below.split()) >= 14))


# A title wrapped onto the next line: that line goes on in lower case, or this one ends in a word that needs more.
_OPEN_END = re.compile(r"(?:\b(?:och|av|för|i|till|om|med|på|samt|inom|från|vid)|[,–-])$", re.IGNORECASE)


# Walk29 A7: what a name never goes on with after a line break. A finite verb or a sentence's stop is the prose
# below the heading ("… Malmö stad till⏎Stadsbyggnadsnämnden har … beslutat …"); after "till", the bodies the remiss
# is sent to ("… Malmö stad till⏎nämnder, förvaltningar och bolag", "till⏎nedanstående remissinstanser").
_PROSE_LINE = re.compile(r"(?<![\wåäö-])(?:är|har|hade|ska|skall|kommer|finns|skickas|sänds|kan|får|önskar|ber|vill|"
                         r"beslutat|remitterar|översänder)(?![\wåäö-])|[a-zåäö)]\.(?:[ \t]|\Z)", re.IGNORECASE)
_RECEIVER_LINE = re.compile(r"(?<![ \t])[ \t]*+(?<![\wåäö-])(?:nedanstående|ovanstående|samtliga|berörda|alla|er|dig|"
                            r"remissinstans|mottagar|nämnder|förvaltningar|bolag|kommunerna|regionerna|myndigheter|"
                            r"organisationer|instanser|"
                            r"sändlista|[\wåäö]*(?:nämnderna|förvaltningarna))", re.IGNORECASE)
_ENDS_TILL = re.compile(r"(?<![\wåäö-])till[ \t]*+\Z", re.IGNORECASE)


def plainly_continues(line: str, rest: str) -> bool:
    """Tell whether `rest`, the words after a line break, go on with the name `line` stops in the middle of: no prose
    of the letter's own and, after "till", no list of the bodies the remiss is sent to."""
    return not _PROSE_LINE.search(rest) and not (_ENDS_TILL.search(line) and _RECEIVER_LINE.match(rest))


def continued(text: str, start: int, end: int) -> int:
    """Return where a title that starts at `start` really ends, taking in up to two wrapped lines."""
    for _ in range(2):
        m = re.compile(r"\n[ \t]*([^\n]+)").match(text, end)
        if not m or end - start + len(m.group(1)) > 250:
            break
        if not (m.group(1)[:1].islower() or _OPEN_END.search(text[start:end].rstrip())) or "|" in m.group(1):
            break  # "i Category: | 1 min läsning": a page's metadata under its heading, not the title wrapped
        if _OPEN_END.search(text[start:end].rstrip()) and not plainly_continues(text[start:end], m.group(1)):
            break  # walk29 A7: the line stops in the middle of the name and what follows is no part of it
        end = m.end(1)
    return end


def _extend(text: str, value: str) -> str:
    """Complete a short headline from its fuller mention in the text ('… program' → '… program 2021-2025')."""
    if len(value.split()) > 6:
        return value
    # "Förslag till grönplan" is written "förslaget till grönplan för Växjö kommun" in the text
    words = value.split()
    # round 25: "Förslag till åtgärdsprogram 2018-2022" is written "remissversion av Åtgärdsprogram 2018-2022 till
    # Dalarnas miljömål": the proposal's lead may be left out where the text names the document itself
    proposal = len(words) > 2 and [w.casefold() for w in words[:2]] == ["förslag", "till"]
    parts = [r"förslag(?:et)?" if w.casefold() == "förslag" else re.escape(w) for w in words]
    name = rf"(?:{parts[0]}\s+{parts[1]}\s+)?" + r"\s+".join(parts[2:]) if proposal else r"\s+".join(parts)
    m = re.compile(
        name +
        r"((?:\s+\d{4}[ \t]*[-–][ \t]*\d{4})|(?:\s+(?:för|i)\s+(?:[A-ZÅÄÖ][\wåäö-]+\s+){1,3}(?:kommun|län|region)"
        # round 32: and the year closing the line: "Remissversion Näringslivsstrategi för Kungälvs kommun 2035"
        r"(?:[ \t]+(?:19|20)\d\d(?=[ \t]*(?:\n|\Z)))?)|"
        # round 25: the owner's place in the genitive and the matter: "… till Dalarnas miljömål", "… för Skånes
        # landsbygd" (not a coordination that runs on: "… miljömål och …")
        r"(?:\s+(?:till|för)\s+(?-i:[A-ZÅÄÖ])[\wåäö-]+s\s+(?-i:[a-zåäö])[\wåäö-]{3,}(?![\wåäö-]|\s+(?:och|samt)\b))|"
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
