"""walk9 finding 8: a double click on a state button ("Skicka till granskning", "Godkänn yttrandet") is no error.
The second request finds the yttrande already where the first put it: it says so as information, and changes
nothing (no second audit row, no second mail). Session 24: it says so in the page it answers with, naming who made
the move and when (remiss.stale_form), not by a flash and a redirect (walk21b K4)."""
from __future__ import annotations

from sqlmodel import func, select

from remiss.audit.models import AuditEvent
from remiss.calendar.swedish import format_date_time
from remiss.drafting.models import YttrandeDraft
from remiss.reminders.models import OutboxMessage
from tests.conftest import csrf_token
from tests.drafting.test_flow import draft_form


def _counts(reader, rid: int) -> tuple[int, int]:
    reader.rollback()
    states = reader.exec(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.remiss_id == rid, AuditEvent.action == "state")).one()
    mails = reader.exec(select(func.count()).select_from(OutboxMessage)).one()
    return states, mails


def _state(reader, rid: int) -> str:
    reader.rollback()
    return reader.exec(select(YttrandeDraft.state).where(YttrandeDraft.remiss_id == rid)).one()


def _in_page(response, status: int = 200) -> str:
    """The answer is the remiss page itself, not a redirect whose flash rides the session cookie: 200 for one's own
    second click, 409 when someone else made the move (a stale form, session 25)."""
    assert response.status_code == status and "Location" not in response.headers
    return " ".join(response.get_data(as_text=True).split())


def test_a_second_click_on_a_state_button_informs_and_changes_nothing(world, auth, client, reader, clock):
    rid = world["remiss"].id
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    auth.login(world["handlaggare"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    sent_at = clock()
    first = auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page, follow_redirects=True)
    assert "Yttrandet är skickat till granskning." in first.get_data(as_text=True)
    after_first = _counts(reader, rid)
    clock.advance(seconds=1)
    # Old code: 302 and the flash "Yttrandet är redan skickat till granskning." on the page it led to
    second = _in_page(auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page))
    assert f"Yttrandet är redan skickat till granskning av dig {format_date_time(sent_at)}." in second
    assert "message-info" in second and "message-error" not in second
    assert "kan inte gå från" not in second
    assert _counts(reader, rid) == after_first and _state(reader, rid) == "granskning"
    assert "redan skickat" not in client.get(page).get_data(as_text=True)  # nothing left for the next page

    auth.logout()
    auth.login(world["granskare"].email)
    approved_at = clock()
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    after_first = _counts(reader, rid)
    # another tab of the handläggare's, or a second granskare, sees who approved it
    auth.logout()
    auth.login(world["registrator"].email)
    second = _in_page(auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page), 409)
    assert (f"Yttrandet är redan godkänt av {world['granskare'].name} {format_date_time(approved_at)}."
            in second) and "message-error" not in second
    assert _counts(reader, rid) == after_first and _state(reader, rid) == "godkand"


def test_a_handlaggare_asking_again_for_approval_is_still_refused(world, auth, client, reader):
    """Only the one who may make the move is told it is made: a handläggare cannot approve, even twice."""
    rid = world["remiss"].id
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    auth.login(world["granskare"].email)
    auth.post(url, draft_form(rid), form_url=page)
    auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page)
    auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page)
    auth.logout()
    auth.login(world["handlaggare"].email)
    again = auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page)
    assert again.status_code == 403


def test_the_api_answers_a_repeated_state_with_a_note(world, client, auth, reader):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    auth.post(f"/remisser/{rid}/yttrande", draft_form(rid), form_url=f"/remisser/{rid}")
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    first = client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "granskning"}, headers=headers)
    assert first.status_code == 200, first.get_data(as_text=True)
    before = _counts(reader, rid)
    again = client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "granskning"}, headers=headers)
    assert again.status_code == 200
    assert again.get_json()["status_note"] == "Yttrandet är redan skickat till granskning."
    assert _counts(reader, rid) == before
