"""Closing an utgående remiss stops a besked om anstånd still waiting in the Utkorg (walk27 Y8); opening the case
again left it stopped, so the instans never heard of the anstånd it was granted while its answer could once more be
registered (session 28). Reopened, the notice closing stopped goes out, once, however often the case is closed and
opened again; one stopped by a person stays stopped; the history says both."""
from __future__ import annotations

import json
from datetime import date, timedelta

from sqlmodel import select

from remiss.outgoing.service import closing
from remiss.reminders.models import OutboxMessage
from remiss.reminders.resend import stopped_by
from tests.outgoing.conftest import SODER, run_sweep, soder_granted_anstand
from tests.support.factories import T0
from tests.support.pages import visible_text


def _history(client, rid: int) -> str:
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    return visible_text(page[page.index('id="historik"'):])


def _closed_with_anstand(session, app, auth, clock, runner, smtp, *, both: bool = False) -> int:
    """soder_granted_anstand compiled (Norr granted one to 5 February 2027 too when both), then closed on the page:
    returns its id; the registrator stays signed in."""
    rid, _ = soder_granted_anstand(app, session, clock, auth, runner, smtp,
                                   norr_until=date(2027, 2, 5) if both else None, compiled=True)
    _close(auth, rid)
    return rid


def _reopen(auth, rid: int):
    r = auth.post(f"/remisser/{rid}/status", {"status": "sammanstalld"}, form_url=f"/remisser/{rid}")
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]


def _close(auth, rid: int):
    assert auth.post(f"/remisser/{rid}/utskick/avsluta", {"confirm_close": "1"},
                     form_url=f"/remisser/{rid}").status_code == 302


def _anstand_mails(sent, day: str = "12 februari 2027"):
    return [m for _, m in sent if m["X-Remiss-Kind"] == "outgoing_extension"
            and day in str(m.get_body(("plain",)).get_content())]


def test_reopening_sends_the_besked_om_anstand_closing_stopped_once(session, app, auth, client, clock, runner,
                                                                      smtp):
    rid = _closed_with_anstand(session, app, auth, clock, runner, smtp)
    row = session.exec(select(OutboxMessage).where(OutboxMessage.key.like("outgoing:anstand:%"))).one()
    key, message_id = row.key, row.message_id
    assert (row.status, row.last_error) == ("cancelled", closing.NOTICE_CANCELLED)
    assert stopped_by(row.payload) == "closed"  # what the reopening reads, not the words of the reason
    session.close()
    history = _history(client, rid)
    assert ("Beskedet om anstånd till Söder stoppades i utkorgen och skickas inte: ärendet avslutades." in history
            ), history

    clock.set(T0 + timedelta(minutes=2))
    _reopen(auth, rid)
    clock.set(T0 + timedelta(minutes=3))
    _close(auth, rid)  # closed again before the sweep: stopped again
    clock.set(T0 + timedelta(minutes=4))
    _reopen(auth, rid)
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.key.like("outgoing:anstand:%"))).all()
    # the same row, put back: its key and Message-ID keep it one mail (old code: still "cancelled")
    assert [(r.key, r.message_id, r.status, r.last_error) for r in rows] == [(key, message_id, "pending", "")]
    assert stopped_by(rows[0].payload) == ""  # no longer stopped
    session.close()
    history = _history(client, rid)
    assert history.count("Beskedet om anstånd till Söder lades i utkorgen igen och skickas vid nästa utskick: "
                         "ärendet öppnades igen.") == 2, history
    assert "Lagt i utkorgen igen" in history and "Stoppat i utkorgen" in history, history

    sent = run_sweep(runner, smtp, T0 + timedelta(minutes=10))
    mails = _anstand_mails(sent)
    assert len(mails) == 1 and [r for r, m in sent if m in mails] == [[SODER.email]], [r for r, _ in sent]
    assert mails[0]["Message-ID"].strip("<>") == message_id.strip("<>")
    # reopened and closed again after it went: nothing is sent a second time
    clock.set(T0 + timedelta(minutes=20))
    _close(auth, rid)
    clock.set(T0 + timedelta(minutes=21))
    _reopen(auth, rid)
    assert not _anstand_mails(run_sweep(runner, smtp, T0 + timedelta(minutes=30)))
    assert len(_anstand_mails([(None, m) for _, m in smtp.messages])) == 1


def test_a_notice_stopped_by_a_person_stays_stopped(session, app, auth, client, clock, runner, smtp):
    rid = _closed_with_anstand(session, app, auth, clock, runner, smtp, both=True)
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.key.like("outgoing:anstand:%"))
                        .order_by(OutboxMessage.id)).all()
    assert [r.status for r in rows] == ["cancelled", "cancelled"]
    # Söder's stopped in the Utkorg for a reason of its own (not the closing): it is not revived
    rows[0].last_error = "Stoppad av administratören: fel adress."
    rows[0].payload = json.dumps({k: v for k, v in json.loads(rows[0].payload).items() if k != "stopped_by"})
    session.add(rows[0])
    session.commit()
    session.close()
    clock.set(T0 + timedelta(minutes=2))
    _reopen(auth, rid)
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.key.like("outgoing:anstand:%"))
                        .order_by(OutboxMessage.id)).all()
    assert [r.status for r in rows] == ["cancelled", "pending"]
    session.close()
    history = _history(client, rid)
    assert "Beskedet om anstånd till Norr lades i utkorgen igen" in history, history
    assert "till Söder lades i utkorgen igen" not in history, history
    sent = run_sweep(runner, smtp, T0 + timedelta(minutes=10))
    assert len(_anstand_mails(sent, "5 februari 2027")) == 1 and not _anstand_mails(sent)


def test_a_notice_whose_day_has_passed_is_not_sent_on_reopening(session, app, auth, client, clock, runner, smtp):
    rid = _closed_with_anstand(session, app, auth, clock, runner, smtp)
    session.close()
    clock.set(T0 + timedelta(days=90))  # opened again in late February 2027: the anstånd to 12 February is over
    _reopen(auth, rid)
    row = session.exec(select(OutboxMessage).where(OutboxMessage.key.like("outgoing:anstand:%"))).one()
    assert (row.status, row.last_error) == ("cancelled", closing.NOTICE_CANCELLED)
    session.close()
    assert "lades i utkorgen igen" not in _history(client, rid)
    assert not _anstand_mails(run_sweep(runner, smtp, T0 + timedelta(days=90, minutes=10)))
