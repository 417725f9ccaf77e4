"""Two sekreterare register the same Inkorg proposal at once, one with Registrera on the proposal page, the other
with the registration form opened from it. The two ways took their row locks in opposite orders (Registrera: the
message, then the diarienummer series; the form: the series, then the message), so on PostgreSQL each could hold
the row the other waited for (a deadlock), and the form, not checking the message at all, registered a second
remiss when it came second. Both now take the message first (remiss.intake.service.batches.take_message).

The interleaving is forced, not hoped for: a third connection holds the series' row while both requests start, one
after the other, and is let go only when both wait for a lock."""
from __future__ import annotations

import html
import re
import threading
import time

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import select

from remiss.auth.models import User
from remiss.intake.models import InboxMessage
from remiss.remisser.models import DiarieSeries, Remiss
from tests.conftest import PG_URL, Auth, csrf_token
from tests.intake.test_paste_seed000 import input_value, world
from tests.intake.test_walk12_view import POLLED, SOCIALDEP, _value, mail, receive

PG_ONLY = pytest.mark.skipif(not PG_URL, reason="row locks and their order: PostgreSQL (SQLite's writers take "
                                                   "turns for the whole transaction)")

FORM_FIELDS = ("title", "remittent", "sender_dnr", "received_on", "deadline_on", "deadline_time", "letter_date",
               "contact_person", "answer_email", "copy_emails", "sandlista", "questions")
WAITING = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")


def _wait_for_waiters(conn, n: int, thread, results: dict, what: str) -> None:
    """Until n requests wait for a lock; fail when the one just started ends (or gives up) without waiting."""
    deadline = time.monotonic() + 30
    while conn.execute(WAITING).scalar() < n:
        done = results.get(what)
        assert thread.is_alive() and time.monotonic() < deadline, \
            f"{what} never waited for a row lock: " + (done.get_data(as_text=True)[:3000] if done else "") + \
            str(conn.execute(text("SELECT state, wait_event_type, wait_event, left(query, 200) FROM pg_stat_activity "
                                  "WHERE datname = current_database()")).all()) + str(results)
        time.sleep(0.05)


def hold_and_send(hold: str, order: list[str], sends: dict) -> tuple[dict, dict]:
    """Hold a row (hold: a SELECT … FOR UPDATE), start the first request and let it wait for a lock, then the
    second, then let the row go; return the responses, and what failed instead of answering, by way."""
    results, failures = {}, {}

    def send(way):
        try:
            results[way] = sends[way]()
        except Exception as exc:  # a deadlock or a lock timeout reaches here (TESTING propagates it)
            failures[way] = f"{type(exc).__name__}: {exc}"

    engine = create_engine(PG_URL)
    threads = {way: threading.Thread(target=send, args=(way,)) for way in order}
    try:
        # pg_stat_activity is read once per transaction: the watcher asks each time in a transaction of its own
        with engine.connect() as holder, engine.connect().execution_options(isolation_level="AUTOCOMMIT") as watcher:
            holder.execute(text(hold))
            threads[order[0]].start()
            # the first holds what it takes first and waits for the held row
            _wait_for_waiters(watcher, 1, threads[order[0]], results, order[0])
            threads[order[1]].start()
            _wait_for_waiters(watcher, 2, threads[order[1]], results, order[1])
            holder.rollback()  # the row is free: the first in line goes on
        for t in threads.values():
            t.join(60)
        stuck = [way for way, t in threads.items() if t.is_alive()]
        assert not stuck, f"still waiting for a lock after 60 s: {stuck}"
    finally:
        with engine.connect() as conn:  # a request left waiting must not block the next test's clean-up
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                              "current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"))
        engine.dispose()
    return results, failures


def _name(db, email: str) -> str:
    with db.transaction() as s:
        return s.exec(select(User).where(User.email == email)).one().name


