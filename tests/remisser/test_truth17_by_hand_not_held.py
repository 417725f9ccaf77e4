"""truth17 F4: a status set by hand ticked the sammanträden off "Klar – status ändrad för hand 3 maj 2027.", and the
API gave them held_on = that day (a Saturday in the finding): no meeting was held then. held_on stays null unless the
sammanträde was held. Sammanträden still ahead when the status was set are not shown done at all (walk19 G1): the
remiss set to Besvarad by hand closes them as not held ("cancelled")."""
from __future__ import annotations

from datetime import date, datetime, timezone

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.namnd.models import Meeting
from remiss.remisser import by_hand, service
from tests.support.factories import make_namnd, make_remiss, make_user

SYSTEM = Principal.system()
LATER = datetime(2027, 3, 6, 9, 0, tzinfo=timezone.utc)  # a Saturday


def test_a_status_set_by_hand_holds_no_meeting(session, client, auth):
    namnd = make_namnd(session)
    for kind, day in (("au", 11), ("namnd", 18)):
        session.add(Meeting(namnd_id=namnd.id, kind=kind, starts_at=datetime(2027, 3, day, 16, tzinfo=timezone.utc)))
    handlaggare = make_user(session, role=Role.handlaggare, namnder=[namnd], email="h@malmo.se")
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 4, 30))
    service.assign(session, now=datetime(2027, 2, 1, 10, tzinfo=timezone.utc), principal=SYSTEM, remiss=remiss,
                   handlaggare_id=handlaggare.id)
    for status in ("under_beredning", "klar_for_beslut", "beslutad", "besvarad"):
        by_hand.change_status_by_hand(session, now=LATER, principal=SYSTEM, remiss=remiss, new=status)
    make_user(session, role=Role.admin, email="admin@malmo.se")
    session.commit()
    auth.login("admin@malmo.se")
    steps = {m["kind"]: m for m in client.get(f"/api/v1/remisser/{remiss.id}").get_json()["milestones"]}
    for kind in ("arbetsutskott", "namnd", "justering"):
        assert steps[kind]["status"] == "cancelled", steps[kind]
        assert steps[kind]["explanation"].startswith(
            "Har inte ägt rum: status ändrad till Besvarad för hand 6 mars 2027, före "), steps[kind]
        assert steps[kind]["held_on"] is None, steps[kind]
