"""Mina remisser: the signed-in handläggare's own diarium, under its own heading and menu item."""
from __future__ import annotations

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_remiss, make_user


def test_mina_remisser_is_its_own_page(session, auth):
    """The menu's Mina remisser is headed so, marked as the current page, and lists the user's own open remisser."""
    from remiss.remisser.models import Remiss

    namnd = make_namnd(session)
    me = make_user(session, role=Role.handlaggare, namnder=[namnd])
    other = make_user(session, role=Role.handlaggare, namnder=[namnd])
    make_remiss(session, namnd=namnd, title="Min öppna remiss", handlaggare_id=me.id)
    closed = make_remiss(session, namnd=namnd, title="Min avslutade remiss", handlaggare_id=me.id)
    make_remiss(session, namnd=namnd, title="Någon annans remiss", handlaggare_id=other.id)
    session.get(Remiss, closed.id).status = "besvarad"
    session.commit()
    auth.login(me.email)
    response = auth.client.get("/remisser/mina")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Mina remisser</h1>" in html and "<title>Mina remisser" in html and "<h1>Diarium</h1>" not in html
    menu = html[html.index('aria-label="Huvudmeny"'):html.index("</nav>")]
    assert 'href="/remisser/mina" aria-current="page">Mina remisser</a>' in menu
    assert 'aria-current="page">Diarium' not in menu
    assert "Min öppna remiss" in html and "Min avslutade remiss" not in html and "Någon annans remiss" not in html
    assert "1 remiss." in html and 'id="handlaggare' not in html  # whose they are goes without saying
    # another status, or another handläggare typed into the address, still shows only the user's own
    every = auth.client.get(f"/remisser/mina?status=&handlaggare_id={other.id}&handlaggare=x").get_data(as_text=True)
    assert "Min avslutade remiss" in every and "Någon annans remiss" not in every and "2 remisser." in every
    # the sort links and Rensa stay on the page
    assert 'href="/remisser/mina?' in every and '<a href="/remisser/mina">Rensa</a>' in every
    # the Diarium itself keeps its name
    assert "<h1>Diarium</h1>" in auth.client.get("/remisser").get_data(as_text=True)
