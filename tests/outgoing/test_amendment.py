"""Walk12b #14: frågeställningar changed after the remiss went out reached only instanser sent to later, and saving
said nothing. Saving now says who has the old frågeställningar and who is still to be sent the remiss, and the panel
offers to send the changed missiv to those already sent to (not to one that has answered), once."""
from __future__ import annotations

import json
import re
from html import unescape

from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk9_dates import _sent


def _text(response) -> str:
    """The page's text, tags left out."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def test_changed_questions_after_sending_are_told_and_offered_to_those_already_sent_to(session, client, auth,
                                                                                       clock, runner, smtp):
    remiss, page, (trafik, miljo) = _sent(session, client, auth, clock)
    run_sweep(runner, smtp, clock.now)  # the missiv goes out (one still in the Utkorg is made anew, h-out23 M5)
    answer = f"{page}/utskick/instanser/{miljo}"
    assert auth.post(answer, {"action": "answer", "answered_on": "2026-12-04", "summary": "Positiva."},
                     form_url=answer).status_code == 302
    clock.advance(minutes=5)
    url = f"{page}/andra"
    saved = auth.post(url, {"questions": "Fråga ett\nFråga två (ny)",
                            "sandlista": "Trafiknämnden\nMiljönämnden\nTekniska nämnden"},
                      form_url=url, follow_redirects=True)
    said = _text(saved)
    assert "Trafiknämnden har fått missivet med de tidigare frågeställningarna." in said
    assert "Tekniska nämnden har inte fått remissen än: skicka remissen, så får den det nya missivet." in said
    assert "Miljönämnden har fått missivet" not in said  # it has answered
    assert "Skicka ändringen till 1 remissinstans" in said

    clock.advance(minutes=5)
    done = _text(auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page, follow_redirects=True))
    assert ("Ändringen skickas: det ändrade missivet läggs i utkorgen och e-postas inom några minuter till "
            "Trafiknämnden.") in done
    assert "Skicka ändringen till" not in done
    # its history names what was sent, to whom (old code: "Ändrat missiv skickat", a heading no button says)
    history = _text(client.get(page))
    assert re.search(r"– Ändring skickad till remissinstansen av [^(]+ \(Det ändrade missivet lagt i utkorgen för "
                     r"e-post till Trafiknämnden\)", history), history
    assert "Ändrat missiv skickat" not in history
    session.expire_all()
    changed = OutboxMessage.subject.contains(" – Ändrade frågeställningar")  # after who sends it (walk25b Z7)
    mails = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id, changed)).all()
    assert [m.recipient_email for m in mails] == ["trafik@example.se"]
    payload = json.loads(mails[0].payload)
    assert "har ändrat frågeställningarna" in payload["text"]
    assert any(" – missiv " in a["filename"] for a in payload["attachments"])
    session.rollback()
    again = _text(auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page,
                            follow_redirects=True))
    assert "Ändringen skickades inte: Alla som har fått remissen har redan de gällande frågeställningarna." in again


def test_an_edit_that_leaves_the_questions_alone_offers_nothing(session, client, auth, clock):
    remiss, page, _ = _sent(session, client, auth, clock)
    clock.advance(minutes=5)
    url = f"{page}/andra"
    said = _text(auth.post(url, {"title": "Trafikplan för Öster"}, form_url=url, follow_redirects=True))
    assert "Ändringarna är sparade." in said
    assert "tidigare frågeställningarna" not in said and "Skicka ändringen" not in said


def test_an_instans_added_after_sending_is_named_in_nasta_steg(session, client, auth, clock):
    remiss, page, _ = _sent(session, client, auth, clock)
    clock.advance(minutes=5)
    url = f"{page}/andra"
    shown = _text(auth.post(url, {"sandlista": "Trafiknämnden\nMiljönämnden\nTekniska nämnden"}, form_url=url,
                            follow_redirects=True))
    # the first missiv still waits in the Utkorg (no sweep here), said first (walk21 J3)
    assert "Nästa steg: Missivet till trafik@example.se och miljo@example.se väntar i utkorgen sedan" in shown
    assert ("det är inte skickat ännu. Skicka remissen till Tekniska nämnden, som inte har fått den än. Vänta sedan "
            "på svaren.") in shown
    assert "Inte skickad än till: Tekniska nämnden." in shown


def test_the_compilation_and_the_deadline_mail_do_not_count_an_unsent_instans_as_sent_to(session, client, auth,
                                                                                          clock):
    from remiss.outgoing import compilation, mails
    from remiss.remisser.models import Remiss

    remiss, page, (trafik, miljo) = _sent(session, client, auth, clock)
    answer = f"{page}/utskick/instanser/{miljo}"
    assert auth.post(answer, {"action": "answer", "answered_on": "2026-12-04", "summary": "Positiva."},
                     form_url=answer).status_code == 302
    url = f"{page}/andra"
    assert auth.post(url, {"sandlista": "Trafiknämnden\nMiljönämnden\nTekniska nämnden"},
                     form_url=url).status_code == 302
    session.expire_all()
    fresh = session.get(Remiss, remiss.id)
    made = compilation.context(session, now=clock.now, remiss=fresh)
    assert made["statistik"]["text"] == ("Remissen skickades till 2 remissinstanser: 1 har svarat (50 procent) och "
                                         "1 har ännu inte svarat. 1 remissinstans på sändlistan har inte fått "
                                         "remissen.")
    assert made["ej_svarat"] == ["Trafiknämnden", "Tekniska nämnden (har inte fått remissen)"]
    text = json.loads(json.dumps(mails.deadline_notice(session, remiss=fresh, base_url="http://x")))["text"]
    assert "Inte svarat än: Trafiknämnden." in text
    assert "Remissen är inte skickad än till Tekniska nämnden: skicka den under Utskick och svar." in text
    session.rollback()
