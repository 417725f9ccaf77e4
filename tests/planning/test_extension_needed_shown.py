""""Förlängning behövs" (the start page, /forsenat) took the first 100 tidplaner whose stored proposals mentioned a
late step ("until_done"), the earliest sista svarsdag first, and only then dropped those whose proposal no longer
held: the sammanträde it names had passed, or its step was done. 100 such tidplaner with earlier sista svarsdagar
hid a remiss that needs a förlängning. The query now finds the true set (TidplanState.extension_step and
extension_holds_until, stored with the proposals) before it takes the first SHOWN."""
from __future__ import annotations

import html
from datetime import date, time, timedelta

from remiss.auth.models import Role
from remiss.namnd.models import Meeting
from remiss.planning import extension_needed
from remiss.planning.passed_advice import holds_until, still_holds
from tests.planning.helpers import at
from tests.planning.test_truth17_extension_minimum import _meetings
from tests.planning.test_walk18_extension_needed import _needed, _overview
from tests.support.factories import make_namnd, make_remiss, make_user

OLD_ASK = "sammanträdet torsdag 28 januari 2027"  # what the remisser of December were told to ask for


def _world(session, clock, *, stale: int):
    """stale remisser registered on 5 December 2026 whose proposal (a förlängning for the sammanträde of 28
    January) has passed by 12 February 2027, and one registered then that needs a förlängning now."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    _meetings(session, namnd)
    for kind, moment, handlingar in (("au", at(2027, 3, 18, 8, 30), date(2027, 3, 8)),
                                     ("namnd", at(2027, 3, 25, 17, 30), None)):
        session.add(Meeting(namnd_id=namnd.id, kind=kind, starts_at=moment, handlingar_deadline=handlingar))
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se")
    clock.set(at(2026, 12, 5, 11))
    for i in range(stale):
        make_remiss(session, namnd=namnd, by=user, now=clock(), title=f"Gammal remiss {i}",
                    received_on=date(2026, 11, 25), deadline_on=date(2026, 12, 18), deadline_time=time(16, 0))
    clock.set(at(2027, 2, 12, 11))
    needing = make_remiss(session, namnd=namnd, by=user, now=clock(), title="Kulturstrategi",
                          received_on=date(2027, 2, 1), deadline_on=date(2027, 2, 26), deadline_time=time(16, 0))
    session.commit()
    return needing.id


def test_tidplaner_whose_proposal_has_passed_hide_none_that_needs_a_forlangning(session, client, auth, clock,
                                                                                monkeypatch):
    monkeypatch.setattr(extension_needed, "SHOWN", 3)  # as 100 at 100 stale tidplaner, at a test's cost
    rid = _world(session, clock, stale=3)
    auth.login("sekr@oster.se")

    count, page = _overview(client)
    assert count == 1
    listed = _needed(page)
    assert f'href="/remisser/{rid}#forlangningar"' in listed and "Kulturstrategi" in listed
    assert "Gammal remiss" not in listed and OLD_ASK not in listed
    start = _needed(html.unescape(client.get("/").get_data(as_text=True)))
    assert f'href="/remisser/{rid}#forlangningar"' in start and "Gammal remiss" not in start


def test_past_the_remisser_listed_the_pages_count_every_one(session, client, auth, clock, monkeypatch):
    monkeypatch.setattr(extension_needed, "SHOWN", 2)  # the earliest two of the four that need a förlängning
    rid = _world(session, clock, stale=3)
    auth.login("sekr@oster.se")
    clock.set(at(2027, 1, 26, 11))  # every proposal holds: the three of December and Kulturstrategi's
    count, page = _overview(client)
    # "förlängd remisstid", as everywhere else of a remiss (truth34 #4: "förlängd svarstid")
    assert count == 4 and "4 remisser som behöver förlängd remisstid (2 av dem visas inte här)" in page
    assert "Fler remisser behöver förlängd remisstid än sidan visar: här står de 2 med tidigast sista svarsdag." in page
    assert "svarstid" not in page
    assert _needed(page).count('#forlangningar"') == 2 and "Kulturstrategi" not in _needed(page)
    start = html.unescape(client.get("/").get_data(as_text=True))
    assert _needed(start).count('#forlangningar"') == 2
    assert ("Här står de 2 med tidigast sista svarsdag; ytterligare 2 remisser behöver förlängd remisstid." in start)
    monkeypatch.setattr(extension_needed, "SHOWN", 4)  # all of them: no note, nothing left out
    count, page = _overview(client)
    assert count == 4 and "visas inte här" not in page and "Fler remisser" not in page
    assert "ytterligare" not in html.unescape(client.get("/").get_data(as_text=True))


def test_a_proposal_is_listed_up_to_the_day_of_the_sammantrade_it_names(session, client, auth, clock):
    _world(session, clock, stale=1)
    auth.login("sekr@oster.se")
    clock.set(at(2027, 1, 28, 11))  # the day of the sammanträde the förlängning is asked for: it still holds
    count, page = _overview(client)
    assert count == 2 and "Gammal remiss 0" in _needed(page) and OLD_ASK in _needed(page)
    clock.set(at(2027, 1, 29, 8))
    count, page = _overview(client)
    assert count == 1 and "Gammal remiss" not in _needed(page) and "Kulturstrategi" in _needed(page)


TEXTS = ("Begär förlängd remisstid till minst fredag 29 januari 2027, så att nämnden kan besluta vid sammanträdet "
         "torsdag 28 januari 2027 med omedelbar justering.",
         "Föreslå att paragrafen justeras omedelbart vid sammanträdet torsdag 25 februari 2027 (omedelbar justering), "
         "eller behandla remissen vid sammanträdet torsdag 28 januari 2027 med ordinarie justering.",
         "Sammanträdet torsdag 17 december 2026 hinns. Med ordinarie justering hinner sammanträdet torsdag 28 januari "
         "2027.",
         "Begär förlängd remisstid hos remittenten.")


def test_the_stored_last_day_is_the_last_day_the_text_holds():
    for text in TEXTS:
        last = holds_until(text)
        for day in (date(2026, 12, 1) + timedelta(days=n) for n in range(120)):
            assert bool(still_holds(text, day)) == (last is None or day <= last), (text, day)


def test_the_counts_say_arenden_when_a_medborgarforslag_needs_a_forlangning_too(session, client, auth, clock,
                                                                               monkeypatch):
    """/forsenat and the start page counted a medborgarförslag among "remisser"; with one among them they say
    "ärenden", also of those the page leaves out (kind_words.numbered)."""
    from remiss.remisser.models import Remiss

    monkeypatch.setattr(extension_needed, "SHOWN", 2)
    rid = _world(session, clock, stale=3)
    session.get(Remiss, rid).kind = "medborgarforslag"  # Kulturstrategi, the latest sista svarsdag: left out
    session.commit()
    auth.login("sekr@oster.se")
    clock.set(at(2027, 1, 26, 11))
    count, page = _overview(client)
    # three remisser and a medborgarförslag: a förlängning, neither remisstid nor svarstid alone (truth34 #4)
    assert count == 4 and "4 ärenden som behöver förlängning (2 av dem visas inte här)" in page
    assert "Fler ärenden behöver förlängning än sidan visar" in page and "remisser som behöver" not in page
    start = html.unescape(client.get("/").get_data(as_text=True))
    assert "ytterligare 2 ärenden behöver förlängning." in start  # a remiss and the medborgarförslag
    monkeypatch.setattr(extension_needed, "SHOWN", 4)  # all listed: counted from the list
    count, page = _overview(client)
    assert count == 4 and "4 ärenden som behöver förlängning." in page
