"""A sammanträde of the tidplan that has passed without its step done: the nämnd met and no beslut is registered, or
the arbetsutskott met before the yttrande was ready for it. Such a step is late (flagged `sammantrade_passerat`), and
so is what comes after it: the justering and expediering cannot happen until there is a beslut. Pure code; the day
compared with is always given (the sweep's or the request's), never read from the clock."""
from __future__ import annotations

from datetime import date

from remiss.calendar.swedish import format_weekday_date

MISSED = "sammantrade_passerat"  # the flag reason (calendar.milestones.FLAG_REASONS)
MEETING_STEPS = ("arbetsutskott", "namnd")
# the steps that follow the nämnd's beslut: while it is missing they are not due "i dag" as if all were well
AFTER_BESLUT = ("justering", "expediering")
WHAT_TO_DO = "begär förlängd remisstid, ta upp ärendet vid nästa sammanträde eller besluta på delegation"
# the same when no sammanträde to come is before the sista svarsdag: the real ways out (truth16 F3)
NONE_IN_TIME = ("begär förlängd remisstid eller besluta på delegation; inget sammanträde hinner före sista "
                "svarsdag")


def is_missed(kind: str, due_on: date, today: date, *, done: bool, prepared: bool = False) -> bool:
    """Whether a meeting step has passed without being done: the nämnd's whenever its day is over; the
    arbetsutskott's only when the yttrande was not ready for it (prepared: its granskning is done), since in the
    usual course the arbetsutskott's step is ticked off with the nämnd's beslut a week or two later."""
    if done or kind not in MEETING_STEPS or not holds(due_on, today):
        return False
    return kind == "namnd" or not prepared


def holds(due_on: date, today: date) -> bool:
    """Whether a stored `sammantrade_passerat` flag holds at today: only once its meeting's day is over. The one
    rule for the sweep, the pages and the API (planning.service.missed): a flag written by a run with a later clock
    (`--now` ahead, a catch-up, a host with a skewed clock) does not hold while the meeting is still ahead."""
    return due_on < today


def ways_out(in_time: bool = True) -> str:
    """What can be done after a missed meeting: taking the ärende up at the next sammanträde only when one comes
    before the sista svarsdag (in_time), else a förlängning or a beslut on delegation (NONE_IN_TIME)."""
    return WHAT_TO_DO if in_time else NONE_IN_TIME


def said_as(text: str, in_time: bool) -> str:
    """A stored text (advice, explanation, flag reason) with its ways out as they hold now (ways_out): the
    alternatives were stored when the meeting was flagged; a meeting added or passed since, or a new sista
    svarsdag, changes whether one comes in time."""
    return text.replace(WHAT_TO_DO, NONE_IN_TIME) if not in_time else text.replace(NONE_IN_TIME, WHAT_TO_DO)


def advice(kind: str, due_on: date, in_time: bool = True) -> str:
    """What to do about a missed meeting, dated: "Nämnden beslutade inte vid sammanträdet torsdag 17 december 2026
    – begär förlängd remisstid, …. Har nämnden beslutat: registrera beslutet." The one text stored with the step,
    given by the API and told in mails; in_time False: no sammanträde to come is before the sista svarsdag."""
    if kind == "arbetsutskott":
        return (f"Arbetsutskottet behandlade inte ärendet vid sammanträdet {format_weekday_date(due_on)} – "
                f"{ways_out(in_time)}.")
    return (f"Nämnden beslutade inte vid sammanträdet {format_weekday_date(due_on)} – {ways_out(in_time)}. "
            "Har nämnden beslutat: registrera beslutet.")


def next_step(kind: str, due_on: date, in_time: bool = True) -> str:
    """The remiss page's "Nästa steg" while a sammanträde has passed without its step: "Nämnden beslutade inte vid
    sammanträdet torsdag 17 december 2026. Begär förlängd remisstid, ta upp ärendet vid nästa sammanträde eller
    besluta på delegation." in_time False: no sammanträde to come is before the sista svarsdag (NONE_IN_TIME).
    """
    what = "Nämnden beslutade inte" if kind == "namnd" else "Arbetsutskottet behandlade inte ärendet"
    todo = ways_out(in_time)
    return f"{what} vid sammanträdet {format_weekday_date(due_on)}. {todo[:1].upper()}{todo[1:]}."


def because(due_on: date) -> str:
    """Why a step after the missed nämnd is late: "eftersom nämnden inte beslutade vid sammanträdet torsdag 17
    december 2026"."""
    return f"eftersom nämnden inte beslutade vid sammanträdet {format_weekday_date(due_on)}"
