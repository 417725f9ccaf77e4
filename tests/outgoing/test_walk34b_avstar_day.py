"""walk34b: "Instansen avstår" had no date: an avstår that came in before the svarsdag and was registered after it
was dated the day it was typed in and marked "efter svarstiden" on the remiss and its instans page, with no way to
say otherwise. The Avstår form now asks when the besked came in (today unless changed), as the answer form does."""
from __future__ import annotations

import re
from html import unescape

from tests.outgoing.conftest import at, run_sweep, sent_to_kommunal_and_ungdom


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def test_an_avstar_registered_after_the_svarsdag_keeps_the_day_it_came_in(app, session, clock, auth, client, smtp,
                                                                          runner):
    remiss_id, (kommunal, ungdom) = sent_to_kommunal_and_ungdom(app, session, clock, auth)  # svarsdag 18 december
    page = f"/remisser/{remiss_id}"
    run_sweep(runner, smtp, clock.now)  # the missiv
    clock.set(at(2026, 12, 21, 9, 0))  # the Monday after: Kommunal's e-mail of Thursday is registered
    entry = f"{page}/utskick/instanser/{kommunal}"
    form = _text(client.get(entry))
    assert "Beskedet inkom" in form
    said = _text(auth.post(entry, {"action": "decline", "declined_on": "2026-12-17", "note": "Inga synpunkter."},
                           form_url=entry, follow_redirects=True))
    assert "Kommunal avstår från att yttra sig." in said and "efter svarstiden" not in said, said
    lead = _text(client.get(entry)).split("Adress")[0]  # the instans page's line under its name
    assert "svar 17 december 2026" in lead and "efter svarstiden" not in lead, lead
    row = [r for r in re.findall(r"<tr>.*?</tr>", client.get(page).get_data(as_text=True), re.S) if "Kommunal" in r]
    shown = _text_of(row[0])
    assert "inkom 17 december 2026" in shown and "efter svarstiden" not in shown, shown

    # a besked typed in the future is refused with the other errors, in Swedish
    entry = f"{page}/utskick/instanser/{ungdom}"
    refused = auth.post(entry, {"action": "decline", "declined_on": "2026-12-22"}, form_url=entry)
    assert refused.status_code == 400
    assert ("Beskedet kan inte ha kommit in i framtiden. Ange dagen då beskedet kom in (senast i dag, "
            "21 december 2026).") in _text(refused)
    # left as it is (today), it came after the svarsdag and is said to be late
    late = _text(auth.post(entry, {"action": "decline", "declined_on": "2026-12-21"}, form_url=entry,
                           follow_redirects=True))
    assert "Ungdomsrådet avstår från att yttra sig. Beskedet kom in efter svarstiden och är markerat som sent." in late


def _text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
