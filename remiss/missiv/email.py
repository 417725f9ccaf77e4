"""Find the innermost message of a forwarded e-mail: its subject, its sender and where its text starts.

Outlook (Swedish and English), Gmail, Apple Mail and Thunderbird write a forwarded message as a block of
header lines (Från/From, Skickat/Sent/Date/Datum, Till/To, Kopia/Cc, Ämne/Subject) above its text; a chain
holds several. Apple Mail and plain-text clients quote it with "> " on each line. The remiss is the innermost
message: the last header block. Offsets are kept, so evidence still points into the caller's text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from email.utils import parsedate_to_datetime

from remiss.missiv.dates import find_dates
from remiss.missiv.dnr import TOKEN_RE, dnr_in_subject
from remiss.missiv.headline import continued
from remiss.missiv.mail_labels import LABELS

ROLE = {name: role for role, names in LABELS.items() for name in names}
_LABEL_RE = "|".join(re.escape(name) for name in sorted(ROLE, key=len, reverse=True))
# A header line; the label must start a line (or follow a quote marker) and end in a colon.
_HEADER = re.compile(rf"^[ \t]*(?P<label>{_LABEL_RE})[ \t]*:[ \t]*(?P<value>[^\n]*)$", re.MULTILINE | re.IGNORECASE)
# A flattened header (PDF transcripts put the whole block on one line): "Från: X Skickat: Y … Ämne: Z".
# (round 25: the subject and sender labels of every language in the table, "Rubrik" and "Ärendemening" aside: alone on a
# flattened line they are a letter's own words)
_FLAT_SUBJECT_LABELS = "|".join(re.escape(n) for n in LABELS["subject"] if n not in ("rubrik", "ärendemening"))
_FLAT_SUBJECT = re.compile(
    rf"\b(?:{_FLAT_SUBJECT_LABELS}):[ \t]*(?P<value>[^\n]{{3,300}}?)"
    r"(?=[ \t]+(?:Bifogade filer|Attachments|Anlagen|Vedlegg|Liitteet):|[ \t]+(?:Hej|Hallo|Hei|Hi|Hello)\b|\n|$)",
    re.IGNORECASE,
)
_FLAT_FROM = re.compile(rf"\b(?:{'|'.join(re.escape(n) for n in LABELS['from'])}):", re.IGNORECASE)
# GroupWise quotes a forwarded or answered message under '>>> "Maria Holmberg" <m.h@x.se> 2026-03-02 14:05 >>>'.
# The leading ">>>" may be blanked by unquote(); the trailing one stays.
_GROUPWISE = re.compile(r"^[ \t]{0,8}(?:>>>)?[ \t]{0,4}(?P<sender>[^\n<>]{0,80}<[^<>\s@]{1,64}@[^<>\s]{1,255}>|"
                        r"[^\s@]{1,64}@[^\s]{1,255})[ \t]+"
                        r"(?P<date>[^\n]{6,40}?)[ \t]*>>>[ \t]*$", re.MULTILINE)
# (the value ends in no blank: each shorter value tried scanned a long run of blanks after it, round 21)
_VALUE_BELOW = re.compile(r"\n[ \t]{0,20}(?P<value>(?![^\n:]{1,20}:[ \t]*$)[^\n]{1,300}?)(?<![ \t])[ \t]*(?=\n|\Z)")
# A reply's attribution above the quoted message: "Den tis 3 mars 2026 kl 10:12 skrev Lena Åberg <l.a@x.se>:",
# "On Tue, Mar 3, 2026 at 10:12 AM Lena Åberg <l.a@x.se> wrote:", "3 mars 2026 kl. 10:12 skrev Lena Åberg <l.a@x.se>:".
# The writer's address is required: "den 3 mars 2026 skrev Länsstyrelsen följande:" is a letter's own sentence.
# (round 25: the line must end in a colon before the nested bounded scans run: a long line of dates and names that
# never says "wrote:" cost 0.16 s per 100 KB)
_ATTRIBUTION = re.compile(
    r"^(?=[^\n]*:[ \t]*$)[ \t]{0,8}(?P<date>(?:den|on|am)?[^\n]{0,60}?\d[^\n]{0,60}?)[ \t,]+(?:skrev[ \t]+(?P<sv>[^\n]{0,80}?<[^<>\s@]{1,64}@[^<>\s]{1,255}>)|"
    r"(?P<en>[^\n]{0,80}?<[^<>\s@]{1,64}@[^<>\s]{1,255}>)[ \t]+wrote)[ \t]*:[ \t]*$", re.MULTILINE | re.IGNORECASE)
# Round 25: an attribution without the writer's address ("On 03/03/2026 10:12, Lena Åberg wrote:", "Am 03.03.2026 um
# 10:12 schrieb Lena Åberg:", "Den 3 mars 2026 10:12 skrev Lena Åberg:"): an opening word, a clock time and a name of
# two to four capitalised words, so that "den 3 mars 2026 skrev Länsstyrelsen följande:" stays a letter's sentence.
_PERSON = r"[A-ZÅÄÖÆØÉÜ][\w'’.-]{0,30}(?:[ \t]+[A-ZÅÄÖÆØÉÜ][\w'’.-]{0,30}){1,3}"
_ATTRIBUTION_NAMED = re.compile(
    r"^[ \t]{0,8}(?P<date>(?i:on|den|am|le|op|el|på|d\.)[ \t][^\n]{0,60}?\d{1,2}[:.]\d{2}[^\n]{0,30}?)[ \t,]+"
    rf"(?:(?i:skrev|schrieb|kirjoitti|schreef)[ \t]+(?P<after>{_PERSON})|(?P<before>{_PERSON})[ \t]+"
    r"(?i:wrote|skrev|schrieb|kirjoitti|schreef|a écrit))[ \t]*:[ \t]*$", re.MULTILINE)
_QUOTE = re.compile(r"^(?:[ \t]*>)+", re.MULTILINE)
# Reply and forward marks, and the tags a mail gateway or the sender puts in front ("[EXTERN]", "[SPAM?]",
# "*EXTERNAL*", "EXTERN:", "[KS 2026/123]"), in any order: none is part of the ärendemening.
# Round 25: the marks of every client's locale: Swedish VB/SV, English FW/Fwd/RE, Norwegian and Danish VS/SV/Videresend,
# German WG/AW/Antw, Finnish VL/VS/VS/RV, Dutch Doorst/Antw, French TR/RE/Réf, a counted "RE[2]:" or "Re(3):".
_SUBJECT_LEAD = re.compile(r"^(?:(?:VB|FW|Fwd?|SV|RE|AW|WG|TR|VS|VL|RV|Antw|Antwort|Doorst|Videresend|Vidarebefordra(?:t)?|"
                           r"Réf|Svar)(?:\[\d{1,3}\]|\(\d{1,3}\))?\s*:\s*|\[[^\]\n]{1,40}\]\s*|"
                           r"\*{1,3}[^*\n]{2,20}\*{1,3}\s*|(?:EXTERN|EXTERNAL|EXTERNT|SPAM\??|EXT)\s*:\s*|(?-i:EXTERNAL|EXTERNT?)\s+)+",
                           re.IGNORECASE)
# A reply's mark in front of a subject (not a forward's): the subject is the quoted message's own.
_REPLY_MARK = re.compile(r"^[ \t]*(?:\[[^\]\n]{1,40}\][ \t]*)*(?:RE|SV|AW|Antw|Antwort|VL|RV|Svar)(?:\[\d{1,3}\]|\(\d{1,3}\))?[ \t]*:",
                         re.IGNORECASE)
# A Från value longer than this names no one.
MAX_SENDER = 320
# The name ends at a non-blank and each run of blanks is taken whole (round 19): the lazy name with two \s* after it
# was cubic on a long run of blanks in a value that does not match ("diarieförd som ", 5 KB of blanks, "x": 114 s).
_NAME_ADDRESS = re.compile(r"^\s*+['\"]?(?P<name>(?:[^<>\"'@\n]*?[^<>\"'@\s])?)\s*+['\"]?\s*+"
                           r"(?:<(?P<mail>[^<>\s]+@[^<>\s]+)>|\[mailto:(?P<mail2>[^\]\s]+)\])?\s*+$")
_GREETING = re.compile(
    r"^[ \t]*(?:med )?(?:vänlig(?:a)?|bästa) hälsning(?:ar)?|^[ \t]*hälsningar|^[ \t]*mvh\b|^[ \t]*best regards|^[ \t]*kind regards",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Envelope:
    """The innermost forwarded message: where its body starts, its subject and its sender."""

    body_start: int
    subject: str | None
    subject_span: tuple[int, int] | None
    sender_name: str | None
    sender_email: str | None
    sent: date | None = None  # the day the innermost message was sent, to give a yearless deadline its year
    # the remittent's diarienummer the subject carries, tags included ("[KS 2026/123] Remiss …"): value, offset
    subject_dnr: tuple[str, int] | None = None
    # the subject is an outer message's (the forwarder's): the remiss below it was quoted without its own subject
    subject_outer: bool = False


def dnr_only(value: str) -> bool:
    """Tell whether a cleaned subject is nothing but a diarienummer (perhaps after "dnr")."""
    return bool(re.fullmatch(rf"[ \t(\[]*(?:dnr[ \t.:]*)?(?:{TOKEN_RE.pattern})[ \t)\].]*", value, re.IGNORECASE))


def unquote(text: str) -> str:
    """Blank the '>' quote markers at line starts, keeping every offset."""
    return _QUOTE.sub(lambda m: " " * len(m.group()), text)


def innermost(text: str) -> Envelope | None:
    """Return the last header block's message, or None when the text is not a forwarded e-mail."""
    blocks: list[dict] = []
    current: dict | None = None
    last_end = -1
    for m in _HEADER.finditer(text):
        label = ROLE[m["label"].casefold()]
        contiguous = current is not None and text[last_end:m.start()].strip() == ""
        # a second "Från:" or "Ämne:" right under a block starts the next message's block (a chain pasted tight)
        # (not a second date: a diarium prints "Skickat:" and "Inkommen:" in one block)
        if not contiguous or (label in ("from", "subject") and label in current["labels"]):
            current = {"labels": set(), "start": m.start(), "end": m.end()}
            blocks.append(current)
        current["labels"].add(label)
        value, span, end = m["value"], m.span("value"), m.end()
        below = _VALUE_BELOW.match(text, m.end()) if not value.strip() else None
        if below:  # a header copied from a table (Outlook on the web): "Från:" and its value on the next line
            value, span, end = below["value"], below.span("value"), below.end()
        elif label == "subject" and value.strip():
            # round 20: a long subject printed to a PDF or pasted from one wraps onto the next line ("Ämne: Förlängd
            # svarstid – Förslag till" / "beslut om prisreglering …"): a line going on in lower case, or after an
            # open word, is the subject's own
            wrapped = continued(text, span[0], span[1])
            if wrapped > span[1] and not _HEADER.match(text, span[1] + 1):
                value, span, end = text[span[0]:wrapped], (span[0], wrapped), wrapped
        if label not in current:  # a second "Cc:" or "Bcc:" adds nothing
            current[label] = (value.strip(), span)
        current["end"] = end
        last_end = end
    for block in blocks:  # HCL Notes writes the subject as "Ärende:"; alone, "Ärende:" is a letter's heading
        if "ärende" in block["labels"] and "subject" not in block["labels"] and "from" in block["labels"]:
            block["subject"] = block["ärende"]
            block["labels"].add("subject")
        if "from" not in block["labels"] and "subject" in block["labels"] and {"to", "cc"} & block["labels"]:
            _sender_above(text, block)
    real = [b for b in blocks if len(b["labels"]) >= 2 and {"subject", "from"} <= b["labels"]]
    if real:
        block = real[-1]
        subject, span = block["subject"]
        sender = block["from"][0]
        dated = block.get("sent")
        inner = _deeper(text, blocks, block["end"])
        if inner:  # the remiss is quoted further down, under a line or block that names no subject
            end, inner_sender, inner_sent, quoted = inner
            # round 25: a reply keeps the subject of the message it quotes ("SV: Remiss: X" over "Den … skrev …:"), so
            # the subject is the quoted remiss's own; a forwarder's note or a header block without one is not
            thread = quoted and _REPLY_MARK.match(subject) is not None
            return replace(_envelope(text, end, subject, span, inner_sender, inner_sent), subject_outer=not thread)
        return _envelope(text, block["end"], subject, span, sender, _sent_on(dated[0]) if dated else None)
    # A pasted mail that opens with its subject ("Ämne: Förlängd svarstid – KS-IOF-2010-00015", perhaps a date or
    # a recipient beside it, the Från line lost): the lines above the text are a header block all the same.
    opening = [b for b in blocks if "subject" in b["labels"] and not text[:b["start"]].strip()]
    if opening:
        block = opening[0]
        subject, span = block["subject"]
        sender = block.get("from")
        dated = block.get("sent")
        return _envelope(text, block["end"], subject, span, sender[0] if sender else None,
                         _sent_on(dated[0]) if dated else None)
    flat = _FLAT_SUBJECT.search(text)
    if flat and _FLAT_FROM.search(text, 0, flat.start()):
        return _envelope(text, flat.end(), flat["value"], flat.span("value"), None)
    return None


