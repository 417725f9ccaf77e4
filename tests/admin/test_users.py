"""Administering users: no role by default, and Remiss never left without an active administrator."""
import pytest
from sqlmodel import select

from remiss.auth.models import Role, User
from tests.support.factories import make_namnd, make_user


@pytest.fixture
def world(session):
    namnd = make_namnd(session, name="Kulturnämnden")
    admin = make_user(session, role=Role.admin, email="admin@x.se", name="Ada Admin")
    session.commit()
    return namnd, admin


def _role(db, email):
    with db.session() as s:
        user = s.exec(select(User).where(User.email == email)).one_or_none()
        return user and (user.role, user.is_active)


def test_a_new_user_has_no_role_until_one_is_chosen(auth, world, db):
    namnd, _ = world
    auth.login("admin@x.se")
    page = auth.client.get("/admin/anvandare/ny").get_data(as_text=True)
    select = page.split('<select id="f-role"')[1].split("</select>")[0]
    assert '<option value="">Välj roll</option>' in select and "selected" not in select
    assert "lämna tomt för att behålla" not in page  # a new user has no password to keep
    form = {"name": "Glömde Rollen", "email": "glomde@x.se", "password": "ett-langt-losenord", "role": "",
            "namnder": str(namnd.id), "is_active": "y"}
    r = auth.post("/admin/anvandare/ny", form)
    assert r.status_code == 400 and "Välj en roll." in r.get_data(as_text=True)
    assert 'value="Glömde Rollen"' in r.get_data(as_text=True)  # what was typed is kept
    assert _role(db, "glomde@x.se") is None
    assert auth.post("/admin/anvandare/ny", form | {"role": "handlaggare"}).status_code == 302
    assert _role(db, "glomde@x.se") == ("handlaggare", True)


def test_the_last_active_admin_can_neither_close_nor_demote_the_account(auth, world, db, session):
    _, admin = world
    auth.login("admin@x.se")
    form = {"name": admin.name, "email": admin.email, "title": "", "role": "admin"}  # "Aktiv" unticked
    r = auth.post(f"/admin/anvandare/{admin.id}", form)
    assert r.status_code == 400 and "Du kan inte stänga ditt eget konto" in r.get_data(as_text=True)
    r = auth.post(f"/admin/anvandare/{admin.id}", form | {"role": "handlaggare", "is_active": "y"})
    assert r.status_code == 400 and "enda aktiva administratören" in r.get_data(as_text=True)
    assert _role(db, "admin@x.se") == ("admin", True)
    assert auth.client.get("/admin/anvandare").status_code == 200  # still signed in, still administering

    # With a second administrator, either may hand over the role; the other closes the old account.
    other = make_user(session, role=Role.admin, email="bea@x.se", name="Bea Admin")
    session.commit()
    assert auth.post(f"/admin/anvandare/{admin.id}", form | {"role": "handlaggare", "is_active": "y"}).status_code == 302
    assert _role(db, "admin@x.se") == ("handlaggare", True)
    auth.logout()
    auth.login("bea@x.se")
    r = auth.post(f"/admin/anvandare/{other.id}", {"name": other.name, "email": other.email, "role": "admin"})
    assert r.status_code == 400 and "Du kan inte stänga ditt eget konto" in r.get_data(as_text=True)
    assert _role(db, "bea@x.se") == ("admin", True)
