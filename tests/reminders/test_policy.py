"""The pure reminder policy: working days, moments, catch-up and daylight saving (no app, no database)."""
from __future__ import annotations

import ast
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from remiss.calendar import WorkCalendar
from remiss.reminders import policy
from remiss.reminders.policy import MilestoneDue, ReminderPolicy, digest_moment, reminder_moments, split_catch_up

CAL = WorkCalendar()
UTC = timezone.utc


def moments(due: date, owner="handlaggare", until=date(2027, 1, 31), **rules):
    return reminder_moments([MilestoneDue("tjansteskrivelse", "Tjänsteskrivelse klar", due, owner)],
                            ReminderPolicy(**rules), CAL, until=until)


def test_before_on_day_overdue_and_escalation_on_working_days():
    found = moments(date(2026, 12, 7), until=date(2026, 12, 16))
    assert [(m.kind, m.day.isoformat(), m.recipient_role) for m in found] == [
        ("before", "2026-11-23", "handlaggare"), ("before", "2026-11-30", "handlaggare"),
        ("before", "2026-12-03", "handlaggare"), ("on_day", "2026-12-07", "handlaggare"),
        ("overdue", "2026-12-08", "handlaggare"), ("escalation", "2026-12-09", "escalation"),
        ("overdue", "2026-12-11", "handlaggare"), ("overdue", "2026-12-16", "handlaggare")]
    assert all(CAL.is_workday(m.day) for m in found)
    assert found[0].due_at == datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 07.00 CET


def test_a_step_waiting_for_the_one_before_gets_its_heads_up_but_is_never_overdue_or_escalated():
    # the granskning while the tjänsteskrivelse has not come: being late is the handläggare's, not the granskare's
    waiting = reminder_moments([MilestoneDue("granskning", "Granskning klar", date(2026, 12, 7), "granskare",
                                             waiting=True)], ReminderPolicy(), CAL, until=date(2026, 12, 16))
    assert [(m.kind, m.day.isoformat()) for m in waiting] == [
        ("before", "2026-11-23"), ("before", "2026-11-30"), ("before", "2026-12-03"), ("on_day", "2026-12-07")]


def test_a_day_off_moves_the_reminder_to_the_previous_working_day():
    # Due on Saturday 26 December 2026: "on the day" goes out Wednesday 23 December (24–25 are days off).
    found = {m.kind: m for m in moments(date(2026, 12, 26), until=date(2026, 12, 26))}
    assert found["on_day"].day == date(2026, 12, 23)
    klamdag = WorkCalendar({date(2026, 12, 23): "klämdag"})
    moved = reminder_moments([MilestoneDue("x", "X", date(2026, 12, 26), "handlaggare")], ReminderPolicy(),
                             klamdag, until=date(2026, 12, 26))
    assert [m.day for m in moved if m.kind == "on_day"] == [date(2026, 12, 22)]


def test_no_reminders_for_done_milestones_or_meetings_and_no_duplicate_days():
    assert reminder_moments([MilestoneDue("x", "X", date(2026, 12, 7), "handlaggare", done=True),
                             MilestoneDue("namnd", "Nämnd", date(2026, 12, 7), "namnd", done=True),
                             MilestoneDue("justering", "Justering", date(2026, 12, 21), "namnd")],
                            ReminderPolicy(), CAL, until=date(2027, 1, 1)) == []
    # a nämndsammanträde is no one's task: no heads-up, only the one word the next working day that it passed
    # without a beslut (cancelled when it comes due with the beslut registered: claim)
    [passed] = reminder_moments([MilestoneDue("namnd", "Nämnd", date(2026, 12, 17), "namnd")], ReminderPolicy(), CAL,
                                until=date(2027, 1, 1))
    assert (passed.kind, passed.recipient_role, passed.day) == ("overdue", "registrator", date(2026, 12, 18))
    # so is an arbetsutskott (sent only if it passed before the yttrande was ready: claim)
    [au] = reminder_moments([MilestoneDue("arbetsutskott", "AU", date(2026, 11, 30), "namnd")], ReminderPolicy(), CAL,
                            until=date(2027, 1, 1))
    assert (au.kind, au.recipient_role, au.day) == ("overdue", "registrator", date(2026, 12, 1))
    days = [(m.recipient_role, m.day) for m in moments(date(2026, 12, 7), before_workdays=(1, 1, 0))]
    assert len(days) == len(set(days))


