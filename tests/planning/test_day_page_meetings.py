"""F20: the calendar's day page lists the day's sammanträden, as the month cell does, and counts them."""
from __future__ import annotations

from html import unescape

from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_user


def test_the_day_page_lists_the_days_meetings(client, auth, session, clock):
    kultur = make_namnd(session, name="Kulturnämnden", dnr_prefix="KN")
    miljo = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role="registrator", namnder=[kultur, miljo], email="sekr@kommun.se")
    add_meetings(session, kultur, [("namnd", at(2027, 2, 25, 17, 30), "Stadsdelshuset")])
    add_meetings(session, miljo, [("namnd", at(2027, 2, 25, 18), "")])
    session.commit()
    clock.set(at(2027, 2, 1))
    auth.login("sekr@kommun.se")
    month = unescape(client.get("/kalender?manad=2027-02").get_data(as_text=True)).replace("\u00ad", "")
    assert "Nämnd kl. 17.30: Kulturnämnden, Stadsdelshuset" in month
    page = unescape(client.get("/kalender/dag?datum=2027-02-25").get_data(as_text=True)).replace("\u00ad", "")
    assert "Nämnd kl. 17.30: Kulturnämnden, Stadsdelshuset" in page
    assert "Nämnd kl. 18.00: Miljönämnden" in page
    assert "0 svarsdagar och milstolpar, 2 sammanträden." in page
    other = unescape(client.get("/kalender/dag?datum=2027-02-24").get_data(as_text=True))
    assert "sammanträde" not in other.replace("sammanträden importerade", "")
