"""The tidplan service: overrides survive replanning, done marks, outgoing remisser, klämdagar, schema."""
from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel, select

from remiss import events
from remiss.audit.models import AuditEvent
from remiss.auth.access import Principal
from remiss.planning.models import TidplanState
from remiss.planning.service import meetings, milestones, tidplan
from remiss.remisser import service as remiss_service
from tests.planning.helpers import at, due, seed_003_world
from tests.support.factories import make_remiss, make_user


def _remiss(session, clock, **overrides):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    values = {"deadline_on": date(2015, 9, 30), "deadline_time": None}
    values.update(overrides)
    return namnd, users, make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], **values)


def test_override_is_kept_shown_in_due_and_audited_across_replan(session, clock):
    namnd, users, remiss = _remiss(session, clock)
    p = Principal.of(session, users["handlaggare"])
    ms = {m.kind: m for m in tidplan.milestones_of(session, remiss.id)}
    milestones.override_milestone(session, now=clock(), principal=p, remiss=remiss,
                                  milestone_id=ms["tjansteskrivelse"].id, day=date(2015, 8, 25),
                                  reason="Semester i början av veckan")
    remiss_service.update(session, now=clock(), principal=Principal.of(session, users["registrator"]), remiss=remiss,
                          changes={"deadline_on": date(2015, 10, 30)}, deadline_correction=True)
    rows = {m.kind: m for m in tidplan.milestones_of(session, remiss.id)}
    assert rows["namnd"].due_on == date(2015, 10, 22)  # replanned for the later deadline
    assert rows["tjansteskrivelse"].override_on == date(2015, 8, 25)
    assert rows["tjansteskrivelse"].due_on == date(2015, 8, 25)  # override wins over the new plan
    assert rows["tjansteskrivelse"].planned_on == date(2015, 9, 24)
    notes = [e.note for e in session.exec(select(AuditEvent).where(AuditEvent.remiss_id == remiss.id))]
    assert any("Semester" in n for n in notes)
    # clearing the override returns to the computed date
    milestones.override_milestone(session, now=clock(), principal=p, remiss=remiss,
                                  milestone_id=rows["tjansteskrivelse"].id, day=None)
    assert due(session, remiss.id)["tjansteskrivelse"] == date(2015, 9, 24)


def test_milestones_changed_is_sent_and_done_marks_stay(session, clock):
    seen = []

    def listener(remiss, **kwargs):
        seen.append(remiss.id)

    events.milestones_changed.connect(listener)
    try:
        namnd, users, remiss = _remiss(session, clock)
        assert seen == [remiss.id]
        row = tidplan.milestones_of(session, remiss.id)[0]
        milestones.mark_done(session, now=clock(), principal=Principal.of(session, users["handlaggare"]), remiss=remiss,
                             milestone_id=row.id)
        tidplan.replan(session, now=clock(), remiss=remiss)
        assert len(seen) == 3
    finally:
        events.milestones_changed.disconnect(listener)
    assert tidplan.milestones_of(session, remiss.id)[0].done_at is not None


def test_outgoing_remiss_gets_only_the_sista_svarsdag(session, clock):
    namnd, users, remiss = _remiss(session, clock, direction="utgaende")
    assert list(due(session, remiss.id)) == ["sista_svarsdag"]


def test_no_deadline_means_no_milestones_and_a_note(session, clock):
    namnd, users, remiss = _remiss(session, clock, deadline_on=None)
    assert due(session, remiss.id) == {}
    assert "ingen sista svarsdag" in session.get(TidplanState, remiss.id).warnings


def test_a_klamdag_moves_the_tidplan(session, clock):
    namnd, users, remiss = _remiss(session, clock)
    assert due(session, remiss.id)["tjansteskrivelse"] == date(2015, 8, 27)
    admin = Principal.of(session, make_user(session, role="admin"))
    meetings.add_closed_day(session, now=clock(), principal=admin, day=date(2015, 9, 4), reason="klämdag")
    assert due(session, remiss.id)["tjansteskrivelse"] == date(2015, 8, 26)
    explanation = {m.kind: m for m in tidplan.milestones_of(session, remiss.id)}["tjansteskrivelse"].explanation
    assert "klämdag" in explanation


def test_migrated_schema_matches_the_model(database_url):
    engine = create_engine(database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    assert [d for d in diff if "tidplan_state" in repr(d)] == []
