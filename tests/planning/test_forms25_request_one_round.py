"""Session 25: *Begäran om förlängning* (an inkommande remiss: someone here asks the remittent for more time) with
every field wrong said what could not be read first (who, klockslag, the texts' lengths) and only in a second round
that the day asked for was not after the sista svarsdag in force and that the request was dated in the future. Every
error now comes in one round, in Swedish, with everything typed kept (as the allmän förlängning, walk24 V2)."""
from __future__ import annotations

import html
import re

from remiss.planning.service import extensions
from tests.remisser.test_status_by_hand import world  # noqa: F401 (a fixture)
from tests.support.pages import visible_text


IN_FORCE = "1 mars 2027 kl. 12.00"


def _field(page: str, name: str) -> str:
    """The value the request form (prefix r-) shows in its field name, input or textarea."""
    found = re.search(rf'id="f-r-{name}"[^>]*value="([^"]*)"', page) or \
        re.search(rf'<textarea[^>]*id="f-r-{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"no field r-{name}"
    return html.unescape(found.group(1)).strip()


def test_every_error_of_the_request_comes_in_one_round_with_everything_typed_kept(world, auth, db):
    auth.login("mia@miljo.se")
    url = f"/remisser/{world}"
    reason = "Nämnden sammanträder först i mars och behöver tid. " * 100  # over 5 000 characters
    evidence = "Hej, vi ber om förlängd remisstid. " * 1500  # over 50 000 characters
    typed = {"requested_by": "", "until_on": "15 september 2017", "until_time": "25.00",
             "requested_on": "2099-01-01", "reason": reason, "evidence_text": evidence}
    response = auth.post(f"{url}/forlangningar", typed, form_url=url, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    text = visible_text(page)
    assert response.status_code == 400
    assert "Ange vem som begärde förlängningen." in text
    assert "Ange klockslag, till exempel 12.00." in text
    assert f"Högst 5 000 tecken (texten har {len(reason.strip()):,}".replace(",", " ") in text
    assert f"Högst 50 000 tecken (texten har {len(evidence.strip()):,}".replace(",", " ") in text
    # Old code: the two below came only in a second round, after the four above were put right.
    assert f"Förlängningen måste gå längre än nuvarande sista svarsdag, {IN_FORCE}." in text
    assert "Förlängningen kan inte ha begärts i framtiden. Ange dagen då den begärdes (senast i dag, 4 december " \
           "2026)." in text
    for name in ("until_on", "until_time", "requested_on", "reason", "evidence_text"):
        assert _field(page, name) == typed[name].strip(), name
    with db.transaction() as s:
        assert not extensions.extensions_of(s, world)


def test_a_day_not_read_is_said_with_the_request_dated_in_the_future(world, auth):
    """The day asked for cannot be read: its own message, and the service's check of the day it was asked in the
    same round; no second message about the missing day."""
    auth.login("mia@miljo.se")
    url = f"/remisser/{world}"
    response = auth.post(f"{url}/forlangningar", {"requested_by": "Mia", "until_on": "2027-02-30",
                                                  "requested_on": "2099-01-01"}, form_url=url,
                         content_type="multipart/form-data")
    text = visible_text(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Ange ett giltigt datum" in text
    assert "Förlängningen kan inte ha begärts i framtiden." in text
    assert "Ange vilket datum förlängningen gäller." not in text
