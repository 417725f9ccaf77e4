"""walk26b X14, X12: moving a sammanträde re-planned only the remisser planned on it, so another remiss's advice
("Begär förlängd remisstid till minst …, så att nämnden kan besluta vid sammanträdet torsdag 17 december 2026") kept
naming a meeting that was no longer there; and the Klart after a move did not name the remisser that lost their
meeting by it, as the Klart after a removal does."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from remiss.auth.models import Role
from remiss.namnd.models import Meeting
from remiss.planning.extension_needed import proposal
from tests.planning.helpers import add_meetings, at, fetch
from tests.support.asking import visible_text
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(db, session, clock, deadline_on):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    add_meetings(session, namnd, [("namnd", at(2026, 12, 17, 17, 30), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    clock.set(at(2026, 11, 23))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Lokala föreskrifter om avfallshantering",
                         deadline_on=deadline_on, deadline_time=None)
    session.commit()
    [meeting] = fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id))
    return namnd, remiss, meeting


def _proposal(db, remiss_id):
    with db.transaction(write=False) as s:
        return proposal(s, remiss_id, date(2026, 11, 23))


def _move(auth, namnd, meeting, day, **more):
    plan = f"/namnder/{namnd.id}/sammantraden"
    return auth.post(plan, {"meeting_id": str(meeting.id), "kind": "namnd", "day": day, "time": "17.30", **more},
                     form_url=plan, follow_redirects=True)


def test_moving_a_meeting_renews_the_advice_of_a_remiss_without_one(db, client, auth, session, clock):
    # sista svarsdag 10 december: no meeting before it, the advice asks for time to the 17 december meeting
    namnd, remiss, meeting = _world(db, session, clock, date(2026, 12, 10))
    auth.login("mia@kommun.se")
    before = _proposal(db, remiss.id)
    assert "vid sammanträdet torsdag 17 december 2026" in before, before
    moved = _move(auth, namnd, meeting, "2027-01-14")
    assert "Sammanträdet är sparat" in visible_text(moved.get_data(as_text=True))
    after = _proposal(db, remiss.id)
    # Old code: still "… vid sammanträdet torsdag 17 december 2026", a meeting that is no longer there
    assert "17 december" not in after and "vid sammanträdet torsdag 14 januari 2027" in after, after
    page = visible_text(client.get(f"/remisser/{remiss.id}").get_data(as_text=True))
    assert "vid sammanträdet torsdag 14 januari 2027" in page and "sammanträdet torsdag 17 december" not in page


def test_moving_a_meeting_past_the_svarsdag_names_the_remisser_that_lost_it(db, client, auth, session, clock):
    namnd, remiss, meeting = _world(db, session, clock, date(2027, 1, 15))
    auth.login("mia@kommun.se")
    # moved within its time: it keeps its meeting, nothing is said of it
    kept = _move(auth, namnd, meeting, "2027-01-07")
    assert "förlorade sitt sammanträde" not in visible_text(kept.get_data(as_text=True))
    # session 27: a move that takes a remiss's meeting is asked first, as Ta bort is; nothing is saved before the yes
    asked = _move(auth, namnd, meeting, "2027-01-21")
    said = visible_text(asked.get_data(as_text=True))
    assert ("Flytta sammanträdet torsdag 7 januari 2027 kl. 17.30 till torsdag 21 januari 2027 kl. 17.30? 1 remiss "
            f"förlorar då sitt sammanträde och får en ny tidplan: {remiss.our_dnr} (inget sammanträde hinner före "
            "sista svarsdag). Tidplanerna räknas om.") in said, said
    assert "Observera: Sammanträdet torsdag 7 januari 2027 kl. 17.30 är inte flyttat." in said
    assert 'value="2027-01-21"' in asked.get_data(as_text=True)  # the form as typed
    assert "Klart" not in said
    with db.transaction(write=False) as s:
        assert s.get(Meeting, meeting.id).starts_at.day == 7  # not moved
    moved = _move(auth, namnd, meeting, "2027-01-21", confirm_move="1")
    # Old code: "Klart: Sammanträdet är sparat och tidplanerna är beräknade på nytt." and not a word of the remiss
    assert ("Klart: Sammanträdet är sparat och tidplanerna är beräknade på nytt. 1 remiss förlorade sitt sammanträde "
            f"och har fått en ny tidplan: {remiss.our_dnr} (inget sammanträde hinner före sista svarsdag).") \
        in visible_text(moved.get_data(as_text=True))
