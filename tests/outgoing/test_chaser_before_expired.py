"""F32: a "before" chaser that only goes out after its deadline passed (scheduler gap) is dropped, not sent
telling the instans the remiss "ska besvaras senast" a day already gone; the "after" chaser is the one then."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import chasers, sending
from remiss.reminders.models import OutboxMessage
from remiss.remisser.input import SandlistaItem
from tests.outgoing.conftest import run_sweep
from tests.support.factories import make_namnd, make_remiss


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def _sent_remiss(app, session, runner, smtp):
    namnd = make_namnd(session, chase_workdays_before="5", chase_workdays_after="2")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2015, 6, 15),
                         deadline_on=date(2015, 8, 28), deadline_time=None,
                         sandlista=[SandlistaItem(f"Instans {i}", f"i{i}@example.se", "Nämnder") for i in range(2)])
    with app.app_context():
        sending.send(session, now=at(2015, 6, 15), principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    assert len(run_sweep(runner, smtp, at(2015, 6, 15, 9, 5))) == 2  # the missiv
    return remiss


def _before_rows(db):
    rows = db.session(write=False).exec(select(OutboxMessage).where(OutboxMessage.kind == chasers.KIND)).all()
    return [r for r in rows if r.due_at.astimezone(STOCKHOLM).date() == date(2015, 8, 21)]


def test_sweep_after_the_deadline_drops_the_before_chaser(app, db, session, smtp, runner):
    _sent_remiss(app, session, runner, smtp)
    # Down from June until Monday 31 August: the 21 August chaser (5 before 28 August) is due, the deadline gone.
    sent = run_sweep(runner, smtp, at(2015, 8, 31, 9))
    chasers_sent = [m for _, m in sent if m["X-Remiss-Kind"] == chasers.KIND]
    assert [m["Subject"] for m in chasers_sent] == []  # no "ska besvaras senast 28 augusti 2015" on 31 August
    rows = _before_rows(db)
    assert len(rows) == 2 and {r.status for r in rows} == {"cancelled"}
    assert "Svarstiden har gått ut" in rows[0].last_error
    sent = run_sweep(runner, smtp, at(2015, 9, 1, 9))  # the "after" chaser is the right one, and goes out
    assert sorted(m["Subject"].partition(" – ")[2].startswith("Påminnelse: svar saknas") for _, m in sent
                  if m["X-Remiss-Kind"] == chasers.KIND) == [True, True]


def test_replanning_after_the_deadline_cancels_the_pending_before_chaser(app, db, session, smtp, runner):
    _sent_remiss(app, session, runner, smtp)
    result = runner.invoke(args=["outgoing", "chasers", "--now", "2015-08-31T09:00"])
    assert result.exit_code == 0, result.output
    rows = _before_rows(db)
    assert len(rows) == 2 and {r.status for r in rows} == {"cancelled"}
    assert "Svarstiden har gått ut" in rows[0].last_error


def test_before_chaser_on_time_still_goes_out(app, db, session, smtp, runner):
    _sent_remiss(app, session, runner, smtp)
    sent = run_sweep(runner, smtp, at(2015, 8, 21, 9))
    subjects = [m["Subject"] for _, m in sent if m["X-Remiss-Kind"] == chasers.KIND]
    assert len(subjects) == 2 and all(s.endswith("ska besvaras senast 28 augusti 2015") for s in subjects)
