"""Two people deciding the same Inkorg message: För samman or Förläng from the Inkorg's list, the proposal page's
"Registrera förlängningen på …" and "För samman" by vårt diarienummer, the registration form's card by vårt
diarienummer, Registrera and Avvisa. Only Registrera took the message's row first; a merge or a dismissal read the
message once, unlocked, so the second of two at once decided it again: a second extension and second copies of the
files on the remiss, or a registered message then marked avvisat. Every step now takes the message first, then the
remiss (remiss.intake.service.batches.take_message, take_remiss): one outcome, and the other person is told what
became of the message, by whom.

On PostgreSQL the overlap is forced as in test_register_lock_order: a third connection holds a row the first step
needs after the message (the remiss, the diarienummer series, or the message itself), both requests start, and the
row is let go only when both wait for a lock. On SQLite (its writers take turns) the second step comes after the
first and gets the same answer."""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pytest
from sqlmodel import func, select

from remiss.intake.models import InboxMessage
from remiss.planning.models import Extension
from remiss.remisser.models import Attachment, DiarieSeries, Remiss
from tests.conftest import Auth, csrf_token
from tests.intake.test_paste_seed000 import world
from tests.intake.test_register_lock_order import PG_ONLY, _name, hold_and_send
from tests.intake.test_walk12_view import EXTENSION, POLLED, _value, mail, receive
from tests.support.factories import make_remiss

OURS = "LB 2026/0006"
EXTENDS = ("lista", "sida", "formulär")  # the ways that record the letter's extension
HOLD = {"remiss": "SELECT id FROM remiss WHERE our_dnr = 'LB 2026/0006' FOR UPDATE",
        "serie": "SELECT id FROM diarie_series WHERE prefix = 'LB' FOR UPDATE",
        "meddelande": "SELECT id FROM inbox_message FOR UPDATE"}


@dataclass
class World:
    message_id: int
    remiss_id: int
    namnd_id: int
    url: str


def _world(client, auth, app, db, session, clock) -> World:
    """A registered remiss and an extension notice for it waiting in the Inkorg."""
    clock.set(POLLED)
    namnd = world(session)
    remiss = make_remiss(session, namnd=namnd, title="Ds 2023:23 Ett utvidgat skydd", our_dnr=OURS,
                         remittent="Socialdepartementet", sender_dnr="S2023/02208", deadline_on=date(2027, 1, 15),
                         deadline_time=None)
    session.commit()
    if session.exec(select(DiarieSeries).where(DiarieSeries.prefix == "LB")).first() is None:
        session.add(DiarieSeries(prefix="LB", year=2026, last_number=6))  # the row a third connection may hold
        session.commit()
    message_id = receive(db, app, mail("VB: Förlängd svarstid - Remiss av Ds 2023:23", EXTENSION, "<forl@lock20>"))
    return World(message_id, remiss.id, namnd.id, f"/inkorg/{message_id}")


def _prepare(way: str, client, w: World):
    """Everything a step needs fetched beforehand (its CSRF token, the form opened from the proposal); return the
    POST that sends it."""
    token = csrf_token(client, w.url)
    if way == "formulär":  # the registration form opened from the proposal, its card's "Vårt diarienummer"
        opened = client.post(f"{w.url}/registrera", data={"oppna": "1", "csrf_token": token})
        missiv = opened.headers["Location"].split("missiv=", 1)[1]
        return lambda: client.post(f"/remisser/ny/missiv/{missiv}/forlang",
                                   data={"our_dnr": OURS, "extend": "1", "csrf_token": token})
    if way == "registrera":
        page = client.get(w.url).get_data(as_text=True)
        typed = {name: _value(page, name) for name in ("title", "remittent", "sender_dnr", "received_on")}
        data = {**typed, "title": typed["title"] or "Ds 2023:23 Ett utvidgat skydd", "deadline_on": "2027-02-12",
                "deadline_time": "", "namnd_id": str(w.namnd_id), "confirm_duplicate": "1",  # it matches LB 2026/0006
                "confirm_past_deadline": "1", "confirm_letter_date": "1", "csrf_token": token}
        return lambda: client.post(f"{w.url}/registrera", data=data)
    data = {"lista": {"remiss_id": str(w.remiss_id), "extend": "1"},  # the list's "Förläng LB 2026/0006 till …"
            "sida": {"remiss_id": str(w.remiss_id), "extend": "1", "until_on": "2027-02-12", "until_time": ""},
            "diarienummer": {"our_dnr": OURS},  # the page's "För samman med en annan remiss: vårt diarienummer"
            "avvisa": {}}[way]
    action = "avvisa" if way == "avvisa" else "sammanfor"
    return lambda: client.post(f"{w.url}/{action}", data={**data, "csrf_token": token})


