"""Allocate our own diarienummer from a per-prefix, per-year series."""
from __future__ import annotations

import re
import string

from sqlalchemy import exists, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from remiss.namnd.models import Namnd
from remiss.remisser.keys import dnr_key
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import DiarieSeries, Remiss

DEFAULT_FORMAT = "{prefix} {year}/{number:04d}"


def _next_number(session: Session, prefix: str, year: int) -> int:
    stmt = (update(DiarieSeries)
            .where(DiarieSeries.prefix == prefix, DiarieSeries.year == year)
            .values(last_number=DiarieSeries.last_number + 1)
            .returning(DiarieSeries.last_number))
    number = session.execute(stmt).scalar()
    if number is not None:
        return number
    try:
        with session.begin_nested():
            session.add(DiarieSeries(prefix=prefix, year=year, last_number=1))
        return 1
    except IntegrityError:
        # Another process created the series first: take the next number from it.
        return session.execute(stmt).scalar()


def allocate(session: Session, *, prefix: str, year: int, fmt: str = DEFAULT_FORMAT) -> str:
    """Return the next free diarienummer; the row update serializes concurrent callers."""
    while True:
        dnr = fmt.format(prefix=prefix, year=year, number=_next_number(session, prefix, year))
        # Skip numbers a registrator already typed by hand.
        if not session.exec(select(exists().where(Remiss.our_dnr == dnr))).one():
            return dnr


def format_pattern(dnr_format: str, prefixes: set[str]) -> re.Pattern | None:
    """The format as a search pattern: its literal parts with any spacing around them, the prefix one of ours, the
    year four digits, the number digits; None when the format has no prefix, year and number to read."""
    if not prefixes:
        return None
    fields = {"prefix": "(?P<prefix>" + "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True)) + ")",
              "year": r"(?P<year>(?:19|20)\d{2})", "number": r"(?P<number>\d{1,7})"}
    parts, seen = [], set()
    try:
        parsed = list(string.Formatter().parse(dnr_format))
    except ValueError:
        return None
    for literal, name, _, _ in parsed:
        for char in literal:
            parts.append(r"[ \t]*" if char.isspace() else r"[ \t]*" + re.escape(char) + r"[ \t]*")
        if name is not None:
            if name not in fields or name in seen:
                return None
            seen.add(name)
            parts.append(fields[name])
    if seen != set(fields):
        return None
    return re.compile(r"(?<![\w/])" + "".join(parts) + r"(?![\w]|/\d)", re.IGNORECASE)


def our_prefixes(session: Session, default_prefix: str) -> set[str]:
    """The prefixes of our series: every nämnd's and the default one."""
    prefixes = {p.strip() for p in session.exec(select(Namnd.dnr_prefix)).all() if p and p.strip()}
    if default_prefix.strip():
        prefixes.add(default_prefix.strip())
    return prefixes


def canonical(session: Session, typed: str, *, fmt: str = DEFAULT_FORMAT, default_prefix: str = "RS") -> str:
    """A diarienummer typed by hand in one of our series written as the series writes it ("sofö 2026/6" →
    "SOFÖ 2026/0006", walk18 F16); any other number (another format, no prefix of ours) as typed."""
    typed = typed.strip()
    prefixes = our_prefixes(session, default_prefix)
    pattern = format_pattern(fmt, prefixes)
    found = pattern.fullmatch(typed) if pattern else None
    if found is None:
        return typed
    spelled = {p.casefold(): p for p in prefixes}
    try:
        return fmt.format(prefix=spelled[found.group("prefix").casefold()], year=int(found.group("year")),
                          number=int(found.group("number")))
    except (KeyError, ValueError, IndexError):
        return typed


def holder(session: Session, dnr: str, *, other_than: int | None = None) -> Remiss | None:
    """The remiss that already has this diarienummer however it is spelled (case, spacing, leading zeros: the
    lookup key search uses, remisser.keys), other than the one being changed."""
    key = dnr_key(dnr)
    if key is None:
        return None
    query = select(Remiss).where((Remiss.our_dnr_key == key) | (Remiss.our_dnr == dnr))
    if other_than is not None:
        query = query.where(Remiss.id != other_than)
    return session.exec(query.order_by(Remiss.id)).first()


def taken_message(dnr: str, remiss: Remiss) -> str:
    # the one that has it by its kind's noun: "ärendet SOFÖ 2026/0003 …" for a medborgarförslag (walk18 F7)
    return (f"Diarienumret {dnr} är redan använt: {noun_of(remiss.kind).the} {remiss.our_dnr} ”{remiss.title}” "
            "har det.")
