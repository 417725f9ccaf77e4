"""walk11 finding 11: when a meeting is moved and the tidplaner are re-computed, the remiss's history says why
("Sammanträdet … flyttades till …"), and the handläggare is told by mail (the outbox's notices) when his dates
move earlier."""
from __future__ import annotations

import json
from datetime import date, time

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.models import Role
from remiss.namnd.models import Meeting
from remiss.reminders.models import OutboxMessage
from tests.planning.helpers import add_meetings, at, fetch, milestones
from tests.support.factories import make_namnd, make_remiss, make_user


def _remiss_before_two_meetings(db, session, clock, **remiss):
    """Miljönämnden meets 28 January and 25 February 2027; Mia registers, Hugo handles a remiss made 4 December 2026.
    Return the nämnd, the remiss and the later meeting."""
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 1, 28, 17), ""), ("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    hugo = make_user(session, role=Role.handlaggare, namnder=[namnd], email="hugo@kommun.se", name="Hugo")
    clock.set(at(2026, 12, 4))
    remiss = make_remiss(session, namnd=namnd, now=clock(), handlaggare_id=hugo.id, **remiss)
    session.commit()
    meeting = fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id).order_by(Meeting.starts_at))[-1]
    return namnd, remiss, meeting


def test_a_moved_meeting_says_why_in_the_history_and_tells_the_handlaggare(db, client, auth, session, clock):
    namnd, remiss, meeting = _remiss_before_two_meetings(db, session, clock, title="Miljöprogram",
                                                         deadline_on=date(2027, 3, 1), deadline_time=time(12, 0))
    before = milestones(db, remiss.id)
    assert before["namnd"].due_on == date(2027, 2, 25)
    sent_before = len(fetch(db, select(OutboxMessage).where(OutboxMessage.kind == "moved_earlier")))

    auth.login("mia@kommun.se")
    moved = auth.post(f"/namnder/{namnd.id}/sammantraden",
                      {"meeting_id": str(meeting.id), "kind": "namnd", "day": "2027-03-01", "time": "17.00",
                       "confirm_move": "1"},  # it takes the remiss's meeting: asked first (session 27)
                      form_url=f"/namnder/{namnd.id}/sammantraden")
    assert moved.status_code == 302
    after = milestones(db, remiss.id)
    assert after["namnd"].due_on == date(2027, 1, 28)

    notes = [e.note for e in fetch(db, select(AuditEvent).where(AuditEvent.remiss_id == remiss.id,
                                                                 AuditEvent.action == "milestone"))]
    why = ("Sammanträdet torsdag 25 februari 2027 flyttades till måndag 1 mars 2027 (hinner inte före sista "
           "svarsdag måndag 1 mars 2027 kl. 12.00)")
    assert why in notes
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "flyttades till måndag 1 mars 2027" in page

    mails = fetch(db, select(OutboxMessage).where(OutboxMessage.kind == "moved_earlier"))
    assert len(mails) == sent_before + 1 and mails[-1].recipient_email == "hugo@kommun.se"
    lines = json.loads(mails[-1].payload)["lines"]
    assert lines[0] == why + "."
    assert "Nämndsammanträde: torsdag 25 februari 2027 → torsdag 28 januari 2027." in lines


def test_a_meeting_moved_later_tells_no_one(db, auth, session, clock):
    namnd, remiss, meeting = _remiss_before_two_meetings(db, session, clock, deadline_on=date(2027, 4, 30),
                                                         deadline_time=None)
    auth.login("mia@kommun.se")
    assert auth.post(f"/namnder/{namnd.id}/sammantraden",
                     {"meeting_id": str(meeting.id), "kind": "namnd", "day": "2027-03-04", "time": "17.00"},
                     form_url=f"/namnder/{namnd.id}/sammantraden").status_code == 302
    assert milestones(db, remiss.id)["namnd"].due_on == date(2027, 3, 4)
    assert fetch(db, select(OutboxMessage).where(OutboxMessage.kind == "moved_earlier")) == []
    notes = [e.note for e in fetch(db, select(AuditEvent).where(AuditEvent.remiss_id == remiss.id))]
    assert "Sammanträdet torsdag 25 februari 2027 flyttades till torsdag 4 mars 2027" in notes


def test_a_removed_meeting_says_so_in_the_history(db, auth, session, clock):
    namnd, remiss, meeting = _remiss_before_two_meetings(db, session, clock, deadline_on=date(2027, 3, 1),
                                                         deadline_time=None)
    auth.login("mia@kommun.se")
    assert auth.post(f"/namnder/{namnd.id}/sammantraden/{meeting.id}/ta-bort", {"confirm_delete": "1"},
                     form_url=f"/namnder/{namnd.id}/sammantraden").status_code == 302
    assert milestones(db, remiss.id)["namnd"].due_on == date(2027, 1, 28)
    notes = [e.note for e in fetch(db, select(AuditEvent).where(AuditEvent.remiss_id == remiss.id))]
    assert "Sammanträdet torsdag 25 februari 2027 togs bort ur sammanträdesplanen" in notes
    mail = fetch(db, select(OutboxMessage).where(OutboxMessage.kind == "moved_earlier"))
    assert [m.recipient_email for m in mail] == ["hugo@kommun.se"]
