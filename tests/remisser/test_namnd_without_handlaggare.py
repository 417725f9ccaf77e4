"""walk11, a nämnd no user belongs to yet (Kulturnämnden): where the handläggare is chosen — Registrera remiss, the
field app.js swaps in for another nämnd, and Tilldela/Byt handläggare on the remiss — the page says the nämnd has no
handläggare yet and that an administrator adds one, instead of an empty list."""
from __future__ import annotations

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_remiss, make_user

NONE = "Kulturnämnden har ingen handläggare ännu, så\n    remissen kan inte tilldelas någon."
WHO = "En administratör lägger till handläggare"


def _world(session):
    kultur = make_namnd(session, name="Kulturnämnden", dnr_prefix="KN")
    miljo = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, namnder=[miljo], name="Hugo Handläggare", email="hugo@kommun.se")
    make_user(session, role=Role.admin, email="admin@kommun.se", name="Ada Admin")
    session.commit()
    return kultur, miljo


def test_registering_for_a_nämnd_without_handläggare_says_so_and_who_adds_one(client, auth, session):
    kultur, miljo = _world(session)
    auth.login("admin@kommun.se")
    page = auth.post("/remisser/ny", {"title": "", "namnd_id": kultur.id, "deadline_on": "2027-05-05"}) \
        .get_data(as_text=True)  # refused for the title: the form again, with Kulturnämnden chosen
    assert NONE in page and WHO in page and "Remissen kan registreras ändå och tilldelas sedan." in page
    assert 'href="/admin/anvandare">Administration → Användare</a>' in page  # the admin gets the link
    assert 'id="f-handlaggare_id"' not in page
    swapped = client.get(f"/remisser/handlaggarfalt?namnd_id={kultur.id}").get_data(as_text=True)
    assert NONE in swapped and swapped.lstrip().startswith("<div")  # app.js replaces the field's div
    other = client.get(f"/remisser/handlaggarfalt?namnd_id={miljo.id}").get_data(as_text=True)
    assert "Hugo Handläggare" in other and "ingen handläggare" not in other


def test_tilldela_on_the_remiss_says_so_and_offers_no_button(client, auth, session):
    kultur, _ = _world(session)
    make_user(session, role=Role.registrator, namnder=[], email="mia@kommun.se")
    remiss = make_remiss(session, namnd=kultur, title="Kulturstrategi")
    session.commit()
    auth.login("admin@kommun.se")
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Tilldela handläggare" in page and NONE in page and WHO in page
    assert ">Tilldela</button>" not in page
    assert "Remissen kan registreras ändå" not in page
