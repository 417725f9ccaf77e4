"""Why a re-computed tidplan moved (a meeting moved, removed or added), said in the remiss's history, and which open
dates moved earlier, told to the handläggare (walk11 finding 11)."""
from __future__ import annotations

from datetime import date, datetime

from remiss.calendar.swedish import format_moment, format_weekday_date
from remiss.planning.models import Milestone


def why(because: str, moved_to: date | None, changes: dict[str, list], deadline: date | datetime | None) -> str:
    """The history note: what happened to the sammanträdesplan, and, when the remiss's nämndsammanträde moved off
    the meeting's new day, that the new day is too late for the sista svarsdag."""
    new = changes.get("namnd", [None, None])[1]
    if moved_to is not None and deadline is not None and new is not None and date.fromisoformat(new) < moved_to:
        return f"{because} (hinner inte före sista svarsdag {format_moment(deadline)})"
    return because


def moved_earlier(changes: dict[str, list], rows: list[Milestone]) -> list[str]:
    """One line per open milestone whose date moved earlier ("Tjänsteskrivelse klar: torsdag 28 januari 2027 →
    måndag 28 december 2026.")."""
    lines = []
    for row in rows:
        old, new = changes.get(row.kind, [None, None])
        if row.done_at is None and old and new and new < old:
            lines.append(f"{row.label}: {format_weekday_date(date.fromisoformat(old))} → "
                         f"{format_weekday_date(date.fromisoformat(new))}.")
    return lines
