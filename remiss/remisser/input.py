"""Parse and validate remiss input from forms and the API into plain data, with Swedish messages."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from functools import partial

from email_validator import EmailNotValidError, validate_email

from remiss.calendar.swedish import TIME_MESSAGE, parse_time, swedish_number  # noqa: F401  (TIME_MESSAGE, parse_time: the forms' clock rule)
from remiss.missiv.dates import find_dates
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Direction, RemissKind


class InputErrors(ValueError):
    """Field → Swedish message for every field that was wrong."""

    def __init__(self, errors: dict[str, str], code: str | None = None):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
        self.code = code  # what the API's 400 names the refusal by, when a program may act on it ("code")


@dataclass
class SandlistaItem:
    name: str
    email: str = ""
    group_name: str = ""


@dataclass
class RemissData:
    title: str
    namnd_id: int
    direction: str = Direction.inkommande
    kind: str = RemissKind.remiss
    remittent: str = ""
    sender_dnr: str = ""
    our_dnr: str = ""
    received_on: date | None = None
    letter_date: date | None = None
    deadline_on: date | None = None
    deadline_time: time | None = None
    answer_email: str = ""
    answer_address: str = ""
    copy_emails: list[str] = field(default_factory=list)
    contact_person: str = ""
    contact_email: str = ""
    handlaggare_id: int | None = None
    notes: str = ""
    missiv_text: str = ""
    answer_instructions: str = ""
    questions: list[str] = field(default_factory=list)
    sandlista: list[SandlistaItem] = field(default_factory=list)


# The labels of the registration and edit forms (templates/remisser/form.html), also shown by the lost-input page,
# in the order the form shows them: its error summary lists the errors in this order (remiss.web.forms).
FORM_LABELS = {
    "csrf": "Formuläret", "missiv_text": "Missivets text", "title": "Ärendemening", "direction": "Riktning",
    "kind": "Ärendetyp", "remittent": "Remittent", "sender_dnr": "Remittentens diarienummer",
    "our_dnr": "Vårt diarienummer", "received_on": "Inkom", "deadline_on": "Sista svarsdag",
    "deadline_time": "Klockslag", "letter_date": "Missivets datum", "answer_email": "Svar till e-post",
    "copy_emails": "Kopia till", "answer_address": "Svar till adress", "contact_person": "Kontaktperson hos remittenten",
    "contact_email": "Kontaktpersonens e-post", "namnd_id": "Ansvarig nämnd", "handlaggare_id": "Handläggare",
    "handlaggare": "Handläggare", "questions": "Frågeställningar", "sandlista": "Sändlista",
    "files": "Remisshandlingar", "notes": "Anteckningar"}

LIMITS = {"title": 500, "remittent": 300, "sender_dnr": 100, "our_dnr": 100, "contact_person": 200,
          "answer_address": 2000, "notes": 20000, "missiv_text": 200000, "answer_instructions": 5000}

_DATE_SV = re.compile(r"^(\d{1,2})/(\d{1,2})[ -](\d{4})$")


# Dates outside these years are typing mistakes, and they are costly: the reminder plan counts working days
# one by one between a deadline and today, so a deadline in year 822 kept a registration busy for 20 s.
# The example in the date fields' hints (templates/remisser/form.html) and in the message for a bad date.
DATE_EXAMPLE = "2027-01-11 eller 11 januari 2027"
YEARS = (1900, 2199)


def parse_date(text: str) -> date:
    """Parse a date as people type it: 2010-03-31, 20100331, 31/3 2010, 31/3-10, 31 mars 2010, onsdag 31 mars 2010
    (years 1900–2199); raise ValueError with a Swedish message."""
    text = " ".join(text.split())
    day = None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        match = _DATE_SV.match(text)
        if match:
            d, month, year = map(int, match.groups())
            try:
                day = date(year, month, d)
            except ValueError:
                pass
        if day is None:
            found = find_dates(text)
            if len(found) == 1 and found[0].year is not None and not text[:found[0].start].strip(" ,") \
                    and not text[found[0].end:].strip(" .,"):
                day = date(found[0].year, found[0].month, found[0].day)
    if day is None:
        raise ValueError(f"Ange ett giltigt datum, till exempel {DATE_EXAMPLE}.")
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise ValueError(f"Ange ett datum mellan år {YEARS[0]} och {YEARS[1]}.")
    return day


def parse_email(text: str) -> str:
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValueError(f"”{text.strip()}” är inte en giltig e-postadress.") from None


def split_lines(value) -> list[str]:
    """Accept a list or text with one item per line; drop blanks and list numbering."""
    items = value if isinstance(value, list) else str(value or "").splitlines()
    out = []
    for item in items:
        text = re.sub(r"^\s*(?:\d+[.)]|[-•*])\s+", "", str(item)).strip()
        if text:
            out.append(text)
    return out


# C0 control characters other than tab, line feed and carriage return. None belongs in text a person types, and
# PostgreSQL refuses NUL in text outright. They are removed where input enters the app (remiss.web.requests: every
# form, query string and JSON body) and again by clean_text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
# Vertical tab (Word's line break, Skift+Retur, in copied text) and form feed (a page break in text from a PDF)
# separate lines: they become line feeds, so the words on either side stay apart.
_LINE_LIKE = re.compile("[\x0b\x0c]")


def without_control_characters(text: str) -> str:
    """text without NUL and the other C0 control characters; tab and line breaks are kept, vertical tab and form
    feed become line feeds."""
    return _CONTROL.sub("", _LINE_LIKE.sub("\n", text))


TEXT = "Ska vara text."
REQUIRED = "Fältet måste fyllas i."
NAMND_MISSING = "Välj en nämnd."  # a drop-down left at "Välj nämnd" (walk29 A9)
INVALID_CHOICE = "Ogiltigt val."
NOT_A_LIST = "Ska vara en lista."
NOT_TEXTS = "Ska vara en lista av texter."
# At most this many per request: one request must not flood the shared register or hold a write lock for long.
SANDLISTA_LIMIT = 500
QUESTIONS_LIMIT = 200
UNKNOWN_FIELD = "Okänt fält."


# One function per kind of field, taking the raw value and raising ValueError with the Swedish message. The form
# parser below and the API's models (remiss.remisser.schemas) both call these, so each message is written once.

def too_long(limit: int, length: int) -> str:
    """The message for a text over its limit, with both numbers as Swedes write them: "Högst 200 000 tecken
    (texten har 212 000)." (walk17 F7: "Högst 200000 tecken."). Every "Högst N tecken" check says it so."""
    return f"Högst {swedish_number(limit)} tecken (texten har {swedish_number(length)})."


