"""walk12b #8 on every way in: one instans written twice (told apart only by case or spaces) is one entry on the
sändlista, on "Ändra uppgifter" and through the API as on the new-remiss form (remiss.outgoing.repeated)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 4, 23, 40, tzinfo=timezone.utc)  # Saturday 5 December 2026, 00.40 in Stockholm


def _world(session, clock, auth):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2026, 12, 18),
                         deadline_time=None, sandlista=[SandlistaItem("Miljönämnden", "miljo@example.se", "")])
    session.commit()
    ids = namnd.id, remiss.id
    auth.login(user.email)
    session.rollback()  # end the test's read: SQLite has one writer
    return ids


def _names(session, rid):
    session.expire_all()
    names = [(e.name, e.email) for e in remisser.entries(session, rid)]
    session.rollback()
    return names


def test_the_edit_form_merges_an_instans_written_twice_and_says_so(session, client, auth, clock):
    _, rid = _world(session, clock, auth)
    url = f"/remisser/{rid}/andra"
    done = auth.post(url, {"sandlista": "Miljönämnden\nUngdomsrådet\nungdomsrådet\nKulturrådet\nmiljönämnden"},
                     form_url=url, follow_redirects=True)
    said = " ".join(unescape(done.get_data(as_text=True)).split())
    assert done.status_code == 200, said
    # Old code: Miljönämnden, Ungdomsrådet, ungdomsrådet, Kulturrådet (the repeated Miljönämnden was dropped).
    assert [n for n, _ in _names(session, rid)] == ["Miljönämnden", "Ungdomsrådet", "Kulturrådet"]
    assert ("Ändringarna är sparade. Ungdomsrådet och Miljönämnden stod flera gånger på sändlistan och finns nu "
            "där en gång.") in said


def test_the_api_merges_on_change_and_on_registration_and_refuses_two_addresses(session, client, auth, clock):
    namnd_id, rid = _world(session, clock, auth)
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    changed = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json={"sandlista": [
        {"name": "Miljönämnden"}, {"name": "Ungdomsrådet", "email": "ungdom@example.se"},
        {"name": "UNGDOMSRÅDET"}]})
    assert changed.status_code == 200, changed.get_json()
    assert [e["name"] for e in changed.get_json()["sandlista"]] == ["Miljönämnden", "Ungdomsrådet"]
    assert _names(session, rid) == [("Miljönämnden", "miljo@example.se"), ("Ungdomsrådet", "ungdom@example.se")]
    two = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json={"sandlista": [
        {"name": "Ungdomsrådet", "email": "ungdom@example.se"}, {"name": "ungdomsrådet", "email": "unga@example.se"}]})
    assert two.status_code == 400
    assert two.get_json()["errors"]["sandlista"] == (
        "Ungdomsrådet står flera gånger med olika e-postadresser (ungdom@example.se och unga@example.se). Skriv "
        "instansen en gång, med den adress som gäller.")
    assert _names(session, rid) == [("Miljönämnden", "miljo@example.se"), ("Ungdomsrådet", "ungdom@example.se")]
    made = client.post("/api/v1/remisser", headers=headers, json={
        "title": "Trafikplan 2027", "namnd_id": namnd_id, "direction": "utgaende", "deadline_on": "2026-12-18",
        "sandlista": [{"name": "Kommunal", "email": "kommunal@example.se"}, {"name": "kommunal"}]})
    assert made.status_code == 201, made.get_json()
    assert [e["name"] for e in made.get_json()["sandlista"]] == ["Kommunal"]
    session.expire_all()
    remiss = session.exec(select(Remiss).where(Remiss.title == "Trafikplan 2027")).one()
    assert [e.name for e in remisser.entries(session, remiss.id)] == ["Kommunal"]
