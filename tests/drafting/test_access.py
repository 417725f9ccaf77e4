"""Who may draft, review and expediera: pages and services, per nämnd and role."""
from __future__ import annotations

import re

import pytest

from remiss.auth.access import AccessDenied, Principal
from remiss.drafting.drafts import DraftError
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.remisser.models import Remiss
from tests.drafting.conftest import NOW


URLS = ["/remisser/{rid}/yttrande", "/remisser/{rid}/yttrande/jamfor?fran=1&till=2",
        "/remisser/{rid}/dokument/yttrande.docx", "/remisser/{rid}/dokument/tjansteskrivelse.pdf",
        "/api/v1/remisser/{rid}/yttrande"]


def test_other_namnd_gets_404(world, auth, client):
    auth.login(world["outsider"].email)
    for url in URLS:
        assert client.get(url.format(rid=world["remiss"].id)).status_code == 404, url
    rid = world["remiss"].id
    assert auth.post(f"/remisser/{rid}/yttrande/lage", {"state": "granskning"}, form_url="/").status_code == 404


def test_lasare_reads_but_cannot_edit(world, auth, client):
    rid = world["remiss"].id
    auth.login(world["lasare"].email)
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert 'id="yttrande"' in page and "Spara ny version" not in page
    assert client.get(f"/remisser/{rid}/yttrande").status_code == 403
    assert auth.post(f"/remisser/{rid}/yttrande", {"sammanfattning": "x"}, form_url=f"/remisser/{rid}").status_code == 403
    assert auth.post(f"/remisser/{rid}/yttrande/inga-synpunkter", {}, form_url=f"/remisser/{rid}").status_code == 403


def test_roles_in_the_service(world, session):
    remiss = session.get(Remiss, world["remiss"].id)
    handlaggare = Principal.of(session, world["handlaggare"])
    save(session, now=NOW, principal=handlaggare, remiss=remiss, raw={"sammanfattning": "Text"})
    change_state(session, now=NOW, principal=handlaggare, remiss=remiss, new="granskning")
    with pytest.raises(AccessDenied):
        change_state(session, now=NOW, principal=handlaggare, remiss=remiss, new="godkand")
    with pytest.raises(AccessDenied):
        save(session, now=NOW, principal=Principal.of(session, world["lasare"]), remiss=remiss, raw={})
    with pytest.raises(AccessDenied) as hidden:
        save(session, now=NOW, principal=Principal.of(session, world["outsider"]), remiss=remiss, raw={})
    assert hidden.value.hide
    with pytest.raises(DraftError):
        change_state(session, now=NOW, principal=Principal.of(session, world["granskare"]), remiss=remiss,
                     new="expedierad")


def _page(response):
    """The answer as the user sees it, without the CSRF token: a signed token carries the second it was signed in,
    so two requests that straddle a second differ there and nowhere else."""
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', response.get_data(as_text=True))


def test_a_hidden_record_reads_as_a_missing_one(world, auth, client):
    """Walk11 finding 12: another nämnd's remiss (or nämnd page) and an id that does not exist get the same
    answer, on the page and in the API, so that a user cannot learn which ids exist elsewhere."""
    auth.login(world["outsider"].email)
    hidden_id, namnd_id = world["remiss"].id, world["remiss"].namnd_id
    for url in ("/remisser/{}", "/api/v1/remisser/{}", "/remisser/{}/yttrande"):
        hidden, missing = client.get(url.format(hidden_id)), client.get(url.format(999_999))
        assert hidden.status_code == missing.status_code == 404, url
        body = missing.json["error"] if missing.is_json else missing.get_data(as_text=True)
        assert "Remissen finns inte eller du saknar behörighet." in body, url
        assert _page(hidden) == _page(missing), url
    for url in ("/namnder/{}/mallar", "/namnder/{}/sammantraden"):
        hidden, missing = client.get(url.format(namnd_id)), client.get(url.format(999_999))
        assert hidden.status_code == missing.status_code == 404, url
        body = hidden.get_data(as_text=True)
        assert "Nämnden finns inte eller du saknar behörighet." in body and "Remissen" not in body, url
        assert _page(hidden) == _page(missing), url
