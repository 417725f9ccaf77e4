"""Walk11 finding 10: a remiss without an answer address is not besvarad when its yttrande is expedierat: it waits on
the sekreterare's "Att registrera och avsluta" until someone records it sent ("Skickat per post … den …"), and
the handläggare is not told it is besvarad before then. Status, start page, remiss page, mail and API agree."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.drafting.test_expediering_mail import expediera
from tests.support.pages import visible_text


def _waiting(client) -> str:
    page = client.get("/").get_data(as_text=True)
    found = re.search(r'<section aria-labelledby="h-att-registrera">(.*?)</section>', page, re.S)
    return visible_text(found.group(1)) if found else ""


def _answered_notices(reader) -> list:
    reader.rollback()
    return reader.exec(select(OutboxMessage).where(OutboxMessage.kind == "answered")).all()


def test_expedierat_without_address_waits_until_recorded_as_sent(decided, auth, client, reader, clock, world):
    rid = decided(answer_email="")
    page = f"/remisser/{rid}"
    assert expediera(auth, rid).status_code == 302
    reader.rollback()
    assert reader.get(Remiss, rid).status == "beslutad" and reader.get(Remiss, rid).answered_at is None
    # the start page keeps it; the remiss page asks for the form; nobody is told it is besvarad
    assert f"Skicka yttrandet och registrera att det är skickat: {world['remiss'].our_dnr}" in _waiting(client)
    shown = visible_text(client.get(page).get_data(as_text=True))
    assert "Skickat per post eller på annat sätt" in shown and "Besvarad i tid" not in shown
    assert "remissen är besvarad först när sändningen är registrerad." in shown
    assert _answered_notices(reader) == []
    api = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert api["status"] == "beslutad" and api["yttrande"]["sent_by_hand_pending"] is True

    # a day in the future is refused, with the typed day kept
    clock.set(datetime(2015, 9, 28, 8, 0, tzinfo=timezone.utc))
    response = auth.post(f"{page}/yttrande/skickat", {"way": "post", "sent_on": "2015-10-30"}, form_url=page)
    assert response.status_code == 400
    assert "Dagen ligger i framtiden" in visible_text(response.get_data(as_text=True))
    assert 'value="2015-10-30"' in response.get_data(as_text=True)
    reader.rollback()
    assert reader.get(Remiss, rid).status == "beslutad"

    # recorded: besvarad, answered that day, off the start page, the handläggare told now
    response = auth.post(f"{page}/yttrande/skickat", {"way": "post", "sent_on": "25 september 2015"}, form_url=page)
    assert response.status_code == 302
    # the message box itself says "Klart:" (walk17 F13: it said "Klart: Klart: yttrandet …")
    told = visible_text(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "Klart: Yttrandet är registrerat som skickat 25 september 2015 och remissen är besvarad." in told
    assert "Klart: Klart" not in told
    reader.rollback()
    remiss = reader.get(Remiss, rid)
    assert remiss.status == "besvarad"
    assert remiss.answered_at.replace(tzinfo=timezone.utc) == datetime(2015, 9, 25, 10, 0, tzinfo=timezone.utc)
    assert world["remiss"].our_dnr not in _waiting(client)
    assert len(_answered_notices(reader)) == 1
    history = visible_text(client.get(page).get_data(as_text=True)).rsplit("Historik", 1)[-1]
    assert "Yttrandet skickat per post den 25 september 2015" in history
    api = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert api["status"] == "besvarad" and api["yttrande"]["sent_by_hand_pending"] is False


def test_recorded_sent_twice_says_so_in_the_page_and_records_once(decided, auth, client, reader, clock, world):
    """Session 24: "Registrera att yttrandet är skickat" pressed again (a double click, a second tab) answered 302
    and "Fel: Det finns inget expedierat yttrande som väntar …" through a flash, which can be lost or shown on
    another page when two requests race (walk21b K4). Now the page itself says what was recorded, by whom and
    when; nothing is recorded twice; the API answers as before."""
    rid = decided(answer_email="")
    page = f"/remisser/{rid}"
    assert expediera(auth, rid).status_code == 302
    clock.set(datetime(2015, 9, 28, 8, 0, tzinfo=timezone.utc))
    form = {"way": "post", "sent_on": "25 september 2015"}
    assert auth.post(f"{page}/yttrande/skickat", form, form_url=page).status_code == 302
    client.get(page)  # the first answer's flash read where it belongs
    clock.advance(seconds=2)

    again = auth.post(f"{page}/yttrande/skickat", form, form_url=page)
    assert again.status_code == 200 and "Location" not in again.headers
    said = visible_text(again.get_data(as_text=True))
    assert ("Information: Yttrandet är redan registrerat som skickat av dig 28 september 2015 kl. 10.00: per post "
            "den 25 september 2015. Inget mer behöver göras.") in said
    assert "Fel:" not in said
    assert "redan registrerat" not in visible_text(client.get(page).get_data(as_text=True))  # nothing rides the cookie
    history = visible_text(client.get(page).get_data(as_text=True)).rsplit("Historik", 1)[-1]
    assert history.count("Yttrandet skickat per post den 25 september 2015") == 1
    assert len(_answered_notices(reader)) == 1  # one outbox row telling the handläggare

    auth.logout()  # another user, from a page opened before: named, not "dig"
    auth.login(world["granskare"].email)
    said = visible_text(auth.post(f"{page}/yttrande/skickat", form, form_url=page).get_data(as_text=True))
    assert f"registrerat som skickat av {world['registrator'].name} 28 september 2015 kl. 10.00" in said

    api = client.post(f"/api/v1/remisser/{rid}/yttrande/skickat", json={"way": "post", "sent_on": "2015-09-25"},
                      headers={"X-CSRFToken": csrf_token(client, page)})
    assert api.status_code == 409  # the API as before
    assert api.get_json()["error"] == "Det finns inget expedierat yttrande som väntar på att registreras som skickat."
    assert len(_answered_notices(reader)) == 1
