"""The diarium's handläggare filter: a short select where it helps, a name-or-e-mail field otherwise."""
from __future__ import annotations

import re

from remiss.auth.models import Role
from remiss.remisser import handlaggare
from tests.support.factories import make_namnd, make_remiss, make_user


def _titles(html: str) -> set[str]:
    return set(re.findall(r'<a href="/remisser/\d+">([^<]+)</a>', html))


def _world(session, *, others: int):
    small, big = make_namnd(session), make_namnd(session)
    admin = make_user(session, role=Role.admin)
    asa = make_user(session, namnder=[small], name="Åsa Öberg", email="asa.oberg@example.se")
    bo = make_user(session, namnder=[small], name="Bo Ek", email="bo.ek@example.se")
    for n in range(others):
        make_user(session, namnder=[big], name=f"Kollega {n:03d}")
    make_remiss(session, namnd=small, handlaggare_id=asa.id, title="Åsas remiss")
    make_remiss(session, namnd=small, handlaggare_id=bo.id, title="Bos remiss")
    make_remiss(session, namnd=big, title="Ingens remiss")
    session.commit()
    return small, big, admin, asa, bo


def test_a_short_list_is_a_select_of_the_nämnd_members(session, auth):
    small, big, admin, asa, bo = _world(session, others=3)
    auth.login(admin.email)
    html = auth.client.get("/remisser").get_data(as_text=True)
    assert '<select id="handlaggare_id" name="handlaggare_id">' in html
    assert html.index("Bo Ek") < html.index("Kollega 000") < html.index("Åsa Öberg")  # by name
    chosen = auth.client.get(f"/remisser?namnd_id={small.id}&handlaggare_id={asa.id}").get_data(as_text=True)
    assert _titles(chosen) == {"Åsas remiss"}
    assert f'<option value="{asa.id}" selected>Åsa Öberg</option>' in chosen
    assert "Kollega 000" not in chosen  # only the chosen nämnd's handläggare


def test_a_long_list_becomes_a_name_or_email_field(session, auth, monkeypatch):
    monkeypatch.setattr(handlaggare, "HANDLAGGARE_CHOICES", 4)
    small, big, admin, asa, bo = _world(session, others=5)
    auth.login(admin.email)
    html = auth.client.get("/remisser").get_data(as_text=True)
    assert '<input id="handlaggare" name="handlaggare" type="text" value=""' in html
    assert "Kollega 001" not in html
    for typed in ("åsa", "ÖBERG", "asa.oberg@", "Åsa Öberg"):
        assert _titles(auth.client.get("/remisser", query_string={"handlaggare": typed}).get_data(as_text=True)) \
            == {"Åsas remiss"}, typed
    assert _titles(auth.client.get("/remisser?handlaggare=example.se").get_data(as_text=True)) \
        == {"Åsas remiss", "Bos remiss"}
    assert _titles(auth.client.get("/remisser?handlaggare=100%25").get_data(as_text=True)) == set()  # no wildcard
    # A link with handlaggare_id (Mina remisser) still filters, and the field shows whose remisser these are.
    mine = auth.client.get(f"/remisser?handlaggare_id={bo.id}").get_data(as_text=True)
    assert _titles(mine) == {"Bos remiss"} and 'value="bo.ek@example.se"' in mine
    # Within one nämnd the list is short again.
    assert '<select id="handlaggare_id"' in auth.client.get(f"/remisser?namnd_id={small.id}").get_data(as_text=True)


def test_the_typed_handläggare_is_kept_by_the_pager_and_the_api(session, auth, monkeypatch):
    monkeypatch.setattr(handlaggare, "HANDLAGGARE_CHOICES", 1)
    small, big, admin, asa, bo = _world(session, others=0)
    for n in range(3):
        make_remiss(session, namnd=small, handlaggare_id=bo.id, title=f"Bos remiss {n}")
    session.commit()
    auth.client.application.config["PAGE_SIZE"] = 2
    auth.login(admin.email)
    html = auth.client.get("/remisser?handlaggare=bo").get_data(as_text=True)
    assert "sida 1 av 2" in html and "handlaggare=bo" in html
    body = auth.client.get("/api/v1/remisser?handlaggare=bo").get_json()
    assert body["total"] == 4
