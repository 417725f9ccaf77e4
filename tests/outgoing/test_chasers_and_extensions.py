"""Chaser rules and the general extension, on the services with a real database."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.calendar import WorkCalendar
from remiss.clock import STOCKHOLM
from remiss.namnd.models import ClosedDay
from remiss.outgoing.service import answers, chasers, remisstid, sending
from remiss.outgoing.service.answers import AnswerData
from remiss.planning.models import Extension
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors, SandlistaItem
from tests.support.factories import make_namnd, make_remiss

SYSTEM = Principal.system()


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def test_chase_moments_skip_weekends_and_holidays():
    calendar = WorkCalendar({date(2015, 9, 25): "klämdag"})
    moments = chasers.chase_moments(calendar, date(2015, 9, 28), before=[5, 1], after=[2])
    days = [m.date() for m, _ in moments]
    # Monday 28 Sep 2015: 5 working days before skips the weekend and the klämdag on Friday 25th.
    assert days == [date(2015, 9, 18), date(2015, 9, 24), date(2015, 9, 30)]
    assert [late for _, late in moments] == [False, False, True]
    assert all(m.time() == time(8, 0) for m, _ in moments)
    assert chasers.parse_days("5, 2 ,x, 0, 999") == [5, 2]


@pytest.fixture
def sent(session, app, tmp_path):
    namnd = make_namnd(session, chase_workdays_before="5", chase_workdays_after="2")
    session.add(ClosedDay(day=date(2015, 9, 25), reason="klämdag"))
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2015, 6, 15),
                         deadline_on=date(2015, 8, 28), deadline_time=None, questions=["Fråga ett?"],
                         sandlista=[SandlistaItem(f"Instans {i}", f"i{i}@example.se", "Nämnder") for i in range(4)])
    with app.app_context():
        sending.send(session, now=at(2015, 6, 15), principal=SYSTEM, remiss=remiss, files_dir=str(tmp_path),
                     base_url="http://remiss.test")
    return remiss


def _chasers(session, status="pending"):
    return session.exec(select(OutboxMessage).where(OutboxMessage.kind == chasers.KIND,
                                                    OutboxMessage.status == status)).all()


def test_send_plans_chasers_once_and_rerun_is_harmless(session, sent, app, tmp_path):
    rows = _chasers(session)
    assert len(rows) == 8  # 4 instanser × (5 before, 2 after)
    assert {r.due_at.astimezone(STOCKHOLM).date() for r in rows} == {date(2015, 8, 21), date(2015, 9, 1)}
    assert chasers.schedule(session, now=at(2015, 6, 16), remiss=sent) == 0
    assert chasers.schedule_all(session, now=at(2015, 6, 16)) == 0
    with app.app_context():
        assert sending.send(session, now=at(2015, 6, 16), principal=SYSTEM, remiss=sent, files_dir=str(tmp_path),
                            base_url="") == sending.Sent(0, 0)
    missiv = session.exec(select(OutboxMessage).where(OutboxMessage.kind == sending.MISSIV_KIND)).all()
    assert len(missiv) == 4


def test_answer_and_decline_cancel_their_chasers_and_reopen_restores(session, sent):
    entries = remisser.entries(session, sent.id)
    q = remisser.questions_of(session, sent.id)[0]
    answers.register_answer(session, now=at(2015, 8, 1), principal=SYSTEM, remiss=sent, entry=entries[0],
                            data=AnswerData(date(2015, 8, 1), answers={q.id: "Ja."}), files_dir="/tmp", max_bytes=1)
    answers.decline(session, now=at(2015, 8, 1), principal=SYSTEM, remiss=sent, entry=entries[1],
                    answered_on=date(2015, 8, 1))
    pending = {r.recipient_email for r in _chasers(session)}
    assert pending == {"i2@example.se", "i3@example.se"}
    assert len(_chasers(session, "cancelled")) == 4
    answers.reopen(session, now=at(2015, 8, 2), principal=SYSTEM, remiss=sent, entry=entries[1])
    assert {r.recipient_email for r in _chasers(session)} == {"i1@example.se", "i2@example.se", "i3@example.se"}
    with pytest.raises(InputErrors):
        answers.register_answer(session, now=at(2015, 8, 1), principal=SYSTEM, remiss=sent, entry=entries[2],
                                data=AnswerData(date(2015, 8, 1)), files_dir="/tmp", max_bytes=1)
    with pytest.raises(InputErrors):
        answers.register_answer(session, now=at(2015, 8, 1), principal=SYSTEM, remiss=sent, entry=entries[2],
                                data=AnswerData(date(2015, 8, 1), answers={999999: "x"}), files_dir="/tmp",
                                max_bytes=1)


def _mailed(session, moment: datetime) -> None:
    """The state a sweep leaves once it has e-mailed the missiv (tests/outgoing/test_queued_missiv_follows.py sends
    it through SMTP): a missiv still in the Utkorg would be made anew instead of told of the change (h-queue24)."""
    for row in session.exec(select(OutboxMessage).where(OutboxMessage.kind == sending.MISSIV_KIND)):
        row.status, row.sent_at = "sent", moment
        session.add(row)
    session.flush()


def test_general_extension_notifies_only_open_instanser_and_moves_chasers(session, sent):
    _mailed(session, at(2015, 6, 15, 9, 5))
    entries = remisser.entries(session, sent.id)
    answers.decline(session, now=at(2015, 8, 1), principal=SYSTEM, remiss=sent, entry=entries[0],
                    answered_on=date(2015, 8, 1))
    queued = remisstid.general_extension(session, now=at(2015, 8, 20), principal=SYSTEM, remiss=sent,
                                       until_on=date(2015, 9, 28), until_time=None, files_dir="/tmp",
                                       reason="Efter inkomna synpunkter från flera remissinstanser").mailed
    assert queued == 3
    assert sent.effective_deadline_on == date(2015, 9, 28) and sent.deadline_on == date(2015, 8, 28)
    ext = session.exec(select(Extension).where(Extension.remiss_id == sent.id)).one()
    assert ext.is_general and ext.decision == "granted"
    notices = session.exec(select(OutboxMessage).where(OutboxMessage.kind == remisstid.EXTENSION_KIND)).all()
    assert {n.recipient_email for n in notices} == {"i1@example.se", "i2@example.se", "i3@example.se"}
    assert "förlängs till 28 september 2015" in notices[0].payload
    assert "Förlängd remisstid" in notices[0].subject
    days = {r.due_at.astimezone(STOCKHOLM).date() for r in _chasers(session)}
    # 5 working days before 28 Sep skips the klämdag on the 25th; 2 after is 30 Sep.
    assert days == {date(2015, 9, 18), date(2015, 9, 30)}
    assert len(_chasers(session, "cancelled")) == 8  # the old moments for all four instanser
    with pytest.raises(InputErrors):
        remisstid.general_extension(session, now=at(2015, 8, 21), principal=SYSTEM, remiss=sent,
                                  until_on=date(2015, 9, 1), until_time=None, files_dir="/tmp")


def test_general_extension_and_own_extension_replan_chasers(session, sent, tmp_path):
    entries = remisser.entries(session, sent.id)
    answers.grant_extension(session, now=at(2015, 8, 25), principal=SYSTEM, remiss=sent, entry=entries[3],
                            until_on=date(2015, 9, 11))
    own = {r.due_at.astimezone(STOCKHOLM).date() for r in _chasers(session) if r.recipient_email == "i3@example.se"}
    assert own == {date(2015, 9, 4), date(2015, 9, 15)}
    # a sent remiss's svarsdag moves only by a general extension (the edit form refuses it); chasers replan
    remisstid.general_extension(session, now=at(2015, 8, 26), principal=SYSTEM, remiss=sent, until_on=date(2015, 9, 4),
                              until_time=None, files_dir=str(tmp_path))
    others = {r.due_at.astimezone(STOCKHOLM).date() for r in _chasers(session) if r.recipient_email == "i0@example.se"}
    assert others == {date(2015, 8, 28), date(2015, 9, 8)}
    with pytest.raises(InputErrors):
        answers.grant_extension(session, now=at(2015, 8, 25), principal=SYSTEM, remiss=sent, entry=entries[2],
                                until_on=date(2015, 9, 1))


def test_changed_chase_days_of_the_namnd_replan_the_chasers(session, sent):
    from remiss.namnd import service as namnd_service
    from remiss.namnd.models import Namnd

    namnd = session.get(Namnd, sent.namnd_id)
    namnd_service.update(session, now=at(2015, 7, 1), actor_id=None, namnd=namnd, chase_workdays_before="3")
    days = {r.due_at.astimezone(STOCKHOLM).date() for r in _chasers(session)}
    assert days == {date(2015, 8, 25), date(2015, 9, 1)}  # 3 working days before 28 Aug; 2 after as before
    assert {r.due_at.astimezone(STOCKHOLM).date() for r in _chasers(session, "cancelled")} == {date(2015, 8, 21)}
