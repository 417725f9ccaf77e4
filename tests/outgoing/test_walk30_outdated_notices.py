"""Session 30 B3: a besked om anstånd or a notice of förlängd remisstid that had not left the Utkorg stayed there
when a later förlängning or the instans's answer made it outdated, and went out after all: the instans was told two
dates, or told of a svarsdag after it had answered. An outdated unsent message is marked "Ersatt av senare" (not
sent) with why, in the Utkorg and the history; one already sent is history and is left as it is."""
from __future__ import annotations

import re
from datetime import date, time
from html import unescape

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.outgoing.service import remisstid, sending
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.conftest import Auth
from tests.outgoing.conftest import run_sweep
from tests.outgoing.test_walk12b_extension import at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.pages import visible_text


def _world(app, session, clock, auth):
    """An utgående remiss (svarsdag 1 March 2027 kl. 12.00) sent to Lund and Malmö on 5 December 2026; its
    registrator is signed in."""
    clock.set(at(2026, 12, 5, 0, 30))
    namnd = make_namnd(session, name="Kommunstyrelsen")
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    make_user(session, role=Role.admin, email="admin@kommun.example")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 12, 5, 0, 20),
                         deadline_on=date(2027, 3, 1), deadline_time=time(12, 0),
                         sandlista=[SandlistaItem("Lunds kommun", "registrator@lund.example"),
                                    SandlistaItem("Malmö stad", "registrator@malmo.example")])
    with app.app_context():
        sending.send(session, now=at(2026, 12, 5, 0, 25), principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    auth.login(user.email)
    ids = {e.name: e.id for e in remisser.entries(session, remiss.id)}
    remiss_id = remiss.id
    session.rollback()
    return remiss_id, ids


def _notices(db, remiss_id):
    return [(r.recipient_email, r.key.split(":")[1], r.status, r.last_error) for r in db.session(write=False).exec(
        select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                    OutboxMessage.kind == remisstid.EXTENSION_KIND).order_by(OutboxMessage.id))]


def _grant(auth, remiss_id, entry_id, until_on):
    answer = auth.post(f"/remisser/{remiss_id}/utskick/instanser/{entry_id}",
                       {"action": "grant_extension", "until_on": until_on, "until_time": ""})
    assert answer.status_code == 302, unescape(answer.get_data(as_text=True))[:3000]


def _extend(auth, remiss_id, until_on):
    answer = auth.post(f"/remisser/{remiss_id}/utskick/forlangning",
                       {"until_on": until_on, "until_time": "12.00", "confirm_extension": "1"})
    assert answer.status_code == 302, unescape(answer.get_data(as_text=True))[:3000]


def _body(mail) -> str:
    return " ".join(mail.get_body(("plain",)).get_content().split())


LUND = "registrator@lund.example"


def test_a_later_anstand_supersedes_the_unsent_besked_and_only_the_later_goes_out(app, db, session, clock, auth,
                                                                                  smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 40))  # the missiv goes out
    _grant(auth, remiss_id, ids["Lunds kommun"], "2027-04-09")
    _grant(auth, remiss_id, ids["Lunds kommun"], "2027-04-20")
    (_, _, first, why), (_, _, second, _) = _notices(db, remiss_id)
    assert (first, second) == ("superseded", "pending")  # old: both "pending", both sent
    assert "20 april 2027" in why
    mails = run_sweep(runner, smtp, at(2026, 12, 5, 0, 50))
    assert [rcpts for rcpts, _ in mails] == [[LUND]]
    assert "9 april" not in _body(mails[0][1]) and "20 april 2027" in _body(mails[0][1])
    # the svarsdag it had is the one it was told, not the 9 April it never heard of
    assert "Svaret skulle vara Kommunstyrelsen tillhanda senast 1 mars 2027 kl. 12.00." in _body(mails[0][1])

    admin = Auth(app.test_client())
    admin.login("admin@kommun.example")
    page = " ".join(unescape(admin.client.get(f"/admin/utkorg?email={LUND}").get_data(as_text=True))
                    .split())
    assert "Ersatt av senare" in page and why in page
    history = " ".join(unescape(auth.client.get(f"/remisser/{remiss_id}").get_data(as_text=True)).split())
    assert "Beskedet om anstånd till Lunds kommun låg i utkorgen och skickas inte" in history


