"""walk16 finding 7, the remitting side: `remiss outgoing chasers --now 2027-01-21T08:05` switched an outgoing remiss
to "Svarstiden ute" and it stayed so at the real date (its page: "46 dagar kvar"). Now every request puts "Skickad"
back when the clock in use is before the remisstid's end (lifecycle.not_yet_out, deadline_passed the one rule), and
the history says why; the daily command at the real clock does the same."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import sending
from remiss.outgoing.service.lifecycle import AHEAD_NOTE
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Remiss
from tests.reminders.conftest import fast_user
from tests.support.factories import make_namnd, make_remiss


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def _sent_and_run_ahead(app, session, runner, clock) -> int:
    """Sent 5 December 2026 with sista svarsdag 20 januari 2027; `outgoing chasers --now 2027-01-21T08:05`."""
    namnd = make_namnd(session, chase_workdays_before="5", chase_workdays_after="2")
    fast_user(session, role="registrator", namnder=[namnd], email="r@example.se")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 12, 5, 7, 30),
                         deadline_on=date(2027, 1, 20), deadline_time=time(12, 0),
                         sandlista=[SandlistaItem("Ungdomsrådet", "ungdom@example.se", "")])
    with app.app_context():
        sending.send(session, now=at(2026, 12, 5, 7, 34), principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    remiss_id = remiss.id
    session.rollback()
    clock.set(at(2026, 12, 5, 8))
    result = runner.invoke(args=["outgoing", "chasers", "--now", "2027-01-21T08:05"])
    assert result.exit_code == 0 and "1 remiss bytte status" in result.output, result.output
    assert _status(session, remiss_id) == "svarstiden_ute"  # what the run ahead wrote
    return remiss_id


def _status(session, remiss_id: int) -> str:
    session.expire_all()
    status = session.get(Remiss, remiss_id).status
    session.rollback()
    return status


def test_a_svarstid_run_out_ahead_of_the_clock_is_put_back_before_the_api_reads_it(app, session, runner, clock,
                                                                                  client, auth):
    """Old code: the API and the remiss page said "svarstiden_ute" / "Svarstiden ute" on 5 December 2026."""
    remiss_id = _sent_and_run_ahead(app, session, runner, clock)
    auth.login("r@example.se")
    assert client.get(f"/api/v1/remisser/{remiss_id}").get_json()["status"] == "skickad"
    assert _status(session, remiss_id) == "skickad"
    notes = session.exec(select(AuditEvent.note).where(AuditEvent.remiss_id == remiss_id,
                                                       AuditEvent.action == "status").order_by(AuditEvent.id)).all()
    assert notes[-1] == AHEAD_NOTE, notes
    session.rollback()


def test_the_command_at_the_real_clock_puts_it_back_too(app, session, runner, clock):
    remiss_id = _sent_and_run_ahead(app, session, runner, clock)
    result = runner.invoke(args=["outgoing", "chasers", "--now", "2026-12-05T09:00"])
    assert result.exit_code == 0 and "1 remiss bytte status" in result.output, result.output
    assert _status(session, remiss_id) == "skickad"