def _clients(client, auth, app):
    auth.login("sekr@malmo.se")
    other = app.test_client()
    Auth(other).login("annan@malmo.se")
    return client, other


def _outcome(db, w: World, winner: str) -> None:
    """Exactly what the first step does, once."""
    status = {"registrera": "registered", "avvisa": "dismissed"}.get(winner, "merged")
    with db.transaction() as s:
        message = s.get(InboxMessage, w.message_id)
        remisser = s.exec(select(Remiss).order_by(Remiss.id)).all()
        assert message.status == status, f"the message is {message.status}, not {status} as {winner} made it"
        assert len(remisser) == (2 if winner == "registrera" else 1), [r.our_dnr for r in remisser]
        extensions = s.exec(select(func.count()).select_from(Extension).where(Extension.remiss_id == w.remiss_id)).one()
        assert extensions == (1 if winner in EXTENDS else 0), f"{extensions} extensions recorded"
        on_remiss = s.exec(select(func.count()).select_from(Attachment)
                           .where(Attachment.remiss_id == w.remiss_id)).one()
        merged = winner not in ("registrera", "avvisa")
        assert on_remiss == (1 if merged else 0), f"{on_remiss} files on {OURS}"  # the mail, once
        if merged or winner == "registrera":
            assert message.remiss_id == (w.remiss_id if merged else remisser[-1].id)


def _said(db, w: World, winner: str) -> str:
    """What the other person is told."""
    who = _name(db, "sekr@malmo.se")
    if winner == "avvisa":
        return f"Meddelandet är redan hanterat – avvisat av {who}."
    if winner == "registrera":
        with db.transaction() as s:
            dnr = s.exec(select(Remiss.our_dnr).where(Remiss.id != w.remiss_id)).one()
        return f"Meddelandet är redan registrerat – av {who}, med diarienummer {dnr}."
    return f"Meddelandet är redan sammanfört med {OURS} – av {who}."


def _told(db, w: World, other, response, loser: str, winner: str) -> None:
    said = _said(db, w, winner)
    if loser == "formulär":  # the form again, 409, saying why the letter was not merged (session 26)
        assert response.status_code == 409, response.headers.get("Location")
        assert "<title>Registrera remiss – Remiss</title>" in response.get_data(as_text=True)
        said = f"Brevet fördes inte samman: {said[0].lower()}{said[1:]}"
        page = " ".join(html.unescape(response.get_data(as_text=True)).split())
    else:  # the message's page itself, 409: a step on a message someone else handled is a stale form (session 25)
        assert response.status_code == 409, response.get_data(as_text=True)[:3000]
        assert "– Inkorg – Remiss</title>" in response.get_data(as_text=True)  # the message's page
        page = " ".join(html.unescape(response.get_data(as_text=True)).split())
    assert said in page, page[:4000]


# (first, second): register vs dismiss, merge vs merge (each way in), merge vs register, merge vs dismiss
PAIRS = [("registrera", "avvisa"), ("lista", "sida"), ("sida", "registrera"), ("formulär", "lista"),
         ("lista", "formulär"), ("diarienummer", "avvisa"), ("avvisa", "lista")]