def test_a_sent_besked_is_history_and_is_left_as_it_is(app, db, session, clock, auth, smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 40))
    _grant(auth, remiss_id, ids["Lunds kommun"], "2027-04-09")
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 50))
    _grant(auth, remiss_id, ids["Lunds kommun"], "2027-04-20")
    assert [status for _, _, status, _ in _notices(db, remiss_id)] == ["sent", "pending"]


def test_the_answer_supersedes_an_unsent_besked_and_a_notice(app, db, session, clock, auth, smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 40))
    _extend(auth, remiss_id, "2027-03-15")  # a notice to each
    _grant(auth, remiss_id, ids["Malmö stad"], "2027-04-09")  # Malmö's notice is outdated by its anstånd
    answer = auth.post(f"/remisser/{remiss_id}/utskick/instanser/{ids['Lunds kommun']}",
                       {"action": "answer", "answered_on": "2026-12-05", "summary": "Inga invändningar"})
    assert answer.status_code == 302, unescape(answer.get_data(as_text=True))[:3000]
    answer = auth.post(f"/remisser/{remiss_id}/utskick/instanser/{ids['Malmö stad']}",
                       {"action": "decline", "note": ""})
    assert answer.status_code == 302, unescape(answer.get_data(as_text=True))[:3000]
    notices = _notices(db, remiss_id)
    assert [(to, what, status) for to, what, status, _ in notices] == [
        (LUND, "extension", "superseded"), ("registrator@malmo.example", "extension", "superseded"),
        ("registrator@malmo.example", "anstand", "superseded")]
    assert "Lunds kommun har svarat" in notices[0][3] and "Malmö stad avstår" in notices[2][3]
    assert "anstånd till 9 april 2027" in notices[1][3]
    assert run_sweep(runner, smtp, at(2026, 12, 5, 0, 50)) == []
    # the history names the event in Swedish and the instans as it is written (walk30: "notices_superseded",
    # "… skickas inte: lunds kommun har svarat …")
    page = auth.client.get(f"/remisser/{remiss_id}").get_data(as_text=True)
    history = visible_text(page[page.index('id="historik"'):])
    assert "notices_superseded" not in history
    # nothing replaced it: "Stoppat … – behövs inte", not "Ersatt" (walk31 #8)
    assert re.search(r"Stoppat i utkorgen – behövs inte av [^(]+\(Meddelandet om förlängd remisstid till Lunds kommun låg i "
                     r"utkorgen och skickas inte\. Lunds kommun har svarat innan det skickades, så det behövs inte "
                     r"längre\.\)", history), history


def test_a_later_general_extension_supersedes_the_unsent_notice(app, db, session, clock, auth, smtp, runner):
    remiss_id, ids = _world(app, session, clock, auth)
    run_sweep(runner, smtp, at(2026, 12, 5, 0, 40))
    _extend(auth, remiss_id, "2027-03-15")
    _extend(auth, remiss_id, "2027-03-29")
    assert [(to, status) for to, _, status, _ in _notices(db, remiss_id)] == [
        (LUND, "superseded"), ("registrator@malmo.example", "superseded"), (LUND, "pending"),
        ("registrator@malmo.example", "pending")]
    mails = run_sweep(runner, smtp, at(2026, 12, 5, 0, 50))
    assert sorted(rcpts[0] for rcpts, _ in mails) == [LUND, "registrator@malmo.example"]
    assert all("29 mars 2027" in _body(mail) and "15 mars" not in _body(mail) for _, mail in mails)
    assert all("senast 1 mars 2027 kl. 12.00." in _body(mail) for _, mail in mails)
