"""walk28 Z4: closing an utgående remiss whose missiv still waited in the Utkorg did not say so, and the missiv was
e-mailed after the closing, asking for answers that could no longer be registered. The close question names it,
closing stops it (its reason in the Utkorg, the history, the message after), and reopening puts it back: the same
rows, so however often the case is closed and opened again each instans gets its missiv once."""
from __future__ import annotations

from datetime import date, timedelta
from html import unescape

from sqlmodel import select

from remiss.outgoing.service import anstand, closing, lifecycle, sending
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from tests.outgoing.conftest import NORR, SODER, run_sweep, sent_to_norr_and_soder
from tests.outgoing.test_reopen_requeues_notices import _close, _reopen
from tests.outgoing.test_walk16_close import SYSTEM
from tests.support.factories import T0, make_namnd, make_remiss
from tests.support.pages import visible_text


def _missiv(session):
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_missiv")
                        .order_by(OutboxMessage.id)).all()
    found = [(r.recipient_email, r.status, r.last_error) for r in rows]
    session.close()
    return found


def _missiv_mails(sent):
    return sorted(r[0] for r, m in sent if m["X-Remiss-Kind"] == "outgoing_missiv")


def test_closing_stops_the_waiting_missiv_says_so_and_reopening_sends_it_once(session, app, auth, client, clock,
                                                                              runner, smtp):
    remiss, user = sent_to_norr_and_soder(app, session, sent_at=T0 - timedelta(minutes=30))  # no sweep: the missiv waits in the Utkorg
    soder = remisser.entries(session, remiss.id)[1]
    anstand.grant_extension(session, now=T0 - timedelta(minutes=20), principal=SYSTEM, remiss=remiss, entry=soder,
                            until_on=date(2027, 2, 12))
    with app.app_context():
        lifecycle.compile_answers(session, now=T0 - timedelta(minutes=10), principal=SYSTEM, remiss=remiss,
                                  files_dir=app.config["FILES_DIR"])
    session.commit()
    rid = remiss.id
    session.close()
    clock.set(T0)
    auth.login(user.email)
    page = unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))
    said = ("Meddelandena till Norr (missivet) och Söder (missivet och beskedet om anstånd) väntar i utkorgen och "
            "skickas inte när ärendet avslutas.")
    assert said in page, page  # the close button's question (old code: only the besked)

    r = auth.post(f"/remisser/{rid}/utskick/avsluta", {"confirm_close": "1"}, form_url=f"/remisser/{rid}")
    assert r.status_code == 302
    page = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert ("Ärendet är avslutat. Planerade påminnelser är stoppade. Meddelandena till Norr (missivet) och Söder "
            "(missivet och beskedet om anstånd) skickas inte.") in page, page
    assert ("Meddelandena till Norr (missivet) och Söder (missivet och beskedet om anstånd) stoppades i "
            "utkorgen") in page
    assert "stoppat i utkorgen (inte skickat)" in page  # the instanser's rows, not "Skickad … med e-post"
    assert _missiv(session) == [(NORR.email, "cancelled", closing.NOTICE_CANCELLED),
                                (SODER.email, "cancelled", closing.NOTICE_CANCELLED)]
    assert not _missiv_mails(run_sweep(runner, smtp, T0 + timedelta(minutes=5)))  # old code: both e-mailed

    clock.set(T0 + timedelta(minutes=10))
    _reopen(auth, rid)
    clock.set(T0 + timedelta(minutes=11))
    _close(auth, rid)
    clock.set(T0 + timedelta(minutes=12))
    _reopen(auth, rid)
    assert [s for _, s, _ in _missiv(session)] == ["pending", "pending"]
    page = visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert ("Meddelandena till Norr (missivet) och Söder (missivet och beskedet om anstånd) lades i utkorgen "
            "igen") in page, page
    sent = run_sweep(runner, smtp, T0 + timedelta(minutes=20))
    assert _missiv_mails(sent) == [NORR.email, SODER.email]
    clock.set(T0 + timedelta(minutes=30))
    _close(auth, rid)
    clock.set(T0 + timedelta(minutes=31))
    _reopen(auth, rid)
    assert not _missiv_mails(run_sweep(runner, smtp, T0 + timedelta(minutes=40)))
    assert _missiv_mails([(r, m) for r, m in smtp.messages]) == [NORR.email, SODER.email]


def test_the_close_question_names_a_waiting_missiv_after_the_svarstid(session, app):
    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=T0 - timedelta(days=30),
                         deadline_on=date(2026, 11, 20), deadline_time=None, questions=["Fråga?"], sandlista=[NORR])
    with app.app_context():
        sending.send(session, now=T0 - timedelta(days=20), principal=SYSTEM, remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
        lifecycle.compile_answers(session, now=T0, principal=SYSTEM, remiss=remiss, files_dir=app.config["FILES_DIR"])
    session.commit()
    # the svarstid is over, so no answer is cut off, but the missiv never left the Utkorg (a mail server down)
    assert closing.close_question(session, remiss, T0) == (
        "Missivet till Norr väntar i utkorgen och skickas inte när ärendet avslutas.")


def test_the_compile_question_names_a_missiv_still_in_the_utkorg(session, app, auth, client, clock):
    remiss, user = sent_to_norr_and_soder(app, session, sent_at=T0 - timedelta(minutes=30))
    rid = remiss.id
    session.close()
    clock.set(T0)
    auth.login(user.email)
    said = "Missivet till Norr och Söder väntar i utkorgen och är inte skickat än."
    assert said in unescape(client.get(f"/remisser/{rid}").get_data(as_text=True))  # the button's dialog
    r = auth.post(f"/remisser/{rid}/utskick/sammanstall", {}, form_url=f"/remisser/{rid}")  # without JavaScript
    page = visible_text(r.get_data(as_text=True) if r.status_code == 200 else client.get(f"/remisser/{rid}").get_data(
        as_text=True))
    assert "Svaren sammanställdes inte: " in page and said in page, page
