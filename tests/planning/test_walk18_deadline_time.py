"""walk18 F18: the Kalender and the ICS feed showed a sista svarsdag with a time of day (kl. 09.30) as a whole day.
The month and day views say "kl. 09.30" and the feed has a timed event at that Stockholm time."""
from __future__ import annotations

import re
from datetime import datetime, time
from html import unescape

import icalendar
from sqlmodel import select

from remiss.auth.models import User
from remiss.clock import STOCKHOLM
from tests.planning.helpers import fetch
from tests.planning.test_walk11_hand_set_meeting import _world


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def test_a_timed_sista_svarsdag_keeps_its_time_in_the_kalender_and_the_feed(db, client, auth, session, clock):
    remiss = _world(session, clock)  # sista svarsdag fredag 26 mars 2027 kl. 09.30
    auth.login("mia@kommun.se")
    month = _text(client.get("/kalender?manad=2027-03"))
    assert "Sista svarsdag kl. 09.30" in month, month
    day = _text(client.get("/kalender/dag?datum=2027-03-26"))
    assert "fredag 26 mars 2027 kl. 09.30" in day, day
    [user] = fetch(db, select(User).where(User.email == "mia@kommun.se"))
    cal = icalendar.Calendar.from_ical(client.get(f"/ics/anvandare/{user.ics_token}/namnd/{remiss.namnd_id}.ics").data)
    event = next(e for e in cal.walk("VEVENT") if str(e["SUMMARY"]).startswith("Sista svarsdag"))
    start = event.decoded("DTSTART")
    assert isinstance(start, datetime), start
    assert start.astimezone(STOCKHOLM).replace(tzinfo=None) == datetime(2027, 3, 26, 9, 30)
