"""Changing a nämnd's planning rules or reminder policy replans its open remisser (events.namnd_changed)."""
from datetime import date

from sqlmodel import select

from remiss.audit.models import AuditEvent
from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.namnd.models import Namnd
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.status import RemissStatus
from tests.planning.helpers import at, fetch, milestones, seed_003_world
from tests.support.factories import make_namnd, make_remiss, make_user


def _form(namnd: Namnd, **changes) -> dict:
    """The nämnd admin form as the browser sends it, with some fields changed."""
    values = {"name": namnd.name, "short_name": namnd.short_name, "organisation": namnd.organisation,
              "forvaltning": namnd.forvaltning, "email": namnd.email, "dnr_prefix": namnd.dnr_prefix,
              "tjansteskrivelse_workdays_before_au": namnd.tjansteskrivelse_workdays_before_au,
              "granskning_workdays": namnd.granskning_workdays,
              "justering_workdays_after_meeting": namnd.justering_workdays_after_meeting,
              "expediering_workdays": namnd.expediering_workdays}
    if namnd.omedelbar_justering_usual:
        values["omedelbar_justering_usual"] = "y"
    values.update(changes)
    return {k: str(v) for k, v in values.items()}


def _world(session, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    make_user(session, role=Role.admin, email="admin@example.se")
    kw = dict(namnd=namnd, now=clock(), by=users["registrator"], deadline_on=date(2015, 9, 28), deadline_time=None,
              handlaggare_id=users["handlaggare"].id)
    open_remiss = make_remiss(session, title="Öppen remiss", **kw)
    closed = make_remiss(session, title="Avstådd remiss", **kw)
    remisser.change_status(session, now=clock(), principal=Principal.system(), remiss=closed,
                           new=RemissStatus.avstar, note="Avstår")
    other_namnd = make_namnd(session, name="Kulturnämnden")
    other = make_remiss(session, namnd=other_namnd, now=clock(), title="Annan nämnds remiss",
                        deadline_on=date(2015, 9, 28), deadline_time=None)
    session.commit()
    return namnd, users, open_remiss, closed, other


def _pending_before(db, remiss_id, milestone="tjansteskrivelse"):
    """Days of the pending reminders before a milestone (key: kind:remiss:milestone:…)."""
    rows = fetch(db, select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id, OutboxMessage.kind == "before",
                                                 OutboxMessage.status == "pending"))
    return sorted(r.due_at.astimezone(STOCKHOLM).date() for r in rows if r.key.split(":")[2] == milestone)


def test_planning_rules_on_the_admin_form_replan_open_remisser_of_that_namnd(db, session, client, auth, clock):
    namnd, users, remiss, closed, other = _world(session, clock)
    assert milestones(db, remiss.id)["tjansteskrivelse"].due_on == date(2015, 8, 27)  # 10 working days before AU
    closed_before = {k: m.due_on for k, m in milestones(db, closed.id).items()}
    other_before = {k: m.due_on for k, m in milestones(db, other.id).items()}
    assert _pending_before(db, remiss.id) == [date(2015, 8, 13)]  # 10 working days before 27 August

    auth.login("admin@example.se")
    url = f"/admin/namnder/{namnd.id}"
    response = auth.post(url, _form(namnd, tjansteskrivelse_workdays_before_au=15))
    assert response.status_code == 302, response.get_data(as_text=True)[:1500]

    rows = milestones(db, remiss.id)
    assert rows["tjansteskrivelse"].due_on == date(2015, 8, 20)  # now 15 working days before AU 10 September
    assert rows["arbetsutskott"].due_on == date(2015, 9, 10)
    assert {k: m.due_on for k, m in milestones(db, closed.id).items()} == closed_before
    assert {k: m.due_on for k, m in milestones(db, other.id).items()} == other_before
    # the reminders followed the tidplan: 10 and 5 working days before 20 August are within the lookahead
    assert _pending_before(db, remiss.id) == [date(2015, 8, 6), date(2015, 8, 13)]
    # the 13 August moment stayed (10 before 27 August, now 5 before 20 August): its text follows the new date
    [kept] = fetch(db, select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id, OutboxMessage.kind == "before",
                                                   OutboxMessage.status == "pending",
                                                   OutboxMessage.key.like("%:tjansteskrivelse:%2015-08-13%")))
    assert '"workdays": 5' in kept.payload and '"due_on": "2015-08-20"' in kept.payload
    audit = fetch(db, select(AuditEvent).where(AuditEvent.remiss_id == remiss.id, AuditEvent.action == "milestone"))
    assert any("2015-08-20" in (a.changes or "") for a in audit)

    # a change that is not a planning rule leaves the tidplan alone
    planned_at = rows["tjansteskrivelse"].id
    assert auth.post(url, _form(namnd, tjansteskrivelse_workdays_before_au=15, short_name="SON Ö")).status_code == 302
    assert milestones(db, remiss.id)["tjansteskrivelse"].id == planned_at
    assert len(fetch(db, select(AuditEvent).where(AuditEvent.remiss_id == remiss.id,
                                                  AuditEvent.action == "milestone"))) == len(audit)


def test_reminder_policy_change_replans_the_pending_reminders(db, session, client, auth, clock):
    namnd, users, remiss, closed, other = _world(session, clock)
    assert _pending_before(db, remiss.id) == [date(2015, 8, 13)]
    auth.login("admin@example.se")
    url = f"/admin/namnder/{namnd.id}/paminnelser"
    response = auth.post(url, {"remind_workdays_before": "12, 2", "overdue_every_workdays": "3",
                               "escalate_after_workdays": "2", "weekly_digest": "y"})
    assert response.status_code == 302
    assert _pending_before(db, remiss.id) == [date(2015, 8, 11)]  # 12 working days before 27 August
    assert milestones(db, remiss.id)["tjansteskrivelse"].due_on == date(2015, 8, 27)  # the tidplan is the same
    cancelled = fetch(db, select(OutboxMessage).where(OutboxMessage.remiss_id == remiss.id,
                                                      OutboxMessage.status == "cancelled"))
    assert date(2015, 8, 13) in [r.due_at.astimezone(STOCKHOLM).date() for r in cancelled if r.kind == "before"]
