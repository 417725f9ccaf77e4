"""walk22 L8: a makulerad remiss still took a new handläggare and edits (the page's Byt handläggare and Ändra
uppgifter, the API's PATCH: 200), while the yttrande's steps refused with 409 "… så inget görs i den. Var det fel att
makulera den: ångra makuleringen på remissens sida." – and no control is called "ångra makuleringen". One rule now
(remisser.finished.require_not_voided, in remisser.service.update): Tilldela, Ändra uppgifter and PATCH on a
makulerad remiss are refused with the same words, which name the real control, and the page offers neither button.
Choosing Registrerad under "Ändra status för hand" (or PATCH "status") still undoes the makulering."""
from __future__ import annotations

from datetime import date

import pytest

from remiss.auth.service import create_api_token
from remiss.remisser import voided
from remiss.remisser.models import Remiss
from remiss.auth.access import Principal
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


SAID = ("Remissen är makulerad (registrerad av misstag), så inget görs i den. Var det fel att makulera den: välj "
        "Registrerad under ”Ändra status för hand” på remissens sida.")


@pytest.fixture
def world(session, clock):
    clock.set(at(2026, 12, 6, 9))
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    reg = make_user(session, role="registrator", namnder=[namnd], email="reg@ks.se", name="Sara Sekreterare")
    hl = make_user(session, role="handlaggare", namnder=[namnd], email="hl@ks.se", name="Jesper Lindkvist")
    remiss = make_remiss(session, namnd=namnd, title="Remiss om avfallsplan 2027", deadline_on=date(2027, 3, 1),
                         notes="Första anteckningen.", now=clock())
    voided.makulera(session, now=clock(), principal=Principal.of(session, reg), remiss=remiss, reason="Dubblett")
    token = create_api_token(session, now=clock(), user=reg, name="test")
    session.commit()
    return remiss.id, hl.id, token


def _remiss(db, remiss_id):
    with db.transaction(write=False) as s:
        row = s.get(Remiss, remiss_id)
        return row.status, row.handlaggare_id, row.notes


def test_the_page_offers_no_edit_and_no_handlaggare_and_says_why(world, auth, client):
    remiss_id, _, _ = world
    auth.login("reg@ks.se")
    page = visible_text(client.get(f"/remisser/{remiss_id}").get_data(as_text=True))
    assert SAID in page
    assert "Ändra uppgifter" not in page and "Tilldela handläggare" not in page and "Byt handläggare" not in page
    assert "Ändra status för hand" in page  # the way back is there
    assert "Ladda upp" not in page  # no handlingar either


def test_an_upload_is_refused_with_the_same_words_and_nothing_is_stored(world, auth, client, db):
    """An upload from a tab opened before the makulering: the same refusal, no file kept."""
    import io

    from sqlmodel import select

    from remiss.remisser.models import Attachment

    remiss_id, _, _ = world
    url = f"/remisser/{remiss_id}"
    auth.login("reg@ks.se")
    sent = auth.post(f"{url}/filer", {"files": (io.BytesIO(b"%PDF-1.4\n%x\n"), "plan.pdf")}, form_url=url,
                     follow_redirects=True, content_type="multipart/form-data")
    assert SAID in visible_text(sent.get_data(as_text=True)) and "Filen är sparad" not in sent.get_data(as_text=True)
    with db.transaction(write=False) as s:
        assert list(s.exec(select(Attachment).where(Attachment.remiss_id == remiss_id))) == []


def test_tilldela_and_andra_uppgifter_are_refused_with_the_same_words(world, auth, client, db):
    remiss_id, hl_id, _ = world
    url = f"/remisser/{remiss_id}"
    auth.login("reg@ks.se")
    assigned = auth.post(f"{url}/tilldela", {"handlaggare_id": str(hl_id)}, form_url=url, follow_redirects=True)
    assert SAID in visible_text(assigned.get_data(as_text=True)) and "Handläggaren är tilldelad" not in assigned.get_data(
        as_text=True)
    opened = client.get(f"{url}/andra", follow_redirects=True)  # from the address bar: the page and why
    assert SAID in visible_text(opened.get_data(as_text=True))
    # from a tab opened before the makulering: refused, what was typed kept
    edited = auth.post(f"{url}/andra", {"title": "Remiss om avfallsplan 2027", "namnd_id": "1",
                                        "notes": "Ny anteckning från en gammal flik.", "no_deadline": "1",
                                        "deadline_on": ""}, form_url=url)
    body = edited.get_data(as_text=True)
    assert edited.status_code == 409 and SAID in visible_text(body) and "Ny anteckning från en gammal flik." in body
    assert _remiss(db, remiss_id) == ("makulerad", None, "Första anteckningen.")


def test_the_api_refuses_patch_with_the_same_words_and_undoing_still_works(world, client, db):
    remiss_id, hl_id, token = world
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/remisser/{remiss_id}"
    for body in ({"handlaggare_id": hl_id}, {"notes": "Ändrad"}):
        r = client.patch(url, json=body, headers=headers)
        assert r.status_code == 409 and r.get_json()["error"] == SAID
    decided = client.post(f"{url}/yttrande/beslut", json={}, headers=headers)  # the yttrande's steps say the same
    assert decided.status_code == 409 and decided.get_json()["error"] == SAID
    assert _remiss(db, remiss_id) == ("makulerad", None, "Första anteckningen.")
    undone = client.patch(url, json={"status": "registrerad"}, headers=headers)
    assert undone.status_code == 200 and undone.get_json()["status"] == "registrerad"
    assert client.patch(url, json={"handlaggare_id": hl_id}, headers=headers).status_code == 200
    assert _remiss(db, remiss_id)[:2] == ("tilldelad", hl_id)


def test_status_and_fields_on_a_makulerad_remiss_are_refused_saying_what_to_do(world, client, db):
    """words23 #5: a PATCH with "status" and other fields was refused with the page's words ("… välj Registrerad under
    ”Ändra status för hand” på remissens sida."), although the body did ask for Registrerad. The refusal stands – a
    PATCH is done whole or not at all – and its JSON says why, that the status was not saved either, how to undo the
    makulering first, and which fields."""
    remiss_id, _, token = world
    url, headers = f"/api/v1/remisser/{remiss_id}", {"Authorization": f"Bearer {token}"}

    r = client.patch(url, json={"status": "registrerad", "title": "Avfallsplan", "notes": "Ny"}, headers=headers)
    body = r.get_json()
    assert r.status_code == 409, body
    assert body["error"] == (
        'Remissen är makulerad, så den ändras inte, och inget i anropet sparades – inte heller status. Fälten '
        '"notes" och "title" kan ändras först när makuleringen är ångrad: skicka {"status": "registrerad"} ensamt, '
        "och sedan fälten i ett nytt anrop."), body
    assert body["code"] == "makulerad" and body["fields"] == ["notes", "title"] and body["field"] == "notes"
    with db.transaction(write=False) as s:
        row = s.get(Remiss, remiss_id)
        assert (row.status, row.title, row.notes) == ("makulerad", "Remiss om avfallsplan 2027", "Första anteckningen.")

    # as it says: the status alone, then the field
    assert client.patch(url, json={"status": "registrerad"}, headers=headers).status_code == 200
    r = client.patch(url, json={"title": "Avfallsplan"}, headers=headers)
    assert r.status_code == 200 and r.get_json()["title"] == "Avfallsplan"
