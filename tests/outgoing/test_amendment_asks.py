"""walk21 J14: without JavaScript "Skicka ändringen" queued the changed missiv at once; the question was only in
the dialog, and it named the instanser but not the addresses nor that it cannot be undone. Now the dialog says to
whom it is e-mailed and "Det går inte att ångra.", and a post without its yes sends nothing: the page asks beside
the button with the box "Ja, skicka ändringen" (remiss/web/asking.py), as "Observera", not "Fel". When nothing
is left to send, the post is refused as before, without a question."""
from __future__ import annotations

import re

from sqlmodel import select

from remiss.outgoing.service.amendments import KIND
from remiss.reminders.models import OutboxMessage
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk9_dates import _sent
from tests.support.asking import assert_asked_beside, form_at, visible_text

# the missiv was made when the remiss went out, before the questions changed: the changed one is made now, unread,
# and the question says so as Skicka remissen's does (h-out22)
QUESTION = ("Missivet är inaktuellt (remissen har ändrats efter att det skapades 4 december 2026 kl. 16.40): ett nytt "
            "skapas nu från standardmallen och skickas utan att någon har läst det. "
            "Skicka det ändrade missivet till Trafiknämnden och Miljönämnden? Det läggs i utkorgen och e-postas inom "
            "några minuter till 2 remissinstanser: trafik@example.se, miljo@example.se. Det går inte att ångra.")


def _form(page: str) -> str:
    return form_at(page, 'utskick/andring"')


def _queued(session, rid: int) -> int:
    session.expire_all()
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == rid, OutboxMessage.kind == KIND)).all()
    session.rollback()
    return len(rows)


def test_sending_the_amendment_without_the_dialogs_yes_asks_on_the_page(session, client, auth, clock, runner,
                                                                         smtp):
    remiss, page, _ = _sent(session, client, auth, clock)
    run_sweep(runner, smtp, clock.now)  # the missiv goes out (one still in the Utkorg is made anew, h-out23 M5)
    rid = remiss.id
    session.rollback()  # the test's read ends, so the app may write (SQLite has one writer)
    clock.advance(minutes=5)
    url = f"{page}/andra"
    assert auth.post(url, {"questions": "Fråga ett\nFråga två (ny)"}, form_url=url).status_code == 302
    emails = sorted(re.findall(r"[a-z]+@example\.se", QUESTION))
    form = _form(client.get(page).get_data(as_text=True))
    assert f'data-confirm="{QUESTION}" data-confirmed="confirm_amendment"' in form, form
    assert 'name="confirm_amendment"' not in form

    refused = auth.post(f"{page}/utskick/andring", {}, form_url=page)
    assert refused.headers["Location"].endswith("?skicka-andring=fraga#skicka-andring")
    asked = client.get(refused.headers["Location"]).get_data(as_text=True)
    # Old code: "Ändringen skickas: det ändrade missivet läggs i utkorgen …" with no question
    assert ("Observera: Ändringen är inte skickad: att skicka den går inte att ångra. Läs frågan vid knappen och "
            "kryssa i ”Ja, skicka ändringen” om den ska skickas.") in visible_text(asked)
    form = _form(asked)
    assert_asked_beside(form, "confirm_amendment", QUESTION, "Ja, skicka ändringen")
    assert "Fel:" not in visible_text(asked)
    assert _queued(session, rid) == 0

    done = visible_text(auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"},
                           form_url=refused.headers["Location"], follow_redirects=True).get_data(as_text=True))
    assert "Ändringen skickas: det ändrade missivet läggs i utkorgen" in done
    assert _queued(session, rid) == len(emails) == 2

    # nothing left to send: refused first, no question
    again = auth.post(f"{page}/utskick/andring", {}, form_url=page)
    assert "skicka-andring=fraga" not in again.headers["Location"]
    said = visible_text(client.get(again.headers["Location"]).get_data(as_text=True))
    assert "Ändringen skickades inte: Alla som har fått remissen har redan de gällande frågeställningarna." in said
    assert "Ja, skicka ändringen" not in said