# Lotus/HCL Notes and some gateways print the sender above a "To:/cc:/Subject:" block that has no From line:
# '"Lena Åberg" <l.a@x.se> on 2026-03-03 09:40', 'Lena Åberg/REMITTENT/SE@REMITTENT' with the date on the next line.
_SENDER_ABOVE = re.compile(
    r"^[ \t]{0,20}(?P<sender>\"?[^\n\"<>@]{2,80}?\"?[ \t]{0,4}<[^<>\s@]{1,64}@[^<>\s]{1,255}>|"
    r"[^\s@/<>:]{1,40}(?:[ \t][^\s@/<>:]{1,40}){0,3}/[^\s<>:]{1,80})"
    r"(?:[ \t]+(?:on|den|am|le|op)[ \t]+(?P<date>[^\n]{6,40}?))?[ \t]*\n"
    r"(?:[ \t]{0,20}(?P<below>[^\n]{0,40}\d{4}[^\n]{0,40}?)[ \t]*\n)?(?:[ \t]*\n){0,3}\Z", re.MULTILINE)


def _sender_above(text: str, block: dict) -> None:
    """Give a block without a From line the sender written on the lines just above it (Notes), if there is one."""
    start = block["start"]
    head = text.rfind("\n", 0, max(0, start - 1))
    for _ in range(4):  # up to the sender line, a date line and two blank lines above the block
        m = _SENDER_ABOVE.fullmatch(text, head + 1, start) if head >= -1 else None
        if m:
            sender = m["sender"].strip()
            if "<" not in sender:  # "Lena Åberg/REMITTENT/SE@REMITTENT": the name is the part before the first "/"
                sender = sender.split("/", 1)[0].strip()
            block["from"] = (sender, (m.start("sender"), m.start("sender") + len(sender)))
            block["labels"].add("from")
            dated = m["date"] or m["below"]
            if dated and "sent" not in block["labels"]:
                block["sent"] = (dated.strip(), m.span("date") if m["date"] else m.span("below"))
                block["labels"].add("sent")
            block["start"] = m.start("sender")
            return
        if head < 0:
            return
        head = text.rfind("\n", 0, head)


