"""A scheduler that was down over several chase moments sends one chaser per instans: the newest."""
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


def test_catch_up_sends_only_the_newest_chaser_and_supersedes_the_older(app, db, session, smtp, runner, tmp_path):
    namnd = make_namnd(session, chase_workdays_before="5,1", chase_workdays_after="2")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2015, 6, 15),
                         deadline_on=date(2015, 8, 28), deadline_time=None,
                         sandlista=[SandlistaItem(f"Instans {i}", f"i{i}@example.se", "Nämnder") for i in range(3)])
    with app.app_context():
        sending.send(session, now=at(2015, 6, 15), principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    assert len(run_sweep(runner, smtp, at(2015, 6, 15, 9, 5))) == 3  # the missiv

    # Down from June until after the deadline: 21 Aug (5 before), 27 Aug (1 before) and 1 Sep (2 after) passed.
    sent = run_sweep(runner, smtp, at(2015, 9, 3, 10))
    assert sorted(r for rcpts, _ in sent for r in rcpts) == ["i0@example.se", "i1@example.se", "i2@example.se"]
    # the after-deadline text, after who sends it (walk25b Z7)
    assert all(m["Subject"].partition(" – ")[2].startswith("Påminnelse: svar saknas") for _, m in sent)
    # dated when they left, 3 September 10.00, not the planned 1 September (walk27 Y15), as our own reminders are
    assert all(m["Date"].datetime == at(2015, 9, 3, 10) for _, m in sent), [m["Date"] for _, m in sent]
    rows = db.session(write=False).exec(select(OutboxMessage).where(OutboxMessage.kind == chasers.KIND)).all()
    by_status = {}
    for row in rows:
        by_status.setdefault(row.status, []).append(row.due_at.astimezone(STOCKHOLM).date())
    assert sorted(by_status["sent"]) == [date(2015, 9, 1)] * 3
    assert sorted(by_status["superseded"]) == [date(2015, 8, 21)] * 3 + [date(2015, 8, 27)] * 3
    assert run_sweep(runner, smtp, at(2015, 9, 4, 10)) == []  # and nothing later
