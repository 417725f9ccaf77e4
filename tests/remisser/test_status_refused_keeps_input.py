"""Session 27: a refused "Ändra status för hand" (the role may not make the move, the remiss moved on since the page
was opened, a value not in the list) answered with a flash and a redirect, and the comment typed was lost. Now the
page again, the reason at the Ny status field, the comment in its box; nothing changed."""
from __future__ import annotations

import html
from datetime import date

import pytest

from remiss.remisser.models import Remiss
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


NOTE = "Yttrandet är klart, se bilagan."


@pytest.fixture
def world(session, clock):
    clock.set(at(2026, 12, 4, 9))
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    add_meetings(session, namnd, [("namnd", at(2027, 2, 25, 17), "")])
    make_user(session, role="registrator", namnder=[namnd], email="mia@miljo.se", name="Mia Miljö")
    hans = make_user(session, role="handlaggare", namnder=[namnd], email="hans@miljo.se", name="Hans Hansson")
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 3, 1), now=clock(), handlaggare_id=hans.id)
    remiss.status = "under_beredning"  # Hans is writing the yttrande
    session.commit()
    return remiss.id


def _status(db, rid):
    with db.transaction(write=False) as s:
        return s.get(Remiss, rid).status


def _refused(response, message: str):
    page = response.get_data(as_text=True)
    assert "Location" not in response.headers
    said = visible_text(page)
    assert "Status ändrades inte" in said and message in said, said[:3000]
    assert f'name="note" maxlength="500" value="{NOTE}"' in html.unescape(page)
    assert 'id="status-form" open' in page
    return said


def test_a_move_the_role_may_not_make_keeps_the_comment(world, auth, db):
    url = f"/remisser/{world}"
    auth.login("hans@miljo.se")
    response = auth.post(f"{url}/status", {"status": "klar_for_beslut", "note": NOTE}, form_url=url)
    assert response.status_code == 403
    _refused(response, "Med rollen Handläggare kan du inte flytta remissen till ”Klar för beslut”")
    assert _status(db, world) == "under_beredning"


def test_a_form_opened_before_the_remiss_moved_on_keeps_the_comment(world, auth, db, client):
    url = f"/remisser/{world}"
    auth.login("mia@miljo.se")
    form_page = client.get(url)  # the form is opened; meanwhile the remiss is withdrawn
    assert form_page.status_code == 200
    with db.transaction() as s:
        s.get(Remiss, world).status = "aterkallad"
    response = auth.post(f"{url}/status", {"status": "klar_for_beslut", "note": NOTE}, form_url=url)
    assert response.status_code == 409
    _refused(response, "Status kan inte ändras från ”Återkallad” till ”Klar för beslut”.")
    assert _status(db, world) == "aterkallad"


@pytest.mark.parametrize("value", ["xyz", ""])
def test_a_value_not_in_the_list_keeps_the_comment(world, auth, db, value):
    url = f"/remisser/{world}"
    auth.login("mia@miljo.se")
    response = auth.post(f"{url}/status", {"status": value, "note": NOTE}, form_url=url)
    assert response.status_code == 400
    said = _refused(response, "Välj en ny status i listan.")
    assert "Okänd status" not in said
    assert _status(db, world) == "under_beredning"