_EN_MONTH = (r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
             r"(?:uary|ruary|ch|il|e|y|ust|tember|t|ober|ember)?\.?")
# "March 3, 2026", "Mar 3, 2026", and "3 Mar 2026" / "3 March 2026" (Thunderbird, Apple Mail, RFC 2822 dates)
_EN_DATE = re.compile(rf"\b{_EN_MONTH}[ \t]+(\d{{1,2}}),?[ \t]+(\d{{4}})\b")
_EN_DATE_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})[ \t]+{_EN_MONTH}[ \t]+(\d{{4}})\b")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# Round 25: month names of the other locales a forward's date line is written in (German, Norwegian, Danish, Dutch,
# Finnish), by their first letters: "3. März 2026", "3. marts 2026", "3 maart 2026", "3. maaliskuuta 2026".
_OTHER_MONTHS = {"jan": 1, "feb": 2, "mär": 3, "mar": 3, "maa": 3, "apr": 4, "mai": 5, "mei": 5, "jun": 6, "jul": 7,
                 "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dez": 12, "des": 12, "dec": 12, "tam": 1,
                 "hel": 2, "huh": 4, "tou": 5, "kes": 6, "hei": 7, "elo": 8, "syy": 9, "lok": 10, "jou": 12}  # "marraskuuta": see below
