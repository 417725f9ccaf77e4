"""Sammanträdesplan: nämnd and arbetsutskott meetings as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")

MeetingKind = Literal["namnd", "au"]
MEETING_KINDS: tuple[str, ...] = ("namnd", "au")


def local_date(moment: datetime) -> date:
    """Return the Stockholm calendar date of a moment (naive values count as Stockholm time)."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(STOCKHOLM).date()


@dataclass(frozen=True)
class Meeting:
    """One sammanträde of a nämnd or its arbetsutskott."""

    kind: str  # "namnd" | "au"
    starts_at: datetime  # tz-aware, Europe/Stockholm
    place: str = ""
    handlingar_deadline: date | None = None  # sista dag för handlingar to this meeting

    @property
    def day(self) -> date:
        """Return the meeting's date in Stockholm."""
        return local_date(self.starts_at)
