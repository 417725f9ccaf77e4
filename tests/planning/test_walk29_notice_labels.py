"""walk29 A5: the Allmän förlängning form's errors were prefixed "Till och med datum:" – the request form's field –
though the field it names is "Ny sista svarsdag"."""
from __future__ import annotations

from tests.remisser.test_status_by_hand import world  # noqa: F401 (a fixture)
from tests.support.pages import summary_items


def test_the_notice_errors_name_the_notice_fields(world, auth):
    auth.login("mia@miljo.se")
    url = f"/remisser/{world}"  # sista svarsdag 1 mars 2027
    response = auth.post(f"{url}/forlangningar/allman",
                         {"sender": "Finansdepartementet", "until_on": "2026-12-01", "until_time": "25.00",
                          "notice_on": "2027-05-01", "evidence_text": "x" * 50001}, form_url=url)
    assert response.status_code == 400
    items = summary_items(response.get_data(as_text=True))
    labels = [item.split(":")[0] for item in items]
    # old: "Till och med datum", "Underlag (text)"
    assert labels == ["Ny sista svarsdag", "Klockslag", "Meddelandets datum", "Meddelandets text"], items
