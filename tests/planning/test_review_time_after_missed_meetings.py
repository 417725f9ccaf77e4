"""F24: a late draft reaching granskning after the meetings it was planned for have passed gives the granskare the
nämnd's granskning time from that day, not the passed AU's date (which made her "25 arbetsdagar försenad" with an
escalation ten minutes after the draft arrived). The remiss's own lateness (meetings missed) stays its own."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from remiss.planning.service import milestones
from remiss.reminders import policy
from remiss.reminders.models import OutboxMessage
from tests.planning.helpers import at, due, seed_003_world
from remiss.auth.models import Role
from tests.support.factories import make_remiss, make_user


def _remiss(session):
    namnd, users = seed_003_world(session)
    make_user(session, role=Role.granskare, namnder=[namnd], email="granskare@oster.se")
    remiss = make_remiss(session, namnd=namnd, now=at(2015, 8, 20), deadline_on=date(2015, 10, 1),
                         deadline_time=None)
    session.flush()
    return remiss


def test_review_after_the_passed_meetings_is_dated_from_arrival(session):
    remiss = _remiss(session)
    planned = due(session, remiss.id)
    assert planned["arbetsutskott"] == date(2015, 9, 10) and planned["granskning"] < date(2015, 9, 10)
    # Tuesday 29 September: AU 10 September and nämnd 24 September have passed; the draft reaches granskning
    milestones.complete(session, now=at(2015, 9, 29, 11), remiss=remiss, kinds=("tjansteskrivelse",),
                        note="yttrandet skickat till granskning")
    rows = {m.kind: m for m in milestones.milestones_of(session, remiss.id)}
    assert rows["granskning"].due_on == date(2015, 10, 2)  # three working days from Tuesday 29 September
    assert rows["granskning"].explanation == ("3 arbetsdagar efter att yttrandet kom till granskning "
                                              "tisdag 29 september 2015.")
    # and no overdue mail or escalation about the granskning is due the day the draft arrived
    session.flush()
    late = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                    OutboxMessage.kind.in_([policy.OVERDUE, policy.ESCALATION]),
                                                    OutboxMessage.key.like("%:granskning:%"),
                                                    OutboxMessage.status == "pending")).all()
    assert [r for r in late if r.due_at <= at(2015, 9, 30, 23)] == []


def test_review_before_the_meeting_still_ends_at_it(session):
    remiss = _remiss(session)
    # Tuesday 8 September, two days before the AU of 10 September: the granskning must still be done by then
    milestones.complete(session, now=at(2015, 9, 8, 11), remiss=remiss, kinds=("tjansteskrivelse",),
                        note="yttrandet skickat till granskning")
    rows = {m.kind: m for m in milestones.milestones_of(session, remiss.id)}
    assert rows["granskning"].due_on == date(2015, 9, 10)
    assert rows["granskning"].explanation.endswith("senast till sammanträdet torsdag 10 september 2015.")