def test_policy_switches():
    kinds = {m.kind for m in moments(date(2026, 12, 7), escalate_after_workdays=0, overdue_every_workdays=0)}
    assert "escalation" not in kinds
    assert len([m for m in moments(date(2026, 12, 7), overdue_every_workdays=0) if m.kind == "overdue"]) == 1


@pytest.mark.parametrize("due, before_utc, on_day_utc", [
    # Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    (date(2026, 3, 30), "2026-03-26T06:00:00+00:00", "2026-03-30T05:00:00+00:00"),
    (date(2026, 10, 26), "2026-10-22T05:00:00+00:00", "2026-10-26T06:00:00+00:00"),
])
def test_daylight_saving_keeps_seven_local_and_never_duplicates(due, before_utc, on_day_utc):
    found = {m.kind: m for m in moments(due, before_workdays=(2,), until=due)}
    assert found["before"].due_at.isoformat() == before_utc
    assert found["on_day"].due_at.isoformat() == on_day_utc
    for m in found.values():
        assert m.due_at.astimezone(policy.STOCKHOLM).hour == 7
    all_moments = moments(due, until=date(2026, 12, 31))
    assert len({m.due_at for m in all_moments}) == len(all_moments)


def test_digest_is_monday_seven_moved_back_when_monday_is_off():
    assert digest_moment(datetime(2026, 11, 25, 12, tzinfo=UTC), CAL) == datetime(2026, 11, 23, 6, tzinfo=UTC)
    assert digest_moment(datetime(2026, 11, 23, 5, 59, tzinfo=UTC), CAL) == datetime(2026, 11, 16, 6, tzinfo=UTC)
    # Easter Monday 6 April 2026 and Good Friday 3 April are off: the digest goes out Thursday 2 April.
    assert digest_moment(datetime(2026, 4, 2, 9, tzinfo=UTC), CAL) == datetime(2026, 4, 2, 5, tzinfo=UTC)


def test_catch_up_keeps_the_newest_per_group():
    t = lambda d: datetime(2026, 12, d, 6, tzinfo=UTC)  # noqa: E731
    send, older = split_catch_up([(1, "a", t(1)), (2, "a", t(3)), (3, "b", t(2)), (4, "a", t(2))])
    assert send == [2, 3] and older == [1, 4]


def test_parse_workdays():
    assert policy.parse_workdays(" 2, 10;5,5") == (10, 5, 2)
    assert policy.parse_workdays("") == ()
    with pytest.raises(ValueError, match="heltal"):
        policy.parse_workdays("tio")


def test_policy_is_pure():
    tree = ast.parse(Path(policy.__file__).read_text())
    names = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    names |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not names & {"flask", "sqlmodel", "sqlalchemy"}


def test_since_skips_old_repeats_without_changing_the_ones_that_remain():
    due, since, until = date(2020, 1, 15), date(2026, 11, 23), date(2026, 12, 31)
    full = [m for m in moments(due, until=until) if m.day >= since]
    fast = reminder_moments([MilestoneDue("tjansteskrivelse", "T", due, "handlaggare")], ReminderPolicy(), CAL,
                            until=until, since=since)
    assert fast == full and fast and all(m.kind == "overdue" for m in fast)


def test_the_outbox_batch_comes_from_remiss_outbox_batch(monkeypatch):
    from config import load_config
    from remiss.reminders.delivery import Settings

    assert Settings.from_config(load_config()).batch == 500
    monkeypatch.setenv("REMISS_OUTBOX_BATCH", "100")
    assert Settings.from_config(load_config()).batch == 100
    monkeypatch.setenv("REMISS_OUTBOX_BATCH", "0")
    assert Settings.from_config(load_config()).batch == 1