_OTHER_DATE = re.compile(r"\b(\d{1,2})\.?[ \t]+([^\W\d_]{3,12})\.?[ \t]+(\d{4})\b")
# "03/03/2026" (Thunderbird, Android): day first, unless the second number cannot be a month (an American client)
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _sent_abroad(value: str) -> date | None:
    """Read a forward's date line the Swedish and English readers leave: an RFC 2822 date, other month names, d/m/y."""
    try:
        return parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError):
        pass
    m = _OTHER_DATE.search(value)
    if m:
        name = m[2].casefold()
        month = 11 if name.startswith("marras") else _OTHER_MONTHS.get(name[:3])
        if month:
            try:
                return date(int(m[3]), month, int(m[1]))
            except ValueError:
                return None
    m = _SLASHED.search(value)
    if m:
        day, month = (int(m[1]), int(m[2])) if int(m[2]) <= 12 else (int(m[2]), int(m[1]))
        try:
            return date(int(m[3]), month, day)
        except ValueError:
            return None
    return None


def _sent_on(value: str) -> date | None:
    """Read the date of a Skickat/Sent/Date header ("den 2 maj 2023 09:14", "Tuesday, May 2, 2023 9:14 AM")."""
    for found in find_dates(value):
        if found.year:
            return found.resolve(None)
    m = _EN_DATE.search(value)
    day_first = _EN_DATE_DAY_FIRST.search(value) if not m else None
    month, day, year = (m[1], m[2], m[3]) if m else (day_first[2], day_first[1], day_first[3]) if day_first else (None,) * 3
    if month:
        try:
            return date(int(year), _EN_MONTHS.index(month) + 1, int(day))
        except ValueError:
            return None
    return _sent_abroad(value)


