"""truth16 F17: a Monday digest missed by days (no sweep Monday to Thursday) was caught up on Friday, three days
before the next one with the same content. A digest more than two days late is dropped; one a day late still goes."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from remiss.reminders.models import OutboxMessage
from tests.reminders.conftest import fast_user, set_milestones
from tests.reminders.test_events import digest_mails, sweep
from tests.support.factories import make_namnd, make_remiss


def _world(session):
    namnd = make_namnd(session)  # weekly digest on
    fast_user(session, role="registrator", namnder=[namnd], email="rut@example.se")
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2027, 5, 28), title="Bibliotek")
    set_milestones(session, remiss, [("sista_svarsdag", date(2027, 4, 30), "registrator")])
    session.commit()


def test_a_digest_missed_by_days_is_dropped_and_the_next_monday_sent(session, app, runner):
    _world(session)
    sweep(session, runner, "2027-04-09T09:00")  # Friday: that week's digest (Monday 5 April) is caught up late too
    before = len(digest_mails(app))
    sweep(session, runner, "2027-04-16T13:00")  # Friday: Monday 12 April's digest was missed
    assert len(digest_mails(app)) == before, [m["Date"] for m in digest_mails(app)]
    sweep(session, runner, "2027-04-19T09:00")  # Monday
    assert len(digest_mails(app)) == before + 1


def test_a_digest_a_day_late_still_goes_and_one_held_up_for_days_is_stopped(session, app, runner, tmp_path):
    _world(session)
    sweep(session, runner, "2027-04-13T09:00")  # Tuesday: Monday's digest, one day late
    assert len(digest_mails(app)) == 1
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    app.config["MAIL_DIR"] = str(blocker / "mail")  # the mail directory cannot be written: the relay is down
    sweep(session, runner, "2027-04-19T09:00")
    session.expire_all()
    [row] = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "digest",
                                                     OutboxMessage.status == "pending")).all()
    session.rollback()
    sweep(session, runner, "2027-04-22T09:00")  # Thursday: still down
    session.expire_all()
    assert session.get(OutboxMessage, row.id).status == "cancelled"
    assert "nästa måndags översikt" in session.get(OutboxMessage, row.id).last_error
