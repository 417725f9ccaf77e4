"""walk21 J14: without JavaScript "Ta bort" on the sammanträdesplan removed the meeting at once (and re-planned the
nämnd's tidplaner); the question was only in the dialog. A post without the dialog's yes now removes nothing: the
plan asks in that meeting's row with the box "Ja, ta bort sammanträdet" (remiss/web/asking.py), as "Observera",
not "Fel"; the other rows keep their dialog."""
from __future__ import annotations

from sqlmodel import select

from remiss.auth.models import Role
from remiss.namnd.models import Meeting
from tests.planning.helpers import add_meetings, at, fetch
from tests.support.factories import make_namnd, make_user
from tests.support.asking import assert_asked_beside, form_at, visible_text

QUESTION = ("Ta bort sammanträdet torsdag 25 februari 2027 kl. 17.00? Nämndens tidplaner räknas om utan det. Det går "
            "inte att ångra.")


def _form(page: str, meeting_id: int) -> str:
    return form_at(page, f'/{meeting_id}/ta-bort"')


def test_removing_a_meeting_without_the_dialogs_yes_asks_in_its_row(db, client, auth, session, clock):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 1, 28, 17), ""), ("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    clock.set(at(2026, 12, 4))
    session.commit()
    first, meeting = [m.id for m in fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id)
                                          .order_by(Meeting.starts_at))]
    plan = f"/namnder/{namnd.id}/sammantraden"
    auth.login("mia@kommun.se")
    form = _form(client.get(plan).get_data(as_text=True), meeting)
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_delete"' in form, form

    refused = auth.post(f"{plan}/{meeting}/ta-bort", {}, form_url=plan)
    assert refused.headers["Location"].endswith(f"?ta-bort-{meeting}=fraga#ta-bort-{meeting}")
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    # Old code: "Sammanträdet är borttaget." with no question
    assert ("Observera: Sammanträdet torsdag 25 februari 2027 kl. 17.00 är inte borttaget. Läs frågan vid knappen och "
            "kryssa i ”Ja, ta bort sammanträdet” om det ska tas bort.") in visible_text(asked)
    form = _form(asked, meeting)
    assert_asked_beside(form, "confirm_delete", QUESTION, "Ja, ta bort sammanträdet")
    assert "data-confirm" in _form(asked, first) and "Fel:" not in visible_text(asked)
    assert len(fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id))) == 2

    done = auth.post(f"{plan}/{meeting}/ta-bort", {"confirm_delete": "1"}, form_url=refused.headers["Location"],
                     follow_redirects=True)
    assert "Sammanträdet torsdag 25 februari 2027 kl. 17.00 är borttaget." in visible_text(done.get_data(as_text=True))
    assert [m.id for m in fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id))] == [first]
