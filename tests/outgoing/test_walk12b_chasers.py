"""walk12b, the remitting side's reminders through the real outbox and a fixed clock: after a general
extension every chaser quotes the deadline in force (finding 1); after "Sammanställ svaren" nothing more is
sent (finding 2)."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlmodel import select

from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import chasers, lifecycle, remisstid, sending
from remiss.reminders.models import OutboxMessage
from remiss.remisser.input import SandlistaItem
from tests.outgoing.conftest import run_sweep
from tests.support.factories import make_namnd, make_remiss

SYSTEM = Principal.system()


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def _sent_remiss(app, session, smtp, runner):
    """KS 2026/0002 of the walk: sent 5 December 2026, sista svarsdag 18 December kl. 12.00, chasers 5 working
    days before and 2 after."""
    namnd = make_namnd(session, chase_workdays_before="5", chase_workdays_after="2")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 12, 5, 0, 20),
                         title="Remiss av förslag till trafikplan 2027",
                         deadline_on=date(2026, 12, 18), deadline_time=time(12, 0),
                         sandlista=[SandlistaItem("Ungdomsrådet", "ungdom@example.se", ""),
                                    SandlistaItem("Kommunal", "kommunal@example.se", "")])
    with app.app_context():
        sending.send(session, now=at(2026, 12, 5, 0, 25), principal=SYSTEM, remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    assert len(run_sweep(runner, smtp, at(2026, 12, 5, 0, 26))) == 2  # the missiv
    return remiss


def _cli(runner, *args):
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_chaser_kept_at_a_moment_of_the_new_plan_quotes_the_extended_deadline(app, session, smtp, runner):
    remiss = _sent_remiss(app, session, smtp, runner)
    with app.app_context():
        remisstid.general_extension(session, now=at(2026, 12, 5, 0, 32), principal=SYSTEM, remiss=remiss,
                                  until_on=date(2027, 1, 4), until_time=time(12, 0),
                                  files_dir=app.config["FILES_DIR"], reason="Flera har bett om mer tid.")
    session.commit()
    # The premise of the finding: 22 December 08.00 is in both plans, 2 working days after 18 December and
    # 5 before 4 January (julafton and nyårsafton are not working days), so its row is kept.
    calendar = chasers.work_calendar(session)
    old = {m for m, late in chasers.chase_moments(calendar, date(2026, 12, 18), [5], [2]) if late}
    new = {m for m, late in chasers.chase_moments(calendar, date(2027, 1, 4), [5], [2]) if not late}
    assert at(2026, 12, 22, 8) in old & new, (old, new)
    session.rollback()  # no read left open while the sweep writes (SQLite)
    assert len(run_sweep(runner, smtp, at(2026, 12, 5, 0, 33))) == 2  # the extension notices

    _cli(runner, "outgoing", "chasers", "--now", "2026-12-22T08:05")
    sent = run_sweep(runner, smtp, at(2026, 12, 22, 8, 5))
    chased = [m for _, m in sent if m["X-Remiss-Kind"] == chasers.KIND]
    assert sorted(r for rcpts, m in sent for r in rcpts if m["X-Remiss-Kind"] == chasers.KIND) == \
        ["kommunal@example.se", "ungdom@example.se"]
    for mail in chased:
        body = mail.get_body(("plain",)).get_content()
        # Old code: "Påminnelse: svar saknas …", "skulle ha varit … tillhanda senast 18 december 2026 kl. 12.00".
        assert "svar saknas" not in mail["Subject"], mail["Subject"]
        assert "18 december" not in body, body
        assert "4 januari 2027 kl. 12.00" in body and "4 januari 2027 kl. 12.00" in mail["Subject"]


def test_compiled_remiss_sends_no_chasers_nor_deadline_notice(app, session, smtp, runner):
    remiss = _sent_remiss(app, session, smtp, runner)
    with app.app_context():
        lifecycle.compile_answers(session, now=at(2026, 12, 5, 0, 34), principal=SYSTEM, remiss=remiss,
                                  files_dir=app.config["FILES_DIR"])
    session.commit()
    # The hourly job (and the CLI the walk ran) planned them again: the old code revived the cancelled rows.
    for moment in ("2026-12-11T08:05", "2026-12-21T08:05", "2026-12-22T08:05"):
        _cli(runner, "outgoing", "chasers", "--now", moment)
        assert run_sweep(runner, smtp, datetime.fromisoformat(moment).replace(tzinfo=STOCKHOLM)) == []
    pending = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                       OutboxMessage.status == "pending")).all()
    assert pending == []
    assert chasers.schedule(session, now=at(2026, 12, 6), remiss=remiss) == 0
