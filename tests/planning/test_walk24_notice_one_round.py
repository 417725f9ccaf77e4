"""walk24 V2 and V3: the remittent's allmän förlängning with a wrong klockslag, an impossible date and a pasted text
over its limit said those three first, and only in a second round that the new day was before the sista svarsdag
in force; and the text's limit read "Skriv högst 50000 tecken.", without digit grouping or the length typed."""
from __future__ import annotations

from remiss.planning.service import extensions
from tests.remisser.test_status_by_hand import world  # noqa: F401 (a fixture)
from tests.support.pages import visible_text


IN_FORCE = "1 mars 2027 kl. 12.00"


def test_every_error_of_the_notice_comes_in_one_round(world, auth, db):
    remiss_id = world  # sista svarsdag 1 mars 2027 kl. 12.00
    auth.login("mia@miljo.se")
    url = f"/remisser/{remiss_id}"
    notice = "Svaret skulle vara Finansdepartementet tillhanda senast den 28 augusti. " * 1130
    response = auth.post(f"{url}/forlangningar/allman",
                         {"sender": "Finansdepartementet", "until_on": "15 september 2017", "until_time": "25.00",
                          "notice_on": "2027-02-30", "evidence_text": notice}, form_url=url)
    assert response.status_code == 400
    text = visible_text(response.get_data(as_text=True))
    # Old code: only the three below, and this one in a second round.
    assert f"Förlängningen måste gå längre än nuvarande sista svarsdag, {IN_FORCE}. Inget registrerades" in text
    assert "Ange klockslag, till exempel 12.00." in text
    assert "Ange ett giltigt datum" in text
    length = f"{len(notice.strip()):,}".replace(",", " ")
    assert f"Högst 50 000 tecken (texten har {length})." in text, length
    assert "Skriv högst 50000 tecken." not in text
    with db.transaction() as s:
        assert not extensions.extensions_of(s, remiss_id)


def test_a_missing_day_is_said_with_the_other_errors(world, auth):
    auth.login("mia@miljo.se")
    url = f"/remisser/{world}"
    response = auth.post(f"{url}/forlangningar/allman", {"sender": "Finansdepartementet", "until_on": "",
                                                         "until_time": "25.00"}, form_url=url)
    text = visible_text(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Ange vilket datum remisstiden förlängs till." in text and "Ange klockslag, till exempel 12.00." in text
