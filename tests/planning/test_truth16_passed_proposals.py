"""truth16 F3: the Tidplan kept proposing sammanträden that had passed ("Med ordinarie justering hinner sammanträdet
torsdag 28 januari 2027" in February, "Föreslå … vid sammanträdet torsdag 25 februari 2027" the day after it).
Stored advice naming a passed meeting no longer holds (planning.passed_advice), on the page and in the feeds; after a
missed meeting "ta upp ärendet vid nästa sammanträde" is offered only when one comes before the sista svarsdag."""
from __future__ import annotations

import html
from datetime import date, time

from remiss.auth.models import Role
from remiss.planning import agenda
from remiss.planning.passed_advice import still_holds
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user

ALTERNATIVE = "Med ordinarie justering hinner sammanträdet torsdag 28 januari 2027."
OR_ORDINARY = "eller behandla remissen vid sammanträdet torsdag 28 januari 2027"
OMEDELBAR_25 = "Föreslå att paragrafen justeras omedelbart vid sammanträdet torsdag 25 februari 2027"


def _page(client, rid):
    return html.unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))


def test_passed_meetings_are_not_proposed(client, auth, session, clock):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [("namnd", at(2027, 1, 28, 17), ""), ("namnd", at(2027, 2, 25, 17), ""),
                                  ("namnd", at(2027, 3, 25, 17), "")])  # the next one: after the sista svarsdag
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2026, 12, 18))
    remiss = make_remiss(session, namnd=namnd, now=clock(), title="Havsplaner", deadline_on=date(2027, 3, 5),
                         deadline_time=time(15, 0))
    session.commit()
    rid, namnd_id = remiss.id, namnd.id
    auth.login("sekr@oster.se")
    page = _page(client, rid)
    assert ALTERNATIVE in page and OR_ORDINARY in page and OMEDELBAR_25 in page  # all still to come

    clock.set(at(2027, 2, 19))  # 28 januari has passed, 25 februari is to come
    page = _page(client, rid)
    assert "28 januari 2027" not in page
    assert OMEDELBAR_25 in page and "Planen bygger på sammanträdet torsdag 25 februari 2027" in page
    justering = [i for i in agenda.items(session, namnd_ids=[namnd_id], today=date(2027, 2, 19))
                 if i.kind == "justering"]
    session.rollback()  # let go of SQLite for the pages
    assert justering and "28 januari" not in justering[0].explanation  # as the feeds describe it

    clock.set(at(2027, 2, 26))  # 25 februari has passed without a beslut
    page = _page(client, rid)
    assert OMEDELBAR_25 not in page and "Planen bygger på sammanträdet torsdag 25 februari 2027" not in page
    assert "Nämnden beslutade inte vid sammanträdet torsdag 25 februari 2027" in page
    # the next sammanträde (25 mars) is after the sista svarsdag (5 mars): not offered as a way out
    assert "ta upp ärendet vid nästa sammanträde" not in page
    assert ("Nämnden beslutade inte vid sammanträdet torsdag 25 februari 2027. Begär förlängd remisstid eller "
            "besluta på delegation; inget sammanträde hinner före sista svarsdag.") in page


def test_still_holds_reads_the_meeting_day():
    text = ("Föreslå att paragrafen justeras omedelbart vid sammanträdet torsdag 25 februari 2027 (omedelbar "
            "justering), eller behandla remissen vid sammanträdet torsdag 28 januari 2027 med ordinarie justering.")
    assert still_holds(text, date(2027, 1, 28)) == text
    assert still_holds(text, date(2027, 1, 29)) == (
        "Föreslå att paragrafen justeras omedelbart vid sammanträdet torsdag 25 februari 2027 (omedelbar "
        "justering).")
    assert still_holds(text, date(2027, 2, 26)) == ""
    assert still_holds("Nämndsammanträdet torsdag 25 februari 2027 hinner.", date(2027, 3, 1)) != ""
