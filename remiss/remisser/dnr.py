"""Allocate our own diarienummer from a per-prefix, per-year series."""
from __future__ import annotations

from sqlalchemy import exists, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

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
