"""`make run`'s demo world: a new user's first screen shows one remiss late on purpose, the rest on time,
whatever day it is loaded."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from remiss.clock import STOCKHOLM, local_today
from remiss.demo.service import load_demo
from remiss.planning.models import Milestone, TidplanState
from remiss.remisser.models import Remiss


@pytest.mark.parametrize("now", [datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM),  # the day a tester found it all red
                                 datetime(2027, 6, 28, 9, 0, tzinfo=STOCKHOLM),  # before the summer break
                                 datetime(2027, 3, 25, 9, 0, tzinfo=STOCKHOLM)])  # just before påsk
def test_demo_has_one_late_remiss_on_purpose_and_the_rest_on_time(session, now):
    load_demo(session, now=now, password="demo-losenord-123")
    today = local_today(now)
    remisser = session.exec(select(Remiss)).all()
    late = {r.id for r in remisser for m in session.exec(select(Milestone).where(Milestone.remiss_id == r.id))
            if m.done_at is None and m.due_on < today}
    # a tidplan that cannot be met ("Förlängning behövs") is red on the first screen too
    late |= {s.remiss_id for s in session.exec(select(TidplanState).where(TidplanState.feasible.is_(False)))}
    assert len(remisser) == 5
    assert 1 <= len(late) <= 2, f"{len(late)} of {len(remisser)} demo remisser need attention on {today}"


def test_the_demo_notes_name_no_developer_path(session):
    """walk8 finding 17: the note said "Demoärende byggt på IOF-2010 i seeds/."."""
    load_demo(session, now=datetime(2026, 12, 4, 9, 0, tzinfo=STOCKHOLM), password="demo-losenord-123")
    notes = [r.notes for r in session.exec(select(Remiss)).all()]
    assert notes and all(n.startswith("Demoärende byggt på en verklig remiss (") for n in notes)
    assert not any("seeds" in n or "/" in n for n in notes)
