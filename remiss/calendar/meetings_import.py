"""Read a sammanträdesplan from CSV or ICS text; bad rows become Swedish error messages."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import TypeVar

import icalendar

from remiss.calendar.meetings import STOCKHOLM, Meeting
from remiss.calendar.swedish import parse_time

_COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("typ", "kind", "sammanträde", "organ"),
    "day": ("datum", "date", "dag"),
    "time": ("tid", "time", "klockslag", "kl", "starttid"),
    "place": ("plats", "lokal", "place"),
    "handlingar": (
        "sista dag för handlingar", "sista dag for handlingar", "handlingar",
        "sista dag handlingar", "handlingar senast",
    ),
}
_REQUIRED = ("kind", "day", "time")
_KIND_WORDS = {
    "namnd": "namnd", "nämnd": "namnd", "n": "namnd", "nämndsammanträde": "namnd",
    "namndsammantrade": "namnd", "sammanträde": "namnd",
    "au": "au", "arbetsutskott": "au", "arbetsutskottet": "au",
}
_SEED_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})-(\d{2}|\d{4})$")  # "30/3-10", as in seed 000
_DOT_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")  # "24.9.2015"
_AU_WORD = re.compile(r"\bAU\b")
T = TypeVar("T")


def parse_swedish_date(text: str) -> date | None:
    """Parse "2015-09-24", "24/9-15" or "24.9.2015"; return None when it is not a date."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for pattern in (_SEED_DATE, _DOT_DATE):
        match = pattern.match(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            if year < 100:
                year += 2000
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


def parse_clock(text: str) -> time | None:
    """Parse "13.00", "13:00", "kl. 13" into a time (the forms' rule, remisser.input.parse_time); None when it is
    not a clock time."""
    try:
        return parse_time(text)
    except ValueError:
        return None


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # Excel on Swedish Windows


def _header_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().lower().rstrip(":")
        for column, aliases in _COLUMNS.items():
            if key in aliases and column not in found:
                found[column] = index
    return found


def meetings_from_csv(data: str | bytes) -> tuple[list[Meeting], list[str]]:
    """Read meetings from CSV (typ, datum, tid, plats, sista dag för handlingar)."""
    text = _decode(data)
    if not text.strip():
        return [], ["Filen är tom."]
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader)
    columns = _header_map(header)
    missing = [_COLUMNS[c][0] for c in _REQUIRED if c not in columns]
    if missing:
        return [], [f"Rad 1: kolumnen {', '.join(repr(m) for m in missing)} saknas i rubrikraden."]
    meetings: list[Meeting] = []
    errors: list[str] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        meeting, problems = _row_to_meeting(row, columns)
        if problems:
            errors.append(f"Rad {line}: {'; '.join(problems)}.")
        elif meeting is not None:
            meetings.append(meeting)
    return meetings, errors


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _required(raw: str, parse: Callable[[str], T | None], missing: str, invalid: str, problems: list[str]) -> T | None:
    """The parsed value of a cell that must be filled in; else None, with the problem (invalid: "{}" is the cell)."""
    value = parse(raw) if raw else None
    if not raw:
        problems.append(missing)
    elif value is None:
        problems.append(invalid.format(raw))
    return value


def _row_to_meeting(row: list[str], columns: dict[str, int]) -> tuple[Meeting | None, list[str]]:
    problems: list[str] = []
    kind = _required(_cell(row, columns, "kind"), lambda raw: _KIND_WORDS.get(raw.lower()),
                     "typ saknas (ange nämnd eller AU)", 'okänd typ "{}" (ange nämnd eller AU)', problems)
    day = _required(_cell(row, columns, "day"), parse_swedish_date,
                    "datum saknas", 'ogiltigt datum "{}" (skriv ÅÅÅÅ-MM-DD, t.ex. 2015-09-24)', problems)
    clock = _required(_cell(row, columns, "time"), parse_clock,
                      "tid saknas", 'ogiltig tid "{}" (skriv t.ex. 13.00)', problems)
    raw_handlingar = _cell(row, columns, "handlingar")
    handlingar = parse_swedish_date(raw_handlingar) if raw_handlingar else None
    if raw_handlingar and handlingar is None:
        problems.append(f"ogiltigt datum för sista dag för handlingar \"{raw_handlingar}\"")
    if day and handlingar and handlingar > day:
        problems.append("sista dag för handlingar ligger efter sammanträdet")
    if problems or kind is None or day is None or clock is None:
        return None, problems
    starts_at = datetime.combine(day, clock, tzinfo=STOCKHOLM)
    return Meeting(kind, starts_at, _cell(row, columns, "place"), handlingar), []


def kind_from_summary(summary: str) -> str:
    """Classify an event title: "arbetsutskott" or the word "AU" means au, else namnd."""
    if "arbetsutskott" in summary.lower() or _AU_WORD.search(summary):
        return "au"
    return "namnd"


# a calendar content line: "NAME;PARAM=x:value" (RFC 5545 3.1), or a folded line's continuation (a blank first)
_CONTENT_LINE = re.compile(r"^(?:[A-Za-z0-9-]+(?:;[^:\r\n]*)?:|[ \t]|\s*$)")


def ics_unreadable(data: str | bytes) -> str | None:
    """Why a file cannot be read as a calendar, in Swedish (the library's English stays out, walk27 Y14); None
    when it can."""
    try:
        icalendar.Calendar.from_ical(data)
    except ValueError:
        text = _decode(data) if isinstance(data, bytes) else data
        for number, line in enumerate(text.splitlines(), start=1):
            if not _CONTENT_LINE.match(line):
                shown = line.strip()
                shown = shown if len(shown) <= 40 else shown[:40] + "…"
                return (f"Filen kunde inte läsas som en kalenderfil (.ics): rad {number} (”{shown}”) är ingen "
                        "giltig kalenderrad.")
        return "Filen kunde inte läsas som en kalenderfil (.ics)."
    return None


def meetings_from_ics(data: str | bytes) -> tuple[list[Meeting], list[str]]:
    """Read meetings from the VEVENTs of an ICS calendar."""
    if refusal := ics_unreadable(data):
        return [], [refusal]
    calendar = icalendar.Calendar.from_ical(data)
    meetings: list[Meeting] = []
    errors: list[str] = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        summary = str(event.get("SUMMARY", "")).strip()
        name = f"Händelse {number}" + (f" \"{summary}\"" if summary else "")
        start = event.get("DTSTART")
        if start is None:
            errors.append(f"{name}: starttid saknas.")
            continue
        value = start.dt
        if not isinstance(value, datetime):
            errors.append(
                f"{name}: heldagshändelse utan klockslag; ange starttid för sammanträdet."
            )
            continue
        if value.tzinfo is None:  # floating time: read as Stockholm time
            starts_at = value.replace(tzinfo=STOCKHOLM)
        else:
            starts_at = value.astimezone(STOCKHOLM)
        if event.get("RRULE") is not None:
            errors.append(
                f"{name}: upprepade händelser stöds inte; bara första tillfället importerades."
            )
        place = str(event.get("LOCATION", "")).strip()
        meetings.append(Meeting(kind_from_summary(summary), starts_at, place))
    return meetings, errors