@pytest.mark.parametrize("first, second", PAIRS)
def test_the_second_step_after_the_first_decides_nothing_and_says_what_became_of_it(first, second, client, auth,
                                                                                   app, db, session, clock):
    w = _world(client, auth, app, db, session, clock)
    one, other = _clients(client, auth, app)
    sends = _prepare(first, one, w), _prepare(second, other, w)
    assert sends[0]().status_code == 302
    response = sends[1]()
    _outcome(db, w, first)
    _told(db, w, other, response, second, first)


def test_the_list_offers_the_extension_merged_here(client, auth, app, db, session, clock):
    """The list's button the tests press ("lista") is the one the Inkorg shows."""
    w = _world(client, auth, app, db, session, clock)
    auth.login("sekr@malmo.se")
    page = html.unescape(client.get("/inkorg").get_data(as_text=True))
    assert f"Förläng {OURS} till 12 februari 2027" in page and f'name="remiss_id" value="{w.remiss_id}"' in page


def test_a_second_click_on_the_list_s_merge_goes_to_the_remiss_once_merged(client, auth, app, db, session, clock):
    w = _world(client, auth, app, db, session, clock)
    auth.login("sekr@malmo.se")
    send = _prepare("lista", client, w)
    assert send().status_code == 302
    again = send()
    assert again.status_code == 302 and again.headers["Location"] == f"/remisser/{w.remiss_id}"
    page = html.unescape(client.get(again.headers["Location"]).get_data(as_text=True))
    assert f"Meddelandet är redan sammanfört med {OURS} – av dig." in page
    _outcome(db, w, "lista")


def test_the_form_s_card_in_a_second_tab_goes_to_the_remiss_this_user_merged_into(client, auth, app, db, session,
                                                                                 clock):
    """The form opened twice from one proposal by one person: the second tab's card shows the remiss, not an error."""
    w = _world(client, auth, app, db, session, clock)
    auth.login("sekr@malmo.se")
    tabs = _prepare("formulär", client, w), _prepare("formulär", client, w)
    assert tabs[0]().status_code == 302
    again = tabs[1]()
    assert again.status_code == 302 and again.headers["Location"] == f"/remisser/{w.remiss_id}"
    page = html.unescape(client.get(again.headers["Location"]).get_data(as_text=True))
    assert f"Meddelandet är redan sammanfört med {OURS} – av dig." in page
    _outcome(db, w, "formulär")

def test_a_second_click_on_avvisa_says_it_is_dismissed(client, auth, app, db, session, clock):
    """Not "Meddelandet är redan hanterat – avvisat av dig." as an error on the message's page."""
    w = _world(client, auth, app, db, session, clock)
    auth.login("sekr@malmo.se")
    send = _prepare("avvisa", client, w)
    assert send().status_code == 302
    again = send()
    assert again.status_code == 302 and again.headers["Location"] == "/inkorg"
    page = html.unescape(client.get("/inkorg").get_data(as_text=True))
    assert "Meddelandet är avvisat och ligger kvar bland de hanterade." in page and "redan hanterat" not in page
    _outcome(db, w, "avvisa")


@PG_ONLY
@pytest.mark.parametrize("first, second", PAIRS)
def test_two_steps_on_one_message_at_once_give_one_outcome_and_tell_the_other(first, second, client, auth, app, db,
                                                                             session, clock):
    """The first waits, holding the message, for the row held (the remiss it merges into, the series it numbers
    from; a dismissal, which takes nothing more, for the message itself); the second waits for the message."""
    w = _world(client, auth, app, db, session, clock)
    one, other = _clients(client, auth, app)
    sends = {first: _prepare(first, one, w), second: _prepare(second, other, w)}
    hold = "serie" if first == "registrera" else "meddelande" if first == "avvisa" else "remiss"
    results, failures = hold_and_send(HOLD[hold], [first, second], sends)
    assert failures == {}, f"a request failed instead of taking its turn: {failures}"
    codes = {way: response.status_code for way, response in results.items()}
    # the second: the form again or the message's page itself, saying why (409, a stale form: sessions 25, 26)
    assert codes == {first: 302, second: 409}, f"a request answered with an error (a deadlock is a 503): {codes}"
    _outcome(db, w, first)
    _told(db, w, other, results[second], second, first)
