"""walk25b Z3, Z5, Z11: what Remiss says of an expedierat yttrande is true on every path, with and without a
svarsadress, before and after it has left the house."""
from __future__ import annotations

import html
import re

from tests.drafting.test_expediering_mail import expediera, sweep


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()).replace("\u00ad", "")


def test_probe(decided, auth, client, runner, clock):
    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    shown = _text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    print("NOW", clock.now)
    print(shown[:6000])
    print(client.get(f"/api/v1/remisser/{rid}").get_json())


def test_probe2(decided, auth, client, runner, clock):
    rid = decided()
    assert expediera(auth, rid).status_code == 302
    month = _text(client.get("/kalender?manad=2015-09").get_data(as_text=True))
    print("MONTH", month[month.find("Måndag"):][:4000])
    shown = _text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    print("HIST", shown.rsplit("Historik", 1)[-1][:1500])
    sweep(runner, "2015-09-24T18:30")
    shown = _text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    print("HIST2", shown.rsplit("Historik", 1)[-1][:1500])
