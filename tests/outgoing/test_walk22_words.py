"""walk22 L9 and L12g: the start page said "1 påminnelse planerade"; after the frågeställningar changed post-send,
the flash said "Skicka det ändrade missivet till dem" of one instans and Nästa steg still said "Vänta på svaren"
while the panel asked to send the change."""
from __future__ import annotations

import re
from datetime import date
from html import unescape

from sqlmodel import select

from remiss.outgoing.service import chasers
from remiss.reminders.models import OutboxMessage, OutboxStatus
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk9_dates import TODAY, _world


def _text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def _send(session, auth, clock, deadline):
    clock.set(TODAY)
    _, user, remiss = _world(session, deadline=deadline)
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    session.rollback()
    return remiss, page


def _pending(session, remiss_id):
    return session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                    OutboxMessage.kind == chasers.KIND,
                                                    OutboxMessage.status == OutboxStatus.pending.value)).all()


def test_one_planned_chaser_is_said_in_the_singular_on_the_start_page(session, client, auth, clock):
    remiss, page = _send(session, auth, clock, date(2026, 12, 11))
    planned = _pending(session, remiss.id)
    assert len(planned) >= 2, "the world plans a chaser per instans"
    # the other instans answers: its chasers stop, one instans's are left
    entries = {m.key.split(":")[3] for m in planned}
    session.rollback()
    miljo = sorted(entries)[-1]
    assert auth.post(f"{page}/utskick/instanser/{miljo}", {"action": "answer", "answered_on": "2026-12-04",
                                                           "summary": "Positiva."}, form_url=page).status_code == 302
    session.expire_all()
    left = _pending(session, remiss.id)
    session.rollback()
    assert len(left) == 1
    start = _text(client.get("/"))
    assert "1 påminnelse planerad, nästa" in start, start
    assert "påminnelse planerade" not in start
    assert "1 påminnelse planerad." in _text(client.get(page))  # as the remiss page's panel says it


def test_a_change_of_the_questions_for_one_instans_says_den_and_nasta_steg_names_skicka_andringen(
        session, client, auth, clock, runner, smtp):
    remiss, page = _send(session, auth, clock, date(2027, 1, 29))
    assert len(run_sweep(runner, smtp, clock.now)) == 2  # the missiv out of the Utkorg
    ids = sorted(int(m.key.split(":")[3]) for m in _pending(session, remiss.id))
    session.rollback()
    miljo = ids[-1]
    assert auth.post(f"{page}/utskick/instanser/{miljo}", {"action": "answer", "answered_on": "2026-12-04",
                                                           "summary": "Positiva."}, form_url=page).status_code == 302
    clock.advance(minutes=5)
    before = _text(client.get(page))
    assert "Nästa steg: Vänta på svaren" in before
    url = f"{page}/andra"
    saved = _text(auth.post(url, {"questions": "Fråga ett\nFråga två (ny)",
                                  "sandlista": "Trafiknämnden\nMiljönämnden"}, form_url=url, follow_redirects=True))
    assert ("Trafiknämnden har fått missivet med de tidigare frågeställningarna. Skicka det ändrade missivet till "
            "den med ”Skicka ändringen” under Utskick och svar.") in saved
    assert "till dem med" not in saved
    assert ("Nästa steg: Skicka ändringen till Trafiknämnden under Utskick och svar: den har missivet med de "
            "tidigare frågeställningarna. Vänta sedan på svaren.") in saved
    assert "Skicka ändringen till 1 remissinstans" in saved  # the panel's button it names
    clock.advance(minutes=5)
    done = _text(auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page,
                           follow_redirects=True))
    assert "Nästa steg: Skicka ändringen" not in done
