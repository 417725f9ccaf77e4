"""walk16 finding 7: `remiss reminders run --now <a later moment>` stored "sammanträdet passerade utan beslut"
(sammantrade_passerat) on meetings still ahead, and the start page, the remiss page and the API said so at the real
date until the tidplan was recomputed for another reason; the sweep at the real clock left it. Now one rule
(calendar.missed.holds) decides: a flag whose meeting the clock in use has not passed is taken back, by every request
before the page or the API reads it and by the next sweep (planning.service.missed.unflag_unpassed)."""
from __future__ import annotations

from tests.planning.helpers import at
from tests.planning.test_walk12_meeting_passed import ADVICE, _steps, _world
from tests.reminders.test_events import sweep

AHEAD = "2027-01-05T08:05"  # after the nämnd of torsdag 17 december 2026: the sweep flags it passed


def _flagged_ahead(session, runner, clock):
    [remiss], _ = _world(session, clock)
    clock.set(at(2026, 12, 5, 8))  # the real date: the AU (10 Dec) and the nämnd (17 Dec) are ahead
    sweep(session, runner, AHEAD)
    assert _steps(session, remiss.id)["namnd"].flag_reason == "sammantrade_passerat"  # what the run ahead wrote
    return remiss


def test_a_flag_written_by_a_sweep_ahead_is_not_shown_at_the_real_date(session, client, auth, runner, clock):
    """Old code: the API said flagged True, sammantrade_passerat, and the page "Nämnden beslutade inte …"."""
    remiss = _flagged_ahead(session, runner, clock)
    auth.login("r@oster.se")
    body = client.get(f"/api/v1/remisser/{remiss.id}").get_json()
    namnd = next(m for m in body["milestones"] if m["kind"] == "namnd")
    assert namnd["flag_reason"] != "sammantrade_passerat", namnd
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert ADVICE not in page and "passerade utan beslut" not in page
    assert "passerade utan beslut" not in client.get("/").get_data(as_text=True)
    steps = _steps(session, remiss.id)
    assert steps["namnd"].flag_reason != "sammantrade_passerat" and steps["namnd"].advice != ADVICE


def test_the_next_sweep_at_the_real_clock_takes_the_flag_back(session, runner, clock):
    """Old code: the sweep only ever set the flag; at 2026-12-05 it stayed."""
    remiss = _flagged_ahead(session, runner, clock)
    sweep(session, runner, "2026-12-05T08:06")
    namnd = _steps(session, remiss.id)["namnd"]
    assert (namnd.flagged, namnd.flag_reason, namnd.advice) != (True, "sammantrade_passerat", ADVICE)
    assert namnd.flag_reason != "sammantrade_passerat"


def test_a_flag_the_clock_has_passed_stays(session, runner, clock):
    """The rule is no blanket reset: a sweep after the meeting keeps the flag a sweep further ahead wrote."""
    remiss = _flagged_ahead(session, runner, clock)
    sweep(session, runner, "2026-12-18T07:30")
    assert _steps(session, remiss.id)["namnd"].flag_reason == "sammantrade_passerat"
