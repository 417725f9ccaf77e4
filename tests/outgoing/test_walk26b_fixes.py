"""walk26b X18, X5, X15, X9, X8 on utgående remisser, with real .docx templates, the real local SMTP server and the
real Inkorg import.

X18: an instans whose missiv is held back never got the remiss, so it cannot be granted anstånd (nor asked for it),
and no besked about more time is e-mailed; nor is it said to have "fått missivet med de tidigare frågeställningarna".
"""
from __future__ import annotations

from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_h_out23_queued_missiv import _text
from tests.outgoing.test_h_queue24_queued_missiv import _minutes
from tests.outgoing.test_held_missiv_new_template import _held


def test_x18_no_anstand_for_an_instans_whose_missiv_is_held(session, client, auth, clock, runner, smtp):
    rid, _, page = _held(session, client, auth, clock)
    entry = remisser.entries(session, rid)[0]
    name, entry_id = entry.name, entry.id
    session.rollback()
    url = f"{page}/utskick/instanser/{entry_id}"
    said = _text(auth.post(url, {"action": "grant_extension", "until_on": "2027-03-26", "until_time": ""},
                           form_url=url, follow_redirects=True))
    # old code: "Klart: … har fått anstånd till 26 mars 2027. Beskedet läggs i utkorgen och e-postas …"
    assert "har fått anstånd" not in said, said[:3000]
    assert (f"Missivet till {name} hålls kvar och är inte skickat, så {name} har inte fått remissen och kan inte "
            "få anstånd än. Anstånd kan ges när missivet har skickats.") in said, said[:3000]
    assert "har fått missivet med de tidigare frågeställningarna" not in said
    asked = _text(auth.post(url, {"action": "request_extension", "until_on": "2027-03-26", "until_time": ""},
                            form_url=url, follow_redirects=True))
    assert f"{name} har inte fått remissen och kan inte få anstånd än" in asked, asked[:3000]
    kinds = session.exec(select(OutboxMessage.kind).where(OutboxMessage.remiss_id == rid)).all()
    assert "outgoing_extension" not in kinds
    session.rollback()
    assert run_sweep(runner, smtp, clock.now + _minutes(5)) == []  # nothing is e-mailed to it


def test_x8_compiling_with_a_held_missiv_does_not_wait_for_the_held_one(session, client, auth, clock, smtp):
    """walk26b X8: with one instans answered and the other's missiv held, the Klart message said "… och 1
    remissinstans har inte svarat" beside "1 av 1 har svarat": the held one never got the remiss."""
    rid, _, page = _held(session, client, auth, clock)
    first, second = remisser.entries(session, rid)[:2]
    url, held_name = f"{page}/utskick/instanser/{first.id}", second.name
    held_address, first_address = second.email, first.email
    session.rollback()
    assert auth.post(url, {"action": "answer", "answered_on": clock.now.date().isoformat(),
                           "summary": "Vi tillstyrker."}, form_url=url).status_code == 302
    done = _text(auth.post(f"{page}/utskick/sammanstall", {"confirm_compile": "1"}, form_url=page,
                           follow_redirects=True))
    said = done.split("Svaren är sammanställda i", 1)[1][:600]
    assert "har inte svarat" not in said, said  # old code: "…, och 1 remissinstans har inte svarat."
    # one wording for the one list: the instans with its address (session 27: the Klart named it, the panel its
    # address in one line and its name in another)
    one = f"Missivet till {held_name} ({held_address}) hålls kvar, så den har inte fått remissen"
    assert f"{one}." in said, said
    # the held missiv is said for the one that has not got the remiss only, not for the one that answered
    # (old code: "Missivet till trafik@example.se och miljo@example.se hålls kvar" beside
    # "hålls kvar till Miljönämnden")
    shown = _text(client.get(page))
    panel = shown.split("Utskick och svar", 2)[2].split("Antal per status", 1)[0]
    assert f"{one}: " in panel, panel
    assert panel.count(held_name) == 1 and panel.count(held_address) == 1, panel  # old code: two lines
    assert first_address not in shown.split("Nästa steg", 1)[1].split("Historik", 1)[0].replace(
        f"Missivet till {held_address}", ""), shown[:4000]
    # nor has it got a missiv "med de tidigare frågeställningarna" (old code: that Observera, once compiled)
    assert "har fått missivet med de tidigare frågeställningarna" not in shown
