"""The handläggare field of the registration and edit forms and the Tilldela control, at scale:
a select of the chosen nämnd's handläggare when that list is short, otherwise a name-or-e-mail field
resolved on the server to exactly one active handläggare of the nämnd."""
from __future__ import annotations

import re

from sqlmodel import select

from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from remiss.remisser.handlaggare import HANDLAGGARE_CHOICES
from tests.support.factories import make_namnd, make_remiss, make_user

BIG = HANDLAGGARE_CHOICES + 5


def _world(session):
    """A big nämnd with more handläggare than a list shows, a small one with two, and a registrator in both."""
    big = make_namnd(session, name="Stadsbyggnadsnämnden")
    small = make_namnd(session, name="Kulturnämnden")
    for n in range(BIG):
        make_user(session, namnder=[big], name=f"Kollega {n:03d}", email=f"kollega{n:03d}@malmo.se")
    anna = make_user(session, namnder=[big], name="Anna Ek", email="anna.ek@malmo.se")
    make_user(session, namnder=[big], name="Anna Ekström", email="anna.ekstrom@malmo.se")
    make_user(session, namnder=[big], name="Åsa Öberg", email="asa.oberg@malmo.se")
    make_user(session, namnder=[big], name="Åke Ödman", email="ake.odman@malmo.se", role=Role.lasare)
    make_user(session, namnder=[small], name="Olle Inaktiv", email="olle@malmo.se").is_active = False
    bo = make_user(session, namnder=[small], name="Bo Berg", email="bo.berg@malmo.se")
    cecilia = make_user(session, namnder=[small], name="Cecilia Dahl", email="cecilia.dahl@malmo.se")
    make_user(session, role=Role.registrator, namnder=[big, small], email="sekr@malmo.se", name="Sekreteraren")
    make_user(session, role=Role.admin, email="admin@malmo.se", name="Administratören")
    session.commit()
    return big, small, anna, bo, cecilia


def _register(auth, namnd, **fields):
    form = {"title": "Remiss om detaljplan", "direction": "inkommande", "kind": "remiss", "namnd_id": namnd.id,
            "deadline_on": "2026-12-18", "notes": "Anteckning som ska finnas kvar", **fields}
    return auth.post("/remisser/ny", form)


def _registered(db, title="Remiss om detaljplan"):
    with db.transaction() as s:
        return s.exec(select(Remiss.handlaggare_id).where(Remiss.title == title)).all()


def _field_error(html: str) -> str:
    match = re.search(r'<p class="field-error" id="f-e-handlaggare">.*?</span>([^<]+)</p>', html, re.S)
    assert match, "no error at the handläggare field"
    return match.group(1).strip()


def test_long_list_is_a_text_field_resolved_to_one_handläggare(session, db, auth):
    big, small, anna, *_ = _world(session)
    auth.login("sekr@malmo.se")
    form = auth.client.get("/remisser/ny").get_data(as_text=True)
    # Two nämnder, no nämnd chosen: together too many to list.
    assert '<input id="f-handlaggare" name="handlaggare" type="text"' in form
    assert "Kollega 001" not in form and 'name="handlaggare_id"' not in form

    # Unknown: the form again, everything typed kept, the error next to the field (and in the summary).
    r = _register(auth, big, handlaggare="Nils Okänd", remittent="Länsstyrelsen")
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "Ingen aktiv handläggare i nämnden" in _field_error(html) and "Nils Okänd" in _field_error(html)
    assert 'value="Nils Okänd"' in html and 'value="Länsstyrelsen"' in html and "Anteckning som ska finnas kvar" in html
    assert 'href="#f-handlaggare"' in html and 'aria-invalid="true"' in html
    assert _registered(db) == []

    # A lasare or an inactive user of the nämnd, or a handläggare of another nämnd, is not found either.
    for typed in ("Åke Ödman", "olle@malmo.se", "Bo Berg"):
        assert "Ingen aktiv handläggare" in _field_error(_register(auth, big, handlaggare=typed).get_data(as_text=True))

    # Ambiguous: several match; the message names them with their e-mail.
    html = _register(auth, big, handlaggare="kollega").get_data(as_text=True)
    assert "Flera handläggare" in _field_error(html) and "kollega000@malmo.se" in html and 'value="kollega"' in html
    assert _registered(db) == []

    # Unique: by e-mail (any case), by a part of the name, by the full name even beside a longer one.
    r = _register(auth, big, handlaggare="ANNA.EK@malmo.se")
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    assert _registered(db) == [anna.id]
    for n, typed in enumerate(("Anna Ek", "öberg", "ÅSA ÖBERG", "kollega007@")):
        assert _register(auth, big, handlaggare=typed, title=f"Remiss {n}").status_code == 302, typed
        assert len(_registered(db, f"Remiss {n}")) == 1
    # Empty: registered without a handläggare.
    assert _register(auth, big, handlaggare="", title="Utan").status_code == 302
    assert _registered(db, "Utan") == [None]


