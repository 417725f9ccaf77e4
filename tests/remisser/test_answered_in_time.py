"""A late answer leaves a trace (walk6): once expedierad (besvarad), the remiss page, the tidplan's Sista svarsdag,
the diarium, the export and the API say whether the answer reached the remittent in time, against the deadline in
force (extensions counted); early and on-time answers read as such."""
from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time
from html import unescape

import pytest

from remiss.calendar.timeliness import is_late
from tests.planning.helpers import at
from tests.remisser.test_status_roles import _patch, world  # noqa: F401  (the fixture)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _answer(client, world, clock, moment):  # noqa: F811
    for role, status in (("handlaggare", "under_beredning"), ("granskare", "klar_for_beslut"),
                         ("registrator", "beslutad")):
        assert _patch(client, world, role, {"status": status}).status_code == 200
    clock.set(moment)
    assert _patch(client, world, "registrator", {"status": "besvarad"}).status_code == 200


# the deadline is Friday 18 December 2026 kl. 12.00
@pytest.mark.parametrize("moment, late, words", [
    # the status is moved by the API (no yttrande was expedited): the page says so (truth16 F19)
    (at(2026, 12, 22, 10), True, "för sent, 2 arbetsdagar (4 dagar) efter sista svarsdagen (status ändrad till "
                                 "Besvarad för hand tisdag 22 december 2026)"),
    (at(2026, 12, 18, 11), False, "i tid, på sista svarsdagen (status ändrad till Besvarad för hand fredag 18 "
                                  "december 2026)"),
    (at(2026, 12, 18, 13), True, "för sent, efter klockslaget på sista svarsdagen (status ändrad till Besvarad för "
                                 "hand fredag 18 december 2026)"),
    (at(2026, 12, 14, 10), False, "i tid, 4 dagar före sista svarsdagen (status ändrad till Besvarad för hand "
                                  "måndag 14 december 2026)"),
])
def test_an_answer_says_whether_it_came_in_time_everywhere(client, auth, world, clock, moment, late,  # noqa: F811
                                                           words):
    _answer(client, world, clock, moment)
    rid = world["remiss_id"]
    auth.login("registrator@oster.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    lead = _text(re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1))
    assert lead.startswith(f"Besvarad {words}"), lead
    assert ('class="flag">för sent' in page) == late
    row = _text(re.search(r'<li id="milstolpe-sista_svarsdag">(.*?)</li>', page, re.S).group(1))
    assert f"(besvarad {words}; ansvarig" in row and ("För sent" in row) == late, row
    # the diarium's closed remisser and the export
    listing = client.get("/remisser?status=closed").get_data(as_text=True)
    status_cell = _text(re.search(r'<td data-label="Status">(.*?)</td>', listing, re.S).group(1))
    assert status_cell == ("Besvarad för sent" if late else "Besvarad"), status_cell
    rows = list(csv.reader(io.StringIO(client.get("/remisser/export.csv?status=closed").get_data()
                                       .decode("utf-8-sig")), delimiter=";"))
    found = dict(zip(rows[0], rows[1]))
    # set Besvarad by hand, nothing expedited: the export says so (truth17 F3)
    assert found["Expedierad"] == "" and found["Besvarad"] == moment.date().isoformat()
    assert found["Besvarad i tid"] == ("Nej, för sent" if late else "Ja")
    # the API, detail and list
    body = client.get(f"/api/v1/remisser/{rid}", headers=world["headers"]["admin"]).get_json()
    assert body["answered_late"] is late and body["answered_at"].startswith(moment.date().isoformat())
    items = client.get("/api/v1/remisser?status=closed", headers=world["headers"]["admin"]).get_json()["items"]
    assert [i["answered_late"] for i in items] == [late]


def test_the_deadline_in_force_decides_and_an_open_remiss_is_neither(client, world, clock):  # noqa: F811
    rid, headers = world["remiss_id"], world["headers"]["registrator"]
    body = client.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()
    assert body["answered_late"] is None and body["answered_at"] is None
    # the remittent extends to 23 December: an answer on the 22nd is in time
    r = client.post(f"/api/v1/remisser/{rid}/extensions", headers=headers,
                    json={"requested_by": "Kommunstyrelsen", "until": "2026-12-23", "reason": "Allmän förlängning",
                          "general": True})
    assert r.status_code == 201, r.get_json()
    _answer(client, world, clock, at(2026, 12, 22, 10))
    assert client.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()["answered_late"] is False


def test_a_clock_time_on_the_deadline_counts():
    assert is_late(datetime(2027, 2, 26, 12, 1), date(2027, 2, 26), time(12, 0))
    assert not is_late(datetime(2027, 2, 26, 12, 0), date(2027, 2, 26), time(12, 0))
    assert not is_late(datetime(2027, 2, 26, 23, 59), date(2027, 2, 26), None)
    assert is_late(datetime(2027, 2, 27, 0, 0), date(2027, 2, 26), None)
