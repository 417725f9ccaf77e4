"""The remitting side's start section picks in SQL the outgoing remisser that call for attention (to close, svarstid
run out, answers due within three weeks) instead of the first 50 open ones, so a late or compiled remiss never drops
off silently; when a cap cuts the list, the latest deadlines are kept and the page says how many are left out."""
from __future__ import annotations

from datetime import date, timedelta

from remiss.outgoing import present
from remiss.remisser.models import Direction
from tests.planning.helpers import at, seed_003_world
from tests.support.factories import make_remiss


def _outgoing(session, namnd, *, title: str, deadline_on: date, status: str = "skickad"):
    remiss = make_remiss(session, namnd=namnd, now=at(2015, 6, 1), deadline_on=deadline_on, deadline_time=None,
                         title=title)
    remiss.direction, remiss.status = Direction.utgaende.value, status
    session.add(remiss)
    return remiss


def _section(page: str) -> str:
    section = page[page.index('id="h-utskick"'):]
    return section[:section.index("</section>")]


def _world(session, *, late: int):
    namnd, users = seed_003_world(session)
    for i in range(late):  # long late: the svarstid ran out in the summer, nobody compiled the answers
        _outgoing(session, namnd, title=f"Sen utgående {i:02d}", deadline_on=date(2015, 7, 1) + timedelta(days=i))
    _outgoing(session, namnd, title="Sammanställd att avsluta", deadline_on=date(2015, 9, 25), status="sammanstalld")
    _outgoing(session, namnd, title="Svar inom tre veckor", deadline_on=date(2015, 10, 9))
    _outgoing(session, namnd, title="Svar om två månader", deadline_on=date(2015, 11, 30))
    session.commit()


def test_what_calls_for_attention_is_listed_however_many_are_open(db, session, client, auth, clock):
    _world(session, late=55)
    clock.set(at(2015, 9, 28))
    auth.login("sekr@oster.se")
    section = _section(client.get("/").get_data(as_text=True))
    assert "Utgående remisser att sköta (57)" in section
    # the first 50 by deadline were all long late: these two came after them and were dropped without a word
    assert "Sammanställd att avsluta" in section and "Svar inom tre veckor" in section
    assert section.count("Sen utgående") == 55
    assert "Svar om två månader" not in section
    assert "1 utgående remiss med senare svarsdag visas inte här" in section
    assert 'href="/remisser?status=open&amp;direction=utgaende"' in section
    assert 'id="utskick-cut"' not in section


def test_a_cut_list_keeps_the_latest_and_says_how_many_are_left_out(db, session, client, auth, clock, monkeypatch):
    monkeypatch.setattr(present, "ATTENTION_SHOWN", 10)
    _world(session, late=20)
    clock.set(at(2015, 9, 28))
    auth.login("sekr@oster.se")
    section = _section(client.get("/").get_data(as_text=True))
    assert "Utgående remisser att sköta (22)" in section
    assert "Här visas 10 av 22 utgående remisser som behöver skötas" in section
    assert "12 remisser med tidigare svarsdag visas inte här" in section
    # the latest kept: the two that are due or to close, and the eight latest of the late ones
    assert "Sammanställd att avsluta" in section and "Svar inom tre veckor" in section
    assert "Sen utgående 19" in section and "Sen utgående 12" in section and "Sen utgående 11" not in section


def test_nothing_due_yet_still_says_what_is_open(db, session, client, auth, clock):
    namnd, _ = seed_003_world(session)
    _outgoing(session, namnd, title="Svar om två månader", deadline_on=date(2015, 11, 30))
    session.commit()
    clock.set(at(2015, 9, 28))
    auth.login("sekr@oster.se")
    section = _section(client.get("/").get_data(as_text=True))
    assert "Utgående remisser att sköta (0)" in section
    assert "Inga utgående remisser behöver skötas nu." in section
    assert "1 utgående remiss med senare svarsdag visas inte här" in section
