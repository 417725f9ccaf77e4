"""Ta bort on a saved sändlista (/sandlistor) removed it at once, with and without JavaScript. It now asks first
(remiss/web/asking.py): with JavaScript in the dialog, without it in the list's row with the box "Ja, ta bort
sändlistan". What the question says holds: a remiss made from the list keeps its remissinstanser."""
from __future__ import annotations

import re

from sqlmodel import select

from remiss.auth.models import Role
from remiss.outgoing.models import Organisation, SavedSandlista
from remiss.remisser.models import SandlistaEntry
from tests.support.factories import T0, make_namnd, make_user
from tests.support.asking import form_at, visible_text

NAME = "samtliga stadsområdesnämnder"
QUESTION = (f"Ta bort sändlistan ”{NAME}” (2 remissinstanser)? Den går då inte att välja för nya remisser. Remisser "
            "som redan har fått sina remissinstanser från den behåller dem, och instanserna finns kvar i registret. "
            "Det går inte att ångra.")


def _form(page: str, list_id: int) -> str:
    return form_at(page, f'id="ta-bort-{list_id}"')


def test_removing_a_saved_list_asks_first(session, client, auth):
    namnd = make_namnd(session)
    admin = make_user(session, role=Role.admin, namnder=[namnd])
    orgs = [Organisation(name=f"SON {n}", email=f"{n.lower()}@example.se", group_name="Stadsområdesnämnder",
                         created_at=T0) for n in ("Norr", "Söder")]
    session.add_all(orgs)
    session.commit()
    auth.login(admin.email)
    assert auth.post("/sandlistor/ny", {"name": NAME, "organisation_ids": [str(o.id) for o in orgs]}).status_code == 302
    list_id = session.exec(select(SavedSandlista.id)).one()
    session.commit()
    assert auth.post("/remisser/ny-utgaende", {"title": "Kulturstrategi", "namnd_id": str(namnd.id),
                                               "deadline_on": "2027-01-29", "list_ids": [str(list_id)]},
                     form_url="/remisser/ny-utgaende").status_code == 302
    form = _form(client.get("/sandlistor").get_data(as_text=True), list_id)
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_delete"' in form  # the dialog, with JavaScript

    refused = auth.post(f"/sandlistor/{list_id}/ta-bort", form_url="/sandlistor")  # no confirmation: no JavaScript
    # Old code: "Sändlistan … är borttagen." and the list gone
    assert refused.headers["Location"].endswith(f"/sandlistor?ta-bort-{list_id}=fraga#ta-bort-{list_id}")
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert (f"Observera: Sändlistan ”{NAME}” är inte borttagen. Läs frågan vid knappen och kryssa i ”Ja, ta bort "
            "sändlistan” om den ska tas bort.") in visible_text(asked) and "Fel:" not in visible_text(asked)
    form = _form(asked, list_id)
    assert f'<p id="q-confirm_delete">{QUESTION}</p>' in form and "data-confirm" not in form
    assert re.search(r'id="f-confirm_delete" name="confirm_delete" value="1"[^>]*> Ja, ta bort sändlistan</label>',
                     form)
    session.expire_all()
    assert session.exec(select(SavedSandlista.id)).all() == [list_id]
    session.rollback()

    done = auth.post(f"/sandlistor/{list_id}/ta-bort", {"confirm_delete": "1"}, form_url=refused.headers["Location"],
                     follow_redirects=True)
    assert f"Sändlistan ”{NAME}” är borttagen." in visible_text(done.get_data(as_text=True))
    session.expire_all()
    assert session.exec(select(SavedSandlista)).all() == []
    assert sorted(e.name for e in session.exec(select(SandlistaEntry))) == ["SON Norr", "SON Söder"]  # kept