def clean_text(value, *, limit: int | None = None, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(TEXT)
    value = without_control_characters(value).strip()
    if required and not value:
        raise ValueError(REQUIRED)
    if limit is not None and len(value) > limit:
        raise ValueError(too_long(limit, len(value)))
    return value


def clean_optional(value, parser):
    """None for a missing or empty value, else parser(value) for text."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(TEXT)
    return parser(value)


def clean_email(value) -> str:
    return clean_optional(value, parse_email) or ""


def clean_choice(value, *, required: bool | str = False) -> int | None:
    """The id of a chosen row (nämnd, handläggare): a positive number the database can hold; required: True, or
    the message that asks for a choice."""
    if value is None or value == "":
        if required:
            raise ValueError(required if isinstance(required, str) else REQUIRED)
        return None
    number = None
    # an int from JSON, or digits from a form; true and 1.5 are no id (int() would make them 1)
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdecimal():
        number = int(value)
    if number is None or not 0 < number < 2**31:
        raise ValueError(INVALID_CHOICE)
    return number


def clean_emails(value) -> list[str]:
    """Addresses as a list or as text separated by commas, semicolons or blanks."""
    value = value or []
    parts = value if isinstance(value, list) else re.split(r"[,;\s]+", str(value))
    return [parse_email(str(part)) for part in parts if str(part).strip()]


def clean_lines(value, *, limit: int = 5000) -> list[str]:
    """A list, or text with one item per line (the frågeställningar)."""
    if value is not None and not isinstance(value, (list, str)):
        raise ValueError(NOT_A_LIST)
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        raise ValueError(NOT_TEXTS)
    items = split_lines(value)
    if len(items) > QUESTIONS_LIMIT:
        # both numbers as Swedes write them, as too_long does: "(här finns 2 000)" (walk29 A9)
        raise ValueError(f"Högst {swedish_number(QUESTIONS_LIMIT)} frågeställningar "
                         f"(här finns {swedish_number(len(items))}).")
    return [item[:limit] for item in items]


def clean_direction(value) -> str:
    value = value or Direction.inkommande
    if not isinstance(value, str) or value not in Direction.__members__:
        raise ValueError("Riktning ska vara inkommande eller utgående.")
    return value


def clean_kind(value) -> str:
    value = value or RemissKind.remiss
    if not isinstance(value, str) or value not in RemissKind.__members__:
        raise ValueError("Okänd ärendetyp.")
    return value


def clean_sandlista(value) -> list[SandlistaItem]:
    """Names (a list or one per line), or rows {"name", "email", "group_name"}; at most SANDLISTA_LIMIT."""
    if isinstance(value, (list, str)) and len(value if isinstance(value, list) else split_lines(value)) > SANDLISTA_LIMIT:
        raise ValueError(f"Högst {SANDLISTA_LIMIT} remissinstanser på en sändlista.")
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        items = []
        for i, entry in enumerate(value, 1):
            if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
                raise ValueError(f"Rad {i} saknar namn.")
            if not all(isinstance(entry.get(key) or "", str) for key in ("name", "email", "group_name", "group")):
                raise ValueError(f"Rad {i}: namn, e-post och grupp ska vara text.")
            email = str(entry.get("email") or "").strip()
            if email:
                try:
                    email = parse_email(email)
                except ValueError as exc:
                    raise ValueError(f"Rad {i}: {exc}") from None
            items.append(SandlistaItem(str(entry["name"]).strip()[:300], email,
                                       str(entry.get("group_name") or entry.get("group") or "").strip()[:200]))
        return items
    if value is not None and not isinstance(value, (list, str)):
        raise ValueError(NOT_A_LIST)
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        raise ValueError("Ska vara en lista av namn (text) eller av rader med namn och e-post.")
    return [SandlistaItem(name[:300]) for name in split_lines(value)]


TEXT_FIELDS = ("remittent", "sender_dnr", "our_dnr", "contact_person", "answer_address", "notes", "missiv_text",
               "answer_instructions")
DATE_FIELDS = ("received_on", "letter_date", "deadline_on")
TIME_WITHOUT_DATE = "Ange datum när klockslag är angivet."

# field → how its raw value is cleaned, in the order the form shows the fields
CLEANERS = {
    **{key: partial(clean_text, limit=LIMITS[key]) for key in TEXT_FIELDS},
    "title": partial(clean_text, limit=LIMITS["title"], required=True),
    **{key: partial(clean_optional, parser=parse_date) for key in DATE_FIELDS},
    "deadline_time": partial(clean_optional, parser=parse_time),
    "answer_email": clean_email,
    "contact_email": clean_email,
    "copy_emails": clean_emails,
    "direction": clean_direction,
    "kind": clean_kind,
    "namnd_id": partial(clean_choice, required=NAMND_MISSING),
    "handlaggare_id": clean_choice,
    "questions": clean_lines,
    "sandlista": clean_sandlista,
}


def parse_remiss_input(raw: dict, *, partial: bool = False) -> tuple[dict, dict[str, str]]:
    """Return (clean values, errors) from a form or JSON mapping; partial keeps only given keys."""
    errors: dict[str, str] = {}
    clean: dict = {}
    for key, cleaner in CLEANERS.items():
        if partial and key not in raw:
            continue
        try:
            clean[key] = cleaner(raw.get(key))
        except ValueError as exc:
            errors[key] = str(exc)
            clean[key] = None
    # a date typed but invalid ("30 februari 2027") keeps its own message (walk16 #4)
    if clean.get("deadline_time") and not clean.get("deadline_on") and not partial and "deadline_on" not in errors:
        errors["deadline_on"] = TIME_WITHOUT_DATE
    return clean, errors


def to_remiss_data(raw: dict) -> RemissData:
    """Parse a complete registration or raise InputErrors."""
    clean, errors = parse_remiss_input(raw)
    if errors:
        raise InputErrors(errors)
    return RemissData(**clean)


def letter_after_arrival(letter_date: date | None, received_on: date | None, today: date):
    """(missivets datum, Inkom) when the missiv is dated after it came in (walk11 finding 21): a letter cannot arrive
    before it is written, so the fields are more likely swapped or mistyped. Asked about, not refused, wherever the
    two dates are entered: Registrera remiss, Ändra uppgifter and the Inkorg's Registrera. An empty Inkom is
    registered as today."""
    received = received_on or today
    if letter_date and letter_date > received:
        return letter_date, received
    return None


def letter_after_arrival_change(remiss, changes: dict, today: date):
    """letter_after_arrival for a change of a registered remiss (Ändra uppgifter, PATCH): only when either date
    changes, so a pair asked about at registration is not asked again."""
    letter, received = changes.get("letter_date", remiss.letter_date), changes.get("received_on") or remiss.received_on
    if (letter, received) == (remiss.letter_date, remiss.received_on):
        return None
    return letter_after_arrival(letter, received, today)


def letter_after_arrival_error(late: tuple[date, date]) -> str:
    """The question letter_after_arrival makes the forms ask, as the API says it: it cannot ask, so it saves and
    warns unless "confirm_letter_date" is sent (as the forms' *Datumen stämmer – registrera ändå*)."""
    from remiss.calendar.swedish import format_date

    letter, received = late
    return (f"Missivet är daterat {format_date(letter)}, efter att det kom in {format_date(received)}: ett missiv "
            "kan inte komma in innan det är skrivet, så letter_date och received_on är troligen förväxlade eller "
            'felskrivna. Rätta dem, eller skicka "confirm_letter_date": true om datumen stämmer.')


def deadline_required(values: dict) -> dict:
    """A remiss without a deadline is saved only when the user says it has none: an empty field is more often a
    date the browser did not take. A date and the tick together are asked about, not one of them dropped (the
    registration and edit forms, and the Inkorg's Registrera)."""
    if "deadline_on" not in values:
        return {}
    typed, the = str(values["deadline_on"]).strip(), noun_of(values.get("kind")).the  # "ärendet" (walk18 F7)
    if not typed and values.get("no_deadline") and str(values.get("deadline_time") or "").strip():
        # not "Ange datum" against the tick (walk17 F17)
        return {"deadline_on": f"Ta bort klockslaget – {the} anger ingen sista svarsdag."}
    if not typed and not values.get("no_deadline"):
        return {"deadline_on": f"Ange sista svarsdag, eller kryssa i att {the} inte har någon."}
    if typed and values.get("no_deadline"):  # which one holds is the user's to say, not ours to guess
        return {"deadline_on": f"Du har angett en sista svarsdag och kryssat i att {the} inte anger något datum. "
                               "Välj ett av dem: ta bort datumet eller krysset."}
    return {}
