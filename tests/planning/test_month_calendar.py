"""The month calendar stays readable for a secretary of many nämnder: a nämnd filter, five entries a day and
the rest on the day's own page."""
from __future__ import annotations

import re
from datetime import date

from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user


def _world(session, clock):
    kultur = make_namnd(session, name="Kulturnämnden", dnr_prefix="KN")
    miljo = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    sekr = make_user(session, role="registrator", namnder=[kultur, miljo], email="sekr@kommun.se")
    make_user(session, role="lasare", namnder=[miljo], email="las@kommun.se")
    # a sammanträde that answers in November: December shows the deadlines only (without it, the plan backwards
    # from the deadline would put each remiss's latest expediering on the busy day too)
    add_meetings(session, kultur, [("namnd", at(2026, 11, 12, 17), "")])
    add_meetings(session, miljo, [("namnd", at(2026, 11, 12, 17), "")])
    clock.set(at(2026, 11, 2))
    for n in range(7):
        make_remiss(session, namnd=kultur, by=sekr, now=clock(), title=f"Kulturremiss {n}",
                    deadline_on=date(2026, 12, 15), deadline_time=None)
    make_remiss(session, namnd=miljo, by=sekr, now=clock(), title="Miljöremiss", deadline_on=date(2026, 12, 15),
                deadline_time=None)
    session.commit()
    return kultur, miljo


def _deadlines(page: str) -> list[str]:
    # the calendar puts soft hyphens into long words (remiss.web.hyphenation); a reader never sees them
    return re.findall(r"Kulturremiss \d|Miljöremiss", page.replace("\u00ad", ""))


def test_a_busy_day_shows_five_and_links_the_rest(client, auth, session, clock):
    kultur, miljo = _world(session, clock)
    auth.login("sekr@kommun.se")
    page = client.get("/kalender?manad=2026-12").get_data(as_text=True)
    assert len(_deadlines(page)) == 5 and "och 3 till" in page
    link = re.search(r'href="(/kalender/dag\?[^"]+)">och 3 till', page).group(1).replace("&amp;", "&")
    day = client.get(link).get_data(as_text=True)
    assert sorted(_deadlines(day)) == sorted([f"Kulturremiss {n}" for n in range(7)] + ["Miljöremiss"])
    assert "8 svarsdagar och milstolpar" in day and "tisdag 15 december 2026" in day


def test_the_calendar_narrows_to_one_nammd_and_keeps_it_between_months(client, auth, session, clock):
    kultur, miljo = _world(session, clock)
    auth.login("sekr@kommun.se")
    page = client.get(f"/kalender?manad=2026-12&namnd={miljo.id}").get_data(as_text=True)
    assert _deadlines(page) == ["Miljöremiss"] and "och 3 till" not in page
    assert f"manad=2027-01&amp;namnd={miljo.id}" in page and f'<option value="{miljo.id}" selected>' in page


def test_a_foreign_nammd_or_a_bad_day_shows_nothing_of_it(client, auth, session, clock):
    kultur, miljo = _world(session, clock)
    auth.login("las@kommun.se")  # a läsare of Miljönämnden only: no choice of nämnd to offer
    page = client.get(f"/kalender?manad=2026-12&namnd={kultur.id}").get_data(as_text=True)
    assert _deadlines(page) == [] and 'id="f-namnd"' not in page
    assert _deadlines(client.get("/kalender?manad=2026-12").get_data(as_text=True)) == ["Miljöremiss"]
    for bad in ("2026-13-45", "", "1" * 40):
        r = client.get(f"/kalender/dag?datum={bad}")
        assert r.status_code == 400 and "Fel i adressen" in r.get_data(as_text=True)
    assert client.get("/kalender?manad=2026-12&namnd=" + "9" * 30).status_code == 200