def _deeper(text: str, blocks: list[dict], after: int) -> tuple[int, str | None, date | None, bool] | None:
    """The last start of a message below `after` that carries no subject: a header block with a sender and a date
    but no Ämne line, a GroupWise '>>> sender date >>>' line or a reply's attribution; None when there is none.
    The last item tells a quoted message (under an attribution or a GroupWise line) from a header block's."""
    starts: list[tuple[int, str | None, date | None, bool]] = []
    for block in blocks:
        sender = block.get("from")
        dated = block.get("sent")
        if block["start"] >= after and sender and dated:
            starts.append((block["end"], sender[0], _sent_on(dated[0]), False))
    for m in _GROUPWISE.finditer(text, after):
        starts.append((m.end(), m["sender"], _sent_on(m["date"]), True))
    for m in _ATTRIBUTION.finditer(text, after):
        starts.append((m.end(), m["sv"] or m["en"], _sent_on(m["date"]), True))
    for m in _ATTRIBUTION_NAMED.finditer(text, after):
        starts.append((m.end(), m["after"] or m["before"], _sent_on(m["date"]), True))
    return max(starts) if starts else None


def _envelope(text: str, end: int, subject: str, span: tuple[int, int], sender: str | None,
              sent: date | None = None) -> Envelope:
    found = dnr_in_subject(subject)
    subject_dnr = (found[0], span[0] + found[1]) if found else None
    lead = _SUBJECT_LEAD.match(subject)
    if lead:
        span = (span[0] + lead.end(), span[1])
        subject = subject[lead.end():]
    subject = subject.strip() or None
    name = mail = None
    if sender and len(sender) <= MAX_SENDER:
        m = _NAME_ADDRESS.match(sender)
        if m:
            name = m["name"].strip() or None
            mail = m["mail"] or m["mail2"]
    return Envelope(end, subject, span if subject else None, name, mail, sent, subject_dnr)


