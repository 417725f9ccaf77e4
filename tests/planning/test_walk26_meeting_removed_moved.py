"""walk26 W3, W4: removing a sammanträde asked nothing about the remisser planned on it and said nothing of them
afterwards; moving one kept its "Sista dag för handlingar" where it was (a month before the moved meeting). The
question now names the remisser planned on it, the Klart message names those that lost their meeting and what their
tidplan says now, and a moved meeting's handlingar deadline moves as far unless the form changed it."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from remiss.auth.models import Role
from remiss.namnd.models import Meeting
from tests.planning.helpers import add_meetings, at, fetch
from tests.support.asking import form_at, visible_text
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(db, session, clock):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    add_meetings(session, namnd, [("namnd", at(2026, 12, 17, 17, 30), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    clock.set(at(2026, 11, 23))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Lokala föreskrifter om avfallshantering",
                         deadline_on=date(2027, 1, 15), deadline_time=None)
    session.commit()
    [meeting] = fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id))
    return namnd, remiss, meeting


def test_removing_a_meeting_names_the_remisser_planned_on_it(db, client, auth, session, clock):
    namnd, remiss, meeting = _world(db, session, clock)
    plan = f"/namnder/{namnd.id}/sammantraden"
    auth.login("mia@kommun.se")
    form = form_at(client.get(plan).get_data(as_text=True), f'/{meeting.id}/ta-bort"')
    # Old code: "Ta bort sammanträdet torsdag 17 december 2026 kl. 17.30? Nämndens tidplaner räknas om utan det. …"
    assert (f"Ta bort sammanträdet torsdag 17 december 2026 kl. 17.30? 1 remiss är planerad på det ({remiss.our_dnr}). "
            "Nämndens tidplaner räknas om utan det.") in form, form
    done = auth.post(f"{plan}/{meeting.id}/ta-bort", {"confirm_delete": "1"}, form_url=plan, follow_redirects=True)
    # Old code: "Sammanträdet är borttaget." and not a word of the remiss
    assert (f"Klart: Sammanträdet torsdag 17 december 2026 kl. 17.30 är borttaget. 1 remiss förlorade sitt "
            f"sammanträde och har fått en ny tidplan: {remiss.our_dnr} (inget sammanträde hinner före sista "
            "svarsdag).") in visible_text(done.get_data(as_text=True))


def test_a_moved_meeting_moves_its_handlingar_deadline_unless_the_form_changed_it(db, client, auth, session, clock):
    namnd, remiss, meeting = _world(db, session, clock)
    meeting.handlingar_deadline = date(2026, 12, 7)
    session.add(meeting)
    session.commit()
    plan = f"/namnder/{namnd.id}/sammantraden"
    auth.login("mia@kommun.se")
    moved = auth.post(plan, {"meeting_id": str(meeting.id), "kind": "namnd", "day": "2027-01-07", "time": "17.30",
                             "handlingar_deadline": "2026-12-07"}, form_url=plan, follow_redirects=True)
    # Old code: kept måndag 7 december 2026, a month before the meeting
    [row] = fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id))
    assert row.handlingar_deadline == date(2026, 12, 28)  # 21 days later, as the meeting
    assert ("Information: Sista dag för handlingar flyttades med sammanträdet, från måndag 7 december 2026 till "
            "måndag 28 december 2026.") in visible_text(moved.get_data(as_text=True))
    # typed in the same form: kept as typed, nothing said
    typed = auth.post(plan, {"meeting_id": str(meeting.id), "kind": "namnd", "day": "2027-01-14", "time": "17.30",
                             "handlingar_deadline": "2027-01-04"}, form_url=plan, follow_redirects=True)
    [row] = fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id))
    assert row.handlingar_deadline == date(2027, 1, 4)
    assert "flyttades med sammanträdet" not in visible_text(typed.get_data(as_text=True))
    # moved earlier than its old handlingar day: the day moves too, rather than "måste vara före sammanträdet"
    earlier = auth.post(plan, {"meeting_id": str(meeting.id), "kind": "namnd", "day": "2026-12-10", "time": "17.30",
                               "handlingar_deadline": "2027-01-04"}, form_url=plan)
    assert earlier.status_code == 302, visible_text(earlier.get_data(as_text=True))
    [row] = fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id))
    assert row.handlingar_deadline == date(2026, 11, 30)  # 35 days earlier, as the meeting
