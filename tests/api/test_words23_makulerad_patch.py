"""words23 #5: a PATCH with "status" and other fields on a makulerad remiss was refused with the page's words
("… välj Registrerad under ”Ändra status för hand” på remissens sida."), although the body did ask for Registrerad.
The refusal stands – a PATCH is done whole or not at all, and nothing is changed in a makulerad remiss – and its
JSON says why, that the status was not saved either, how to undo the makulering first, and which fields."""
from __future__ import annotations

from datetime import date

from remiss.auth.access import Principal
from remiss.auth.service import create_api_token
from remiss.remisser import voided
from remiss.remisser.models import Remiss
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_remiss, make_user


def test_status_and_fields_on_a_makulerad_remiss_are_refused_saying_what_to_do(session, clock, client, db):
    clock.set(at(2026, 12, 6, 9))
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    reg = make_user(session, role="registrator", namnder=[namnd], email="reg@ks.se", name="Sara Sekreterare")
    remiss = make_remiss(session, namnd=namnd, title="Remiss om avfallsplan 2027", deadline_on=date(2027, 3, 1),
                         notes="Första anteckningen.", now=clock())
    voided.makulera(session, now=clock(), principal=Principal.of(session, reg), remiss=remiss, reason="Dubblett")
    token = create_api_token(session, now=clock(), user=reg, name="test")
    session.commit()
    url, headers = f"/api/v1/remisser/{remiss.id}", {"Authorization": f"Bearer {token}"}

    r = client.patch(url, json={"status": "registrerad", "title": "Avfallsplan", "notes": "Ny"}, headers=headers)
    body = r.get_json()
    assert r.status_code == 409, body
    assert body["error"] == (
        'Remissen är makulerad, så den ändras inte, och inget i anropet sparades – inte heller status. Fälten '
        '"notes" och "title" kan ändras först när makuleringen är ångrad: skicka {"status": "registrerad"} ensamt, '
        "och sedan fälten i ett nytt anrop."), body
    assert body["code"] == "makulerad" and body["fields"] == ["notes", "title"] and body["field"] == "notes"
    with db.transaction(write=False) as s:
        row = s.get(Remiss, remiss.id)
        assert (row.status, row.title, row.notes) == ("makulerad", "Remiss om avfallsplan 2027", "Första anteckningen.")

    # as it says: the status alone, then the field
    assert client.patch(url, json={"status": "registrerad"}, headers=headers).status_code == 200
    r = client.patch(url, json={"title": "Avfallsplan"}, headers=headers)
    assert r.status_code == 200 and r.get_json()["title"] == "Avfallsplan"