_SIGNED_NAME = (r"([A-ZÅÄÖÉ][a-zåäöéüáóè]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?"
                r"(?:[ \t]+[A-ZÅÄÖÉ][a-zåäöéüáóè]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?){1,2})[ \t]*$")
# The name under the greeting, on the next lines or after it on the same line ("Mvh Anna Berg").
_UNDER_GREETING = re.compile(r"(?<![ \t,!])[ \t,!]*(?:\n(?:[ \t]*\n){0,2}[ \t]*)?" + _SIGNED_NAME, re.MULTILINE)
# A signature without greeting, Swedish style: "/Anna Berg" on a line of its own.
_SLASH_SIGNATURE = re.compile(r"^[ \t]*/[ \t]*" + _SIGNED_NAME, re.MULTILINE)


_NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüáóè]{1,30}(?:-[A-ZÅÄÖ][a-zåäöé]{1,30})?"  # bounded: linear on hostile text
_CAPS_WORD = r"[A-ZÅÄÖÉ]{2,30}(?:-[A-ZÅÄÖ]{2,30})?"
# Signatures an HTML mail flattens: "Lena Åberg | Utredare | Länsstyrelsen", "Hälsningar, Lena Åberg, utredare",
# "Lena Åberg – utredare", and a name in capitals ("LENA ÅBERG").
_UNDER_GREETING_WIDE = re.compile(
    rf"(?<![ \t,!])[ \t,!]{{0,8}}(?:\n(?:[ \t]{{0,20}}\n){{0,2}}[ \t]{{0,20}})?"
    rf"(?<![^\W\d_])(?-i:({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}})[ \t]*(?:\||,|[ \t][–-][ \t])[ \t]*[^\n]{{2,120}}$|"
    rf"({_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{1,2}})[ \t]*(?:[|,][^\n]*)?$)", re.MULTILINE)


def signature_name(body: str) -> tuple[str, int] | None:
    """Return the name signed under the last greeting of a message (or after a '/'), with its offset, or None."""
    greetings = list(_GREETING.finditer(body))
    m = _UNDER_GREETING.match(body, greetings[-1].end()) if greetings else None
    wide = _UNDER_GREETING_WIDE.match(body, greetings[-1].end()) if greetings and not m else None
    if wide:
        name = wide.group(1) or wide.group(2).title()
        return name, wide.start(1) if wide.group(1) else wide.start(2)
    if not m:
        slashes = list(_SLASH_SIGNATURE.finditer(body))
        m = slashes[-1] if slashes else None
    return (m.group(1), m.start(1)) if m else None


def signed_by_sender(body: str, sender_name: str | None) -> tuple[str, int] | None:
    """Return the sender's name where it signs the message on a line of its own (no greeting above), or None.

    "Eva Barkström / Projektledare / Arbetsmiljöverket" under the letter, with "Från: Eva Barkström" above it.
    """
    if not sender_name or not re.fullmatch(_SIGNED_NAME, sender_name):
        return None
    found = list(re.finditer(rf"^[ \t]*({re.escape(sender_name)})[ \t]*$", body, re.MULTILINE))
    return (found[-1].group(1), found[-1].start(1)) if found else None
