"""Walk18 F2, utgående: "Skicka remissen" said the missiv "e-postas genast" and the page said nothing while it sat
unsent in the Utkorg. The question and the flash say it is queued, the page lists the mail of the remiss that still
waits or failed, and the history says it was put in the Utkorg."""
from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from sqlalchemy import update

from remiss.reminders.models import OutboxMessage
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk9_dates import TODAY, _world

QUEUED = "läggs i utkorgen och e-postas inom några minuter"
WAITS = ("Missivet till trafik@example.se och miljo@example.se väntar i utkorgen sedan 4 december 2026 kl. 16.40: "
         "det är inte skickat ännu.")


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def test_the_outgoing_page_says_the_missiv_waits_in_the_utkorg_until_a_sweep_sends_it(session, client, auth, clock,
                                                                                       runner, smtp):
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=TODAY.date() + timedelta(days=56))
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    before = _text(client.get(page))
    assert f"Skicka remissen nu? Den {QUEUED} till 2 remissinstanser: trafik@example.se, miljo@example.se." \
        in unescape(client.get(page).get_data(as_text=True)).replace("\n", " ")
    assert "genast" not in before
    said = _text(auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page, follow_redirects=True))
    assert f"Remissen är skickad: missivet {QUEUED} till 2 remissinstanser." in said
    assert WAITS in said  # the remiss page the flash is shown on
    assert "Utskick av " in said and "(Missivet lagt i utkorgen för e-post till 2 remissinstanser)" in said  # history

    clock.advance(minutes=3)
    mailed = run_sweep(runner, smtp, clock.now)
    assert sorted(to for rcpts, _ in mailed for to in rcpts) == ["miljo@example.se", "trafik@example.se"]
    session.rollback()
    shown = _text(client.get(page))
    assert "väntar i utkorgen" not in shown and "kunde inte skickas" not in shown

    # a row that failed for good is said with its error, until an administrator sends it again
    session.execute(update(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                OutboxMessage.recipient_email == "miljo@example.se")
                    .values(status="failed", last_error="550 Mailbox unavailable"))
    session.commit()
    assert ("Missivet till miljo@example.se kunde inte skickas: 550 Mailbox unavailable. En administratör kan "
            "skicka det igen från utkorgen.") in _text(client.get(page))


def test_a_failed_reminder_is_said_as_an_en_ord(session, client, auth, clock, runner, smtp):
    """"Påminnelsen … kunde inte skickas … skicka den igen" (it said "det" of an en-ord)."""
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=TODAY.date() + timedelta(days=56))
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/missiv", {}, form_url=page).status_code == 302
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    session.execute(update(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                OutboxMessage.recipient_email == "miljo@example.se")
                    .values(kind="outgoing_chaser", status="failed", last_error="550 Mailbox unavailable"))
    session.commit()
    assert ("Påminnelsen till miljo@example.se kunde inte skickas: 550 Mailbox unavailable. En administratör kan "
            "skicka den igen från utkorgen.") in _text(client.get(page))
