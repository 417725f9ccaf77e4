"""Session 24: "Börja rättelsen" sent twice (a double click, a second tab) answered 302 and a flash "Fel: Bara ett
expedierat yttrande kan rättas; ändra utkastet i stället." – a refusal that blames the user for what the first click
did, through the session cookie, where the first request's message raced it (walk21b K4). The remiss page itself now
says the rättelse is already started, by whom and when, and a different comment typed that was not saved; one
rättelse, one history line. The API answers as before."""
from __future__ import annotations

from html import unescape
import re

from sqlmodel import func, select

from remiss.audit.models import AuditEvent
from remiss.calendar.swedish import format_date_time
from remiss.drafting.models import YttrandeDraft
from tests.conftest import csrf_token
from tests.drafting.test_expediering_mail import expediera


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def _started(session, rid: int) -> tuple[int, int]:
    """(the draft's rättelse number, how many rättelser the history says were started)."""
    session.expire_all()
    number = session.exec(select(YttrandeDraft.rattelse).where(YttrandeDraft.remiss_id == rid)).one()
    lines = session.exec(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.remiss_id == rid, AuditEvent.action == "rattelse")).one()
    session.rollback()
    return number, lines


def test_a_rattelse_started_twice_says_so_in_the_page_and_starts_one(decided, auth, session, clock, world):
    rid = decided()
    granskare, registrator, registrator_name = (world["granskare"].email, world["registrator"].email,
                                                world["registrator"].name)
    session.rollback()  # end the test's read: SQLite has one writer
    page, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande/rattelse"
    assert expediera(auth, rid).status_code == 302
    clock.advance(minutes=5)
    started_at = clock()
    assert auth.post(url, {"comment": "Fel i fråga 2."}, form_url=page).status_code == 302
    auth.client.get(page)  # the first answer's flash read where it belongs
    clock.advance(seconds=1)

    again = auth.post(url, {"comment": "Fel i fråga 2."}, form_url=page)
    # Old code: 302, then "Fel: Bara ett expedierat yttrande kan rättas; ändra utkastet i stället."
    assert again.status_code == 200 and "Location" not in again.headers
    said = _text(again)
    assert (f"Information: Rättelsen är redan påbörjad av dig {format_date_time(started_at)}: ”Fel i fråga 2.”. "
            "Skriv den rättade texten under Yttrande.") in said
    assert "Fel:" not in said and "sparades inte" not in said
    assert _started(session, rid) == (1, 1)
    assert "redan påbörjad" not in _text(auth.client.get(page))  # nothing left in the cookie

    auth.logout()  # a granskare's tab opened before, with another comment: named, and the comment said not saved
    auth.login(granskare)
    said = _text(auth.post(url, {"comment": "Fel datum."}, form_url=page))
    assert (f"Rättelsen är redan påbörjad av {registrator_name} {format_date_time(started_at)}: ”Fel i "
            "fråga 2.”. Skriv den rättade texten under Yttrande. Det du skrev sparades inte: ”Fel datum.”.") in said
    assert _started(session, rid) == (1, 1)

    auth.logout()
    auth.login(registrator)
    api = auth.client.post(f"/api/v1/remisser/{rid}/yttrande/rattelse", json={"comment": "x"},
                           headers={"X-CSRFToken": csrf_token(auth.client, page)})
    assert api.status_code == 409
    assert api.get_json()["error"] == "Bara ett expedierat yttrande kan rättas; ändra utkastet i stället."
