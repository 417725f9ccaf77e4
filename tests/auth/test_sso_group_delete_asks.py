"""Ta bort kopplingen on a directory group (Administration → Katalogens grupper) removed it at once, with and
without JavaScript. It now asks first (remiss/web/asking.py): with JavaScript in the dialog, without it beside the
button with the box "Ja, ta bort kopplingen". What the question says holds: at the next sign-in a member with no
other mapped group is refused and closed."""
from __future__ import annotations

import re

from sqlmodel import select

from remiss.auth.models import SsoGroup
from tests.auth.test_sso import _user, provider, sso_app, sso_login, world  # noqa: F401  (fixtures)
from tests.conftest import Auth
from tests.support.asking import form_at, visible_text

QUESTION = ("Ta bort kopplingen för gruppen kultur-handlaggare? Vid nästa inloggning med kommunens konto får gruppens "
            "medlemmar roll och nämnder bara från sina andra kopplade grupper, och den som inte har någon annan "
            "kopplad grupp kommer inte in och får sitt konto avstängt. Det går inte att ångra.")


def _form(page: str) -> str:
    return form_at(page, 'id="ta-bort-kopplingen"')


def _group_ids(db) -> list[int]:
    with db.session() as s:
        return list(s.exec(select(SsoGroup.id).where(SsoGroup.name == "kultur-handlaggare")))


def test_removing_a_group_link_asks_first(sso_app, app, client, provider, world, db):
    provider.set_user("u-5", email="eva@kommun.se", name="Eva", groups=["kultur-handlaggare"])
    member = app.test_client()
    sso_login(member, provider, "u-5")
    Auth(member).logout()
    admin = Auth(client)
    admin.login("admin@x.se")
    [group_id] = _group_ids(db)
    page = f"/admin/katalogens-grupper/{group_id}"
    form = _form(client.get(page).get_data(as_text=True))
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_delete"' in form  # the dialog, with JavaScript

    refused = admin.post(f"{page}/ta-bort", form_url=page)  # no confirmation: no JavaScript
    # Old code: "Kopplingen för gruppen kultur-handlaggare är borttagen." and the link gone
    assert refused.headers["Location"].endswith(f"{page}?ta-bort-kopplingen=fraga#ta-bort-kopplingen")
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert ("Observera: Kopplingen för gruppen kultur-handlaggare är inte borttagen. Läs frågan vid knappen och "
            "kryssa i ”Ja, ta bort kopplingen” om den ska tas bort.") in visible_text(asked) and "Fel:" not in visible_text(asked)
    form = _form(asked)
    assert f'<p id="q-confirm_delete">{QUESTION}</p>' in form and "data-confirm" not in form
    assert re.search(r'id="f-confirm_delete" name="confirm_delete" value="1"[^>]*> Ja, ta bort kopplingen</label>',
                     form)
    assert _group_ids(db) == [group_id]

    done = admin.post(f"{page}/ta-bort", {"confirm_delete": "1"}, form_url=refused.headers["Location"],
                      follow_redirects=True)
    assert "Kopplingen för gruppen kultur-handlaggare är borttagen." in visible_text(done.get_data(as_text=True))
    assert _group_ids(db) == []
    # as the question said: Eva has no other mapped group, so her next sign-in is refused and her account closed
    r = sso_login(member, provider, "u-5")
    assert r.status_code == 403 and "ingen behörighet i Remiss" in r.get_data(as_text=True)
    assert _user(db, "u-5").is_active is False