def _two_ways(client, auth, app, db, session, clock):
    """sekr@ has the proposal page open (its Registrera form, filled), annan@ the registration form opened from the
    same proposal (filled as it came): (proposal url, the one's form, the other's client, form url, its form)."""
    clock.set(POLLED)
    namnd = world(session)
    session.add(DiarieSeries(prefix="LB", year=2026, last_number=0))  # the row the third connection holds
    session.commit()
    message_id = receive(db, app, mail("VB: Remiss av Ds 2023:23", SOCIALDEP, "<socialdep@lock-order>",
                                       sent="Thu, 03 Dec 2026 08:00:00 +0100"))
    url = f"/inkorg/{message_id}"
    auth.login("sekr@malmo.se")
    page = client.get(url).get_data(as_text=True)
    inkorg_form = {"namnd_id": str(namnd.id), "deadline_time": "",
                   **{name: _value(page, name) for name in ("title", "remittent", "sender_dnr", "received_on",
                                                             "deadline_on")}}
    inkorg_post = {**inkorg_form, "csrf_token": csrf_token(client, url)}
    other = app.test_client()
    Auth(other).login("annan@malmo.se")
    opened = Auth(other).post(f"{url}/registrera", {**inkorg_form, "oppna": "1"}, form_url=url)
    assert opened.status_code == 302 and "/remisser/ny?missiv=" in opened.headers["Location"]
    form_url = opened.headers["Location"]
    form_page = other.get(form_url).get_data(as_text=True)
    form_post = {name: input_value(form_page, name) for name in FORM_FIELDS}
    form_post.update(direction="inkommande", kind="remiss", namnd_id=str(namnd.id),
                     intake_token=form_url.split("=", 1)[1], csrf_token=csrf_token(other, form_url),
                     form_once=re.search(r'name="form_once" value="([0-9a-f]{32})"', form_page).group(1),
                     missiv_text=html.unescape(re.search(r'name="missiv_text" value="([^"]*)"', form_page).group(1)))
    return url, inkorg_post, other, form_url, form_post


def test_the_form_sent_after_the_proposal_was_registered_registers_nothing_and_says_by_whom(client, auth, app, db,
                                                                                           session, clock):
    """It registered a second remiss and left the message with the first (the form never looked at it)."""
    url, inkorg_post, other, form_url, form_post = _two_ways(client, auth, app, db, session, clock)
    assert client.post(f"{url}/registrera", data=inkorg_post).status_code == 302
    response = other.post(form_url, data=form_post)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 409  # a stale form (session 25)
    assert (f"Remissen registrerades inte: meddelandet är redan registrerat – av {_name(db, 'sekr@malmo.se')}, "
            "med diarienummer LB 2026/0001.") in page
    assert "<li>Remissen registrerades inte:" in page  # in the error summary, about the whole form: no field named
    assert input_value(page, "title") == form_post["title"]  # nothing typed is lost
    with db.transaction() as s:
        assert [r.our_dnr for r in s.exec(select(Remiss))] == ["LB 2026/0001"]


@PG_ONLY
@pytest.mark.parametrize("first", ["inkorg", "formulär"])
def test_registrera_and_the_form_from_the_same_proposal_at_once_register_one_remiss(first, client, auth, app, db,
                                                                                  session, clock):
    url, inkorg_post, other, form_url, form_post = _two_ways(client, auth, app, db, session, clock)
    message_id = int(url.rsplit("/", 1)[1])
    sends = {"inkorg": lambda: client.post(f"{url}/registrera", data=inkorg_post),
             "formulär": lambda: other.post(form_url, data=form_post)}
    order = [first, "formulär" if first == "inkorg" else "inkorg"]
    results, failures = hold_and_send("SELECT id FROM diarie_series WHERE prefix = 'LB' FOR UPDATE", order, sends)
    assert failures == {}, f"a request failed instead of taking its turn: {failures}"

    with db.transaction() as s:
        remisser = s.exec(select(Remiss)).all()
        message = s.get(InboxMessage, message_id)
        assert [r.our_dnr for r in remisser] == ["LB 2026/0001"], "exactly one remiss is registered"
        assert (message.status, message.remiss_id) == ("registered", remisser[0].id)
    winner, loser = order  # the first to take the message registers; the other waited for it
    assert results[winner].status_code == 302
    assert results[winner].headers["Location"] == f"/remisser/{remisser[0].id}"
    who = _name(db, "sekr@malmo.se" if winner == "inkorg" else "annan@malmo.se")
    said = f"redan registrerat – av {who}, med diarienummer LB 2026/0001."
    if loser == "inkorg":  # the message's page itself, 409: a stale form (session 25)
        assert results[loser].status_code == 409
        assert f"Meddelandet är {said}" in html.unescape(results[loser].get_data(as_text=True))
    else:  # the form comes back with all that was typed, and says why nothing was registered
        page = html.unescape(results[loser].get_data(as_text=True))
        assert results[loser].status_code == 409  # a stale form (session 25)
        assert f"Remissen registrerades inte: meddelandet är {said}" in page
        assert input_value(page, "title") == form_post["title"]
