"""calendar.missed: when a sammanträde of the tidplan has passed without its step done (walk12 finding 1), and how the
steps after a missed nämnd read (planning.lateness). Literal dates; the day compared with is always given."""
from __future__ import annotations

from datetime import date

from remiss.calendar.milestones import FLAG_REASONS
from remiss.calendar.missed import advice, is_missed
from remiss.planning.flags import TEXTS
from remiss.planning.lateness import lateness

MEETING = date(2026, 12, 17)


def test_the_namnd_is_missed_from_the_day_after_its_meeting_until_its_step_is_done():
    assert not is_missed("namnd", MEETING, MEETING, done=False)  # the meeting's own day: it may still decide
    assert is_missed("namnd", MEETING, date(2026, 12, 18), done=False)
    assert not is_missed("namnd", MEETING, date(2026, 12, 18), done=True)
    assert not is_missed("justering", MEETING, date(2026, 12, 18), done=False)  # no meeting of its own


def test_the_arbetsutskott_is_missed_only_when_the_yttrande_was_not_ready_for_it():
    after = date(2026, 12, 11)
    assert is_missed("arbetsutskott", date(2026, 12, 10), after, done=False, prepared=False)
    # the usual course: the AU step stays open until the nämnd's beslut a week later
    assert not is_missed("arbetsutskott", date(2026, 12, 10), after, done=False, prepared=True)


def test_the_reason_is_known_strongest_and_said_in_swedish_with_the_date_in_the_advice():
    assert FLAG_REASONS[0] == "sammantrade_passerat" and "sammantrade_passerat" in TEXTS
    assert advice("namnd", MEETING).startswith("Nämnden beslutade inte vid sammanträdet torsdag 17 december 2026 – "
                                               "begär förlängd remisstid")
    assert advice("arbetsutskott", date(2026, 12, 10)).startswith(
        "Arbetsutskottet behandlade inte ärendet vid sammanträdet torsdag 10 december 2026")


def test_the_steps_after_a_missed_namnd_are_late_because_of_it_whatever_their_date():
    words = "försenad eftersom nämnden inte beslutade vid sammanträdet torsdag 17 december 2026"
    assert lateness("expediering", date(2027, 1, 8), date(2027, 1, 8), missed_on=MEETING) == (True, words)
    assert lateness("justering", date(2027, 1, 7), date(2026, 12, 18), missed_on=MEETING) == (True, words)
    assert lateness("expediering", date(2027, 1, 8), date(2027, 1, 8)) == (False, "i dag")
    assert lateness("sista_svarsdag", date(2027, 1, 8), date(2027, 1, 8), missed_on=MEETING) == (False, "i dag")
