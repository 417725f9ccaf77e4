"""truth16 F27: editing one future sammanträde re-planned every open remiss of the nämnd, and the planner, which
knows only the meetings still to come, erased the meetings they had missed ("Beslut (inget sammanträde)",
lateness shrank); "Beräkna tidplanen på nytt" did the same. Now only a remiss whose tidplan uses the changed meeting
(or has an added one in its time left) is re-planned, and a passed sammanträde stays missed."""
from __future__ import annotations

from datetime import date, time

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.models import Role
from remiss.namnd.models import Meeting
from tests.planning.helpers import add_meetings, at, fetch, milestones
from tests.support.factories import make_namnd, make_remiss, make_user

MISSED = "sammantrade_passerat"


def _world(session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("au", at(2026, 12, 10, 8, 30), ""), ("namnd", at(2026, 12, 17, 17), ""),
                                  ("au", at(2027, 7, 15, 8, 30), ""), ("namnd", at(2027, 7, 22, 17), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2026, 11, 20))
    overdue = make_remiss(session, namnd=namnd, now=clock(), title="Havsplaner", deadline_on=date(2026, 12, 30),
                          deadline_time=time(12, 0))
    session.commit()
    return namnd, overdue.id


def _history(db, remiss_id):
    return [e.note for e in fetch(db, select(AuditEvent).where(AuditEvent.remiss_id == remiss_id,
                                                                AuditEvent.action == "milestone"))]


def test_editing_a_future_meeting_leaves_a_missed_meeting_missed(db, client, auth, session, clock):
    namnd, overdue = _world(session, clock)
    before = milestones(db, overdue)
    assert before["namnd"].due_on == date(2026, 12, 17)
    clock.set(at(2027, 6, 25, 9))
    fresh = make_remiss(session, namnd=namnd, now=clock(), title="Cykelvägar", deadline_on=date(2027, 7, 30),
                        deadline_time=None)
    session.commit()
    fresh_id = fresh.id
    assert milestones(db, fresh_id)["namnd"].due_on == date(2027, 7, 22)
    auth.login("sekr@oster.se")
    page = client.get(f"/remisser/{overdue}").get_data(as_text=True)  # the day's first request flags the missed
    assert "Nämnden beslutade inte vid sammanträdet torsdag 17 december 2026" in page
    meeting = fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id).order_by(Meeting.starts_at))[-1]
    r = auth.post(f"/namnder/{namnd.id}/sammantraden",
                  {"meeting_id": str(meeting.id), "kind": "namnd", "day": "2027-07-20", "time": "17.00"},
                  form_url=f"/namnder/{namnd.id}/sammantraden")
    assert r.status_code == 302
    after = milestones(db, overdue)
    assert {k: m.due_on for k, m in after.items()} == {k: m.due_on for k, m in before.items()}
    assert after["namnd"].flag_reason == MISSED and after["arbetsutskott"].due_on == date(2026, 12, 10)
    assert not any("flyttades" in note for note in _history(db, overdue))
    page = client.get(f"/remisser/{overdue}").get_data(as_text=True)
    assert "Nämnden beslutade inte vid sammanträdet torsdag 17 december 2026" in page
    assert "Beslut (inget sammanträde)" not in page
    # the remiss planned on the moved meeting follows it
    assert milestones(db, fresh_id)["namnd"].due_on == date(2027, 7, 20)


def test_recomputing_keeps_a_missed_meeting_and_its_lateness(db, client, auth, session, clock):
    namnd, _ = _world(session, clock)
    clock.set(at(2027, 6, 25, 9))
    fresh = make_remiss(session, namnd=namnd, now=clock(), title="Cykelvägar", deadline_on=date(2027, 7, 30),
                        deadline_time=None)
    session.commit()
    rid = fresh.id
    before = milestones(db, rid)
    assert before["namnd"].due_on == date(2027, 7, 22)
    clock.set(at(2027, 7, 23, 10))
    auth.login("sekr@oster.se")
    client.get(f"/remisser/{rid}")
    assert milestones(db, rid)["namnd"].flag_reason == MISSED
    r = auth.post(f"/remisser/{rid}/tidplan/berakna", {}, form_url=f"/remisser/{rid}")
    assert r.status_code == 302
    after = milestones(db, rid)
    assert {k: m.due_on for k, m in after.items()} == {k: m.due_on for k, m in before.items()}
    assert after["namnd"].flag_reason == MISSED
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Nämnden beslutade inte vid sammanträdet torsdag 22 juli 2027" in page
    assert "Beslut (inget sammanträde)" not in page