def test_short_list_is_a_select_of_the_chosen_nämnd(session, db, auth):
    big, small, anna, bo, cecilia = _world(session)
    auth.login("sekr@malmo.se")
    # Choosing the small nämnd (the field app.js fetches, and the form after an error) lists only its handläggare.
    field = auth.client.get(f"/remisser/handlaggarfalt?namnd_id={small.id}").get_data(as_text=True)
    assert '<select id="f-handlaggare_id" name="handlaggare_id">' in field
    assert re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', field) == ["Bo Berg", "Cecilia Dahl", "Sekreteraren"]
    html = _register(auth, small, title="").get_data(as_text=True)  # no title: the form again
    assert re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>',
                      html.split('id="f-handlaggare_id"')[1].split("</select>")[0]) == ["Bo Berg", "Cecilia Dahl", "Sekreteraren"]
    assert "Kollega" not in html and "Anna Ek" not in html
    # The big nämnd's field is the text field; a nämnd the user is not in is not shown at all.
    assert 'name="handlaggare"' in auth.client.get(f"/remisser/handlaggarfalt?namnd_id={big.id}").get_data(as_text=True)
    other = make_namnd(session)
    session.commit()
    assert auth.client.get(f"/remisser/handlaggarfalt?namnd_id={other.id}").status_code == 404

    # The select posts handlaggare_id as before; a handläggare of another nämnd is refused at the field.
    assert _register(auth, small, handlaggare_id=cecilia.id).status_code == 302
    assert _registered(db) == [cecilia.id]
    r = _register(auth, small, handlaggare_id=anna.id, title="Fel nämnd")
    assert r.status_code == 400 and "aktiv användare i nämnden" in r.get_data(as_text=True)


def test_admin_registration_form_does_not_list_every_user(session, auth):
    _world(session)
    auth.login("admin@malmo.se")
    html = auth.client.get("/remisser/ny").get_data(as_text=True)
    assert '<input id="f-handlaggare" name="handlaggare" type="text"' in html
    assert not re.search(r"Kollega \d{3}|Cecilia Dahl|Anna Ek", html)
    assert html.count("<option") < 10  # nämnder, direction and kind only


def test_edit_and_assign_use_the_remiss_nämnd(session, db, auth):
    big, small, anna, bo, cecilia = _world(session)
    in_small = make_remiss(session, namnd=small, title="Liten", handlaggare_id=bo.id)
    in_big = make_remiss(session, namnd=big, title="Stor", handlaggare_id=anna.id)
    session.commit()
    auth.login("sekr@malmo.se")

    # Small nämnd: the edit form and the Tilldela control are selects of its two handläggare.
    edit = auth.client.get(f"/remisser/{in_small.id}/andra").get_data(as_text=True)
    assert f'<option value="{bo.id}" selected>Bo Berg</option>' in edit and "Kollega" not in edit
    page = auth.client.get(f"/remisser/{in_small.id}").get_data(as_text=True)
    assert '<select id="assign-handlaggare_id" name="handlaggare_id">' in page and "Kollega" not in page
    url = f"/remisser/{in_small.id}"
    assert auth.post(f"{url}/tilldela", {"handlaggare_id": cecilia.id}, form_url=url).status_code == 302
    with db.transaction() as s:
        assert s.get(Remiss, in_small.id).handlaggare_id == cecilia.id

    # Big nämnd: text fields showing the current handläggare's e-mail; saving unchanged keeps them.
    url = f"/remisser/{in_big.id}"
    edit = auth.client.get(f"{url}/andra").get_data(as_text=True)
    assert '<input id="f-handlaggare" name="handlaggare" type="text" value="anna.ek@malmo.se"' in edit
    assert "Kollega 001" not in edit
    r = auth.post(f"{url}/andra", {"title": "Stor, ändrad", "namnd_id": big.id, "handlaggare": "anna.ek@malmo.se"})
    assert r.status_code == 302
    r = auth.post(f"{url}/andra", {"title": "Stor, igen", "namnd_id": big.id, "handlaggare": "Anna E"})
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "Flera handläggare" in _field_error(html) and 'value="Stor, igen"' in html
    r = auth.post(f"{url}/andra", {"title": "Stor", "namnd_id": big.id, "handlaggare": "öberg"})
    assert r.status_code == 302
    with db.transaction() as s:
        asa = s.get(Remiss, in_big.id).handlaggare_id
    assert asa not in (None, anna.id)

    page = auth.client.get(url).get_data(as_text=True)
    assert '<input id="assign-handlaggare" name="handlaggare" type="text" value="asa.oberg@malmo.se"' in page
    r = auth.post(f"{url}/tilldela", {"handlaggare": "Ingen Alls"}, form_url=url)
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and 'value="Ingen Alls"' in html and 'id="assign-e-handlaggare"' in html
    assert "Ingen aktiv handläggare i nämnden" in html
    r = auth.post(f"{url}/tilldela", {"handlaggare": "kollega012@malmo.se"}, form_url=url)
    assert r.status_code == 302
    with db.transaction() as s:
        assert s.get(Remiss, in_big.id).handlaggare_id not in (None, anna.id, asa)
