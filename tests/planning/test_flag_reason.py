"""walk10 finding 12: "Kräver uppmärksamhet" on the start page says why, in the short words of the reason the
remiss page's tidplan explains in full."""
from __future__ import annotations

import re
from datetime import date

from remiss.planning.flags import flag_reason
from tests.planning.helpers import at, milestones, seed_003_world
from tests.support.factories import make_remiss


def test_the_start_page_says_why_the_justering_needs_attention(db, session, client, auth, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    # ordinarie justering after the nämnd of 24 September comes after the sista svarsdag of 30 September
    remiss = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], deadline_on=date(2015, 9, 30),
                         deadline_time=None)
    session.commit()
    justering = milestones(db, remiss.id)["justering"]
    assert justering.flagged and justering.due_on == date(2015, 9, 24)
    clock.set(at(2015, 9, 10))
    auth.login("sekr@oster.se")
    page = client.get("/").get_data(as_text=True)
    rows = [row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if "Justering" in row]
    assert rows and all("Kräver uppmärksamhet" in row for row in rows)
    assert all("(omedelbar justering behövs)" in row for row in rows), rows
    # a step not flagged says nothing more
    other = [row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if "Nämndsammanträde" in row or "Beslut" in row]
    assert all("Kräver uppmärksamhet" not in row for row in other)


def test_each_planner_wording_has_its_short_reason():
    assert flag_reason("namnd", "Inget nämndsammanträde i sammanträdesplanen hinner före sista svarsdag 30 "
                                "september 2015. Senaste dag …") == "inget sammanträde hinner före sista svarsdag"
    assert flag_reason("tjansteskrivelse", "Klar före AU. Datumet låg före remissens ankomst måndag 3 augusti "
                                           "2015. Begär förlängd remisstid hos remittenten.") == \
        "datumet låg före remissens ankomst"
    assert flag_reason("expediering", "1 arbetsdag efter justeringen. Det är efter sista svarsdag 30 september "
                                      "2015: meddela remittenten …") == "expedieringen hamnar efter sista svarsdag"
    assert flag_reason("granskning", "Granskning. Datumet har redan passerat.") == \
        "datumet hade redan passerat när tidplanen gjordes"
    assert flag_reason("sista_svarsdag", "Remittentens sista svarsdag: 1 januari 2016.") == \
        "sista svarsdagen är inte en arbetsdag"
