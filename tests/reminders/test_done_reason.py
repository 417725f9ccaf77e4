"""walk33: reminders of a milestone that was done (the tjänsteskrivelse sent to granskning, the yttrande
expedierat) were stopped in the Utkorg with "Tidplanen har ändrats; påminnelsen gäller inte längre.": the
tidplan had not changed, the step was done. They now say so; a reminder whose date moved still says MOVED."""
from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from remiss.planning.models import Milestone
from remiss.reminders.models import OutboxMessage
from remiss.reminders.schedule import MOVED, sync_remiss

DONE = "Milstolpen är klar; påminnelsen behövs inte längre."
from tests.reminders.conftest import set_milestones


def _stopped(session) -> dict[str, set[str]]:
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.status == "cancelled")).all()
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row.key.split(":")[2], set()).add(row.last_error)
    return found


def test_a_done_milestone_s_reminders_stop_as_done_and_a_moved_one_s_as_moved(world, session, clock):
    set_milestones(session, world.remiss, [("tjansteskrivelse", date(2026, 12, 14), "handlaggare"),
                                           ("granskning", date(2026, 12, 17), "granskare")])
    sync_remiss(session, now=clock.now, remiss=world.remiss)
    assert session.exec(select(OutboxMessage).where(OutboxMessage.status == "pending")).all()
    milestones = {m.kind: m for m in session.exec(select(Milestone).where(Milestone.remiss_id == world.remiss.id))}
    milestones["tjansteskrivelse"].done_at = clock.now
    milestones["granskning"].due_on = date(2026, 12, 23)
    session.add_all(milestones.values())
    session.flush()
    sync_remiss(session, now=clock.now + timedelta(minutes=1), remiss=world.remiss)
    stopped = _stopped(session)
    # Old code: {"tjansteskrivelse": {MOVED}, …}
    assert stopped["tjansteskrivelse"] == {DONE}
    assert stopped["granskning"] == {MOVED}
