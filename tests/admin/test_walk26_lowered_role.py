"""walk26 W6: a granskare lowered to läsare while her page was open pressed Godkänn yttrandet and got a bare "Du har
inte behörighet att göra detta. Felkod 403"; the administrator who lowered her was told nothing of the yttrande
waiting for her review. The refusal now says why, with the way back to the remiss (the rule itself stays in
auth.access), and the administrator is warned – not refused – naming what waits and whether anyone else can review."""
from __future__ import annotations

import pytest

from remiss.auth.models import Role
from remiss.drafting.models import YttrandeDraft
from tests.conftest import Auth
from tests.support.factories import T0, make_namnd, make_remiss, make_user


@pytest.fixture
def world(session):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster")
    admin = make_user(session, role=Role.admin, email="admin@x.se", name="Ada Admin")
    britt = make_user(session, role=Role.granskare, namnder=[namnd], email="britt@x.se",
                      name="Britt-Marie Pettersson")
    remiss = make_remiss(session, namnd=namnd, our_dnr="SOFÖ 2026/0001", title="Kulturstrategi")
    session.add(YttrandeDraft(remiss_id=remiss.id, state="granskning", updated_at=T0))
    session.commit()
    return namnd, admin, britt, remiss


def _lower(admin_auth: Auth, britt, namnd, role="lasare"):
    return admin_auth.post(f"/admin/anvandare/{britt.id}", {"name": britt.name, "email": britt.email, "title": "",
                                                           "role": role, "namnder": [str(namnd.id)],
                                                           "is_active": "y"}, follow_redirects=True)


def test_the_lowered_granskare_is_told_why_and_led_back(app, world):
    namnd, admin, britt, remiss = world
    britt_auth, admin_auth = Auth(app.test_client()), Auth(app.test_client())
    britt_auth.login("britt@x.se")
    admin_auth.login("admin@x.se")
    assert _lower(admin_auth, britt, namnd).status_code == 200
    r = britt_auth.post(f"/remisser/{remiss.id}/yttrande/lage", {"state": "godkand"},
                        form_url=f"/remisser/{remiss.id}")
    page = " ".join(r.get_data(as_text=True).split())
    assert r.status_code == 403
    assert "Din roll är nu Läsare; du kan inte längre godkänna yttranden." in page, page
    assert "Ada Admin ändrade rollen" in page and "förut Granskare / chef" in page, page
    assert f'<a href="/remisser/{remiss.id}">Tillbaka till remissen</a>' in page
    assert "Du har inte behörighet att göra detta" not in page


def test_a_lasare_who_always_was_one_is_told_the_role_not_a_change(app, world, session):
    namnd, _, _, remiss = world
    make_user(session, role=Role.lasare, namnder=[namnd], email="chef@x.se")
    session.commit()
    auth = Auth(app.test_client())
    auth.login("chef@x.se")
    r = auth.post(f"/remisser/{remiss.id}/yttrande/lage", {"state": "godkand"}, form_url=f"/remisser/{remiss.id}")
    page = r.get_data(as_text=True)
    assert r.status_code == 403 and "Med rollen Läsare kan du inte godkänna yttranden: det gör granskare och registratorer." in page, page
    assert "längre" not in page


def test_the_admin_is_warned_when_nobody_else_can_review(app, world, db):
    namnd, _, britt, _ = world
    admin_auth = Auth(app.test_client())
    admin_auth.login("admin@x.se")
    page = " ".join(_lower(admin_auth, britt, namnd).get_data(as_text=True).split())
    assert "Användaren är sparad." in page  # a warning, not a refusal: the right is taken away at once
    assert ("1 yttrande väntar på granskning i Stadsområdesnämnd Öster (SOFÖ 2026/0001), och Britt-Marie "
            "Pettersson kan inte längre granska det; ingen annan granskare eller registrator finns där") in page, page
    with db.session() as s:
        from remiss.auth.models import User
        assert s.get(User, britt.id).role == "lasare"


def test_the_admin_is_told_who_else_reviews(app, world, session):
    namnd, _, britt, _ = world
    make_user(session, role=Role.registrator, namnder=[namnd], email="rut@x.se", name="Rut Registrator")
    session.commit()
    admin_auth = Auth(app.test_client())
    admin_auth.login("admin@x.se")
    page = " ".join(_lower(admin_auth, britt, namnd, role="handlaggare").get_data(as_text=True).split())
    assert "kan inte längre granska det; det kan Rut Registrator göra." in page, page
    # a change that keeps the review right says nothing
    page = " ".join(_lower(admin_auth, britt, namnd, role="granskare").get_data(as_text=True).split())
    assert "väntar på granskning" not in page
