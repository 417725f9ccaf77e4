"""walk12b #14 through the API, and the changed missiv's own mail kind.

A PATCH of the frågeställningar of a sent remiss said nothing, while the edit form tells who has the old missiv:
the API's "warnings" (shape {"code", "message", "link_text", "url"}) now says it with the same words. The changed
missiv went into the outbox as an "outgoing_missiv", so the Utkorg and the mail files could not tell it from the
first missiv: it has its own kind, "outgoing_amendment", and reaches a real SMTP server under it."""
from __future__ import annotations

from html import unescape

from sqlmodel import select

from remiss.auth.models import Role

from remiss.outgoing.service import amendments, sending
from remiss.reminders.models import OutboxMessage
from tests.conftest import csrf_token
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk9_dates import _sent
from tests.support.factories import make_user


def test_a_patch_of_the_questions_of_a_sent_remiss_warns_as_the_form_does(session, client, auth, clock, runner,
                                                                          smtp):
    remiss, page, _ = _sent(session, client, auth, clock)
    run_sweep(runner, smtp, clock.now)  # the missiv goes out (one still in the Utkorg is made anew, h-out23 M5)
    rid = int(page.rsplit("/", 1)[1])
    clock.advance(minutes=5)
    headers = {"X-CSRFToken": csrf_token(client, page)}
    before = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert before["warnings"] == []
    changed = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json={
        "questions": ["Fråga ett", "Fråga två (ny)"],
        "sandlista": [{"name": "Trafiknämnden"}, {"name": "Miljönämnden"}, {"name": "Tekniska nämnden"}]})
    assert changed.status_code == 200, changed.get_json()
    warnings = {w["code"]: w for w in changed.get_json()["warnings"]}
    assert warnings[amendments.OLD_QUESTIONS] == {
        "code": "fragestallningar_ej_meddelade",
        "message": "Trafiknämnden och Miljönämnden har fått missivet med de tidigare frågeställningarna. Skicka det "
                   "ändrade missivet till dem med ”Skicka ändringen” under Utskick och svar.",
        "link_text": "Skicka ändringen", "url": f"/remisser/{rid}#utskick"}
    assert warnings[amendments.NOT_SENT_TO]["message"] == (
        "Tekniska nämnden har inte fått remissen än: skicka remissen, så får den det nya missivet.")
    # the same words the edit form flashes (one source)
    session.expire_all()
    assert amendments.after_edit_note(session, session.get(type(remiss), rid)) == " ".join(
        w["message"] for w in changed.get_json()["warnings"])
    session.rollback()
    clock.advance(minutes=5)
    assert auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page).status_code == 302
    after = {w["code"] for w in client.get(f"/api/v1/remisser/{rid}").get_json()["warnings"]}
    assert after == {amendments.NOT_SENT_TO}  # told; Tekniska nämnden still waits for the remiss


def test_the_changed_missiv_has_its_own_kind_in_the_outbox_and_the_mail(app, session, client, auth, clock, smtp,
                                                                        runner):
    remiss, page, _ = _sent(session, client, auth, clock)
    rid = int(page.rsplit("/", 1)[1])
    run_sweep(runner, smtp, clock.now)  # the first missiv goes out
    clock.advance(minutes=5)
    url = f"{page}/andra"
    assert auth.post(url, {"questions": "Fråga ett\nFråga två (ny)"}, form_url=url).status_code == 302
    clock.advance(minutes=5)
    assert auth.post(f"{page}/utskick/andring", {"confirm_amendment": "1"}, form_url=page).status_code == 302
    sent = run_sweep(runner, smtp, clock.now)
    assert sorted((m["X-Remiss-Kind"], rcpts[0]) for rcpts, m in sent) == [
        ("outgoing_amendment", "miljo@example.se"), ("outgoing_amendment", "trafik@example.se")]
    assert all(m["Subject"].partition(" – ")[2].startswith("Ändrade frågeställningar: ") for _, m in sent)
    kinds = session.exec(select(OutboxMessage.kind, OutboxMessage.subject)
                         .where(OutboxMessage.remiss_id == rid)).all()
    assert sorted(k for k, _ in kinds if k != "outgoing_chaser") == ["outgoing_amendment"] * 2 + [
        sending.MISSIV_KIND] * 2  # the chasers are planned reminders
    admin = make_user(session, role=Role.admin).email
    session.commit()
    auth.logout()
    auth.login(admin)
    outbox = " ".join(unescape(client.get("/admin/utkorg?kind=outgoing_amendment").get_data(as_text=True)).split())
    assert "Ändrade frågeställningar till en remissinstans</option>" in outbox  # a Sort of its own to filter on
    assert "2 meddelanden matchar filtret." in outbox
    assert "trafik@example.se" in outbox and "miljo@example.se" in outbox
