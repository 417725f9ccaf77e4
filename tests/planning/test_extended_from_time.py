"""F6: the calendar's and the ICS feed's sista svarsdag says the deadline it was extended from with its clock time,
as the remiss page does ("förlängd från fredag 5 februari 2027 kl. 12.00")."""
from __future__ import annotations

from datetime import date, time

from remiss.planning import agenda
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_remiss


def _deadline(session, remiss):
    [item] = [i for i in agenda.items(session, namnd_ids=[remiss.namnd_id], start=date(2027, 1, 1),
                                      end=date(2027, 12, 31), open_only=False, include_done=True)
              if i.kind == agenda.DEADLINE and i.remiss_id == remiss.id]
    return item


def test_extended_deadline_keeps_the_original_clock_time(session):
    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, now=at(2027, 1, 4), deadline_on=date(2027, 2, 5),
                         deadline_time=time(12, 0))
    remiss.effective_deadline_on, remiss.effective_deadline_time = date(2027, 3, 5), time(15, 0)
    session.add(remiss)
    session.flush()
    assert _deadline(session, remiss).explanation == ("Remittentens sista svarsdag, förlängd från fredag 5 februari "
                                                      "2027 kl. 12.00.")


def test_extended_by_hours_on_the_same_day_says_so(session):
    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, now=at(2027, 1, 4), deadline_on=date(2027, 2, 5),
                         deadline_time=time(12, 0))
    remiss.effective_deadline_time = time(15, 0)
    session.add(remiss)
    session.flush()
    assert _deadline(session, remiss).explanation == ("Remittentens sista svarsdag, förlängd från fredag 5 februari "
                                                      "2027 kl. 12.00.")


def test_history_of_a_general_extension_keeps_its_clock_time(session):
    from sqlmodel import select

    from remiss.audit.models import AuditEvent
    from remiss.auth.access import Principal
    from remiss.planning.service.extensions import general_notice
    from remiss.remisser.history import describe

    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, now=at(2027, 1, 4), deadline_on=date(2027, 2, 5),
                         deadline_time=time(12, 0))
    general_notice(session, now=at(2027, 1, 20), principal=Principal.system(), remiss=remiss,
                   sender="Kommunstyrelsen", until_on=date(2027, 3, 5), until_time=time(15, 0))
    events = session.exec(select(AuditEvent).where(AuditEvent.remiss_id == remiss.id,
                                                   AuditEvent.action == "extension")).all()
    [row] = describe(session, events)
    assert "5 mars 2027 kl. 15.00" in str(row), row
