"""Session 26: a whole page refused by the role (web.requires: the Inkorg, the admin pages) said only "Du har inte
behörighet till den här sidan.", and the API's calls for those who register "Du har inte behörighet att registrera
remisser.", while a refused act names the role and the act (walk26 W6: "Med rollen Läsare kan du inte godkänna
yttranden."). Pages and API calls now say it the same way, decided in one place (auth.access.require_any)."""
from __future__ import annotations

from remiss.auth.models import Role
from tests.conftest import Auth
from tests.support.factories import make_namnd, make_user


def _lasare(app, session) -> Auth:
    make_user(session, role=Role.lasare, namnder=[make_namnd(session, name="Kulturnämnden")], email="lasse@x.se")
    session.commit()
    auth = Auth(app.test_client())
    auth.login("lasse@x.se")
    return auth


def test_the_inkorg_refuses_a_lasare_naming_the_role_and_what_the_page_is_for(app, session):
    client = _lasare(app, session).client
    response = client.get("/inkorg")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Med rollen Läsare kan du inte hantera Inkorgen: det gör registratorer." in page, page
    assert "till den här sidan" not in page


def test_an_admin_page_refuses_a_handlaggare_naming_the_role(app, session):
    make_user(session, role=Role.handlaggare, namnder=[make_namnd(session, name="Miljönämnden")], email="hanna@x.se")
    session.commit()
    auth = Auth(app.test_client())
    auth.login("hanna@x.se")
    response = auth.client.get("/admin/anvandare")
    assert response.status_code == 403
    assert "Med rollen Handläggare kan du inte administrera Remiss: det gör administratörer." in response.get_data(as_text=True)


def test_the_api_refuses_a_lasare_the_duplicate_search_naming_the_role(app, session):
    client = _lasare(app, session).client
    response = client.get("/api/v1/remisser/mojliga-dubbletter?title=Kulturstrategi")
    assert response.status_code == 403
    assert response.get_json() == {"error": "Med rollen Läsare kan du inte registrera remisser: det gör registratorer.",
                                   "status": 403}
