"""data: the rows walk19's rules store differently, stored so; milestone.flag_reason indexed

1. A pending förlängning request that a granted one (general, or granted on another request) reaches is stored
   "superseded", dated with that grant, as extensions._supersede_covered_requests does since walk19 G4; the rule is
   extensions.covers, imported. A request only the deadline in force reaches, with no grant reaching it (a
   deadline corrected by hand), is left pending: it is shown superseded (extensions.reached) and no grant dates it.
2. milestone.flag_reason is filtered on by the missed-sammanträde check of every request (service.missed
   .any_unpassed: flag_reason = 'sammantrade_passerat' AND due_on >= today) and the sekreterare's list: a partial
   index on (flag_reason, due_on) of the few flagged rows.
3. A sammanträde (arbetsutskott, nämndsammanträde) ticked "Klar – status ändrad för hand" by Beslutad set by hand
   before its day (walk19 G1: it stays open now) is open again when all of this is certain from the stored rows:
   the remiss is still beslutad and has no beslut registered, the tick is the by-hand status change's (its audit
   event at that moment says "status ändrad för hand"), the day was after that moment (recorded.still_ahead) and
   is after now. Not repaired, because the stored rows cannot tell what the new rule would have done:
   - a day that has passed since: the sammanträde may well have decided the ärende, as the status says;
   - a remiss closed since (Besvarad, by hand or by the expediering, avstår, återkallad): the new rule's form
     depends on the path and moment of the closing, and a closed remiss's tidplan drives no reminder or lateness.
4. v001 opened again (done_at cleared) milestones it found ticked by hand without re-planning the reminders: the
   click had cancelled their reminder rows ("Tidplanen har ändrats"), and nothing plans them again until the
   remiss's plan horizon runs out (up to three weeks). Which rows are owed depends on the nämnd's policy, so
   this is not decided here: the open incoming remisser v001 or this repair opened steps of get their horizon
   (reminders_planned_until) cleared, and the next reminder sweep re-plans them first, through
   schedule.sync_remiss, the service every date change calls. Running this again only makes the sweep re-plan
   them once more, to the same rows.
5. An answer of a remissinstans stored with "Inga synpunkter" and synpunkter (answers to the frågeställningar or
   övriga synpunkter, outgoing.service.answers.synpunkter_said, imported) keeps its text and loses the tick: the
   text is what the instans wrote, the tick a claim that contradicts it. Its history says so and how to undo it.

Each repair is an audit event of the system. Running it again repairs nothing more. The downgrade drops the
index; the repaired rows read right on the earlier code too, so they stay.

Revision ID: z001_walk19_repair
Revises: y001_tidplan_extension_step
"""
import json
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

from remiss.calendar.milestones import BY_HAND
from remiss.calendar.missed import MEETING_STEPS
from remiss.calendar.swedish import format_date, format_weekday_date
from remiss.clock import local
from remiss.db import UTCDateTime
from remiss.outgoing.service.answers import synpunkter_said
from remiss.planning.service.extensions import BY_GRANT, DECISIONS, covers
from remiss.planning.service.recorded import still_ahead

revision = "z001_walk19_repair"
down_revision = "y001_tidplan_extension_step"
branch_labels = None
depends_on = None

BATCH = 2000
SYSTEM_NOTE = "rättat vid uppgradering"  # as v001_by_hand_repair
# frozen here: remiss.remisser.status.CLOSED
CLOSED = ("besvarad", "avstar", "aterkallad", "makulerad", "avslutad")
INDEX = "ix_milestone_flag_reason"

remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("status", sa.String),
                  sa.column("direction", sa.String), sa.column("updated_at", UTCDateTime),
                  sa.column("reminders_planned_until", sa.Date))
extension = sa.table("extension", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                     sa.column("sandlista_entry_id", sa.Integer), sa.column("is_general", sa.Boolean),
                     sa.column("requested_on", sa.Date), sa.column("requested_until_on", sa.Date),
                     sa.column("requested_until_time", sa.Time), sa.column("decision", sa.String),
                     sa.column("granted_until_on", sa.Date), sa.column("granted_until_time", sa.Time),
                     sa.column("decided_on", sa.Date), sa.column("created_at", UTCDateTime))
milestone = sa.table("milestone", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                     sa.column("kind", sa.String), sa.column("label", sa.String), sa.column("due_on", sa.Date),
                     sa.column("done_at", UTCDateTime), sa.column("closed_with_remiss", sa.Boolean),
                     sa.column("explanation", sa.Text))
audit = sa.table("audit_event", sa.column("id", sa.Integer), sa.column("at", UTCDateTime),
                 sa.column("user_id", sa.Integer), sa.column("entity", sa.String), sa.column("entity_id", sa.Integer),
                 sa.column("remiss_id", sa.Integer), sa.column("action", sa.String), sa.column("changes", sa.Text),
                 sa.column("note", sa.Text))
decision = sa.table("decision", sa.column("remiss_id", sa.Integer), sa.column("rattelse", sa.Integer))
entry = sa.table("sandlista_entry", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                 sa.column("name", sa.String), sa.column("no_comments", sa.Boolean),
                 sa.column("other_comments", sa.Text))
answer = sa.table("sandlista_answer", sa.column("sandlista_entry_id", sa.Integer), sa.column("text", sa.Text))


def _log(conn, now, *, entity, entity_id, remiss_id, action, changes, note) -> None:
    conn.execute(audit.insert().values(at=now, user_id=None, entity=entity, entity_id=entity_id, remiss_id=remiss_id,
                                       action=action, changes=json.dumps(changes, ensure_ascii=False),
                                       note=f"{note} ({SYSTEM_NOTE})"))


def _touch(conn, now, remiss_ids) -> None:
    """The remisser changed: their extensions, milestones and answers are part of what the API shows."""
    ids = sorted(remiss_ids)
    for start in range(0, len(ids), 500):  # a few hundred ids a statement (SQLite's limit on parameters)
        conn.execute(remiss.update().where(remiss.c.id.in_(ids[start:start + 500])).values(updated_at=now))


def _batches(conn, stmt, key):
    """The rows of stmt in batches, by the increasing integer key (a column of the statement)."""
    last = 0
    while rows := conn.execute(stmt.where(key > last).order_by(key).limit(BATCH)).all():
        yield rows
        last = rows[-1][0]


def _superseding(grants, request):
    """The grant that closed the request, as the new code closes it when the grant is recorded: the first granted
    at or after the request was made that reaches it (else the last one reaching it), or None."""
    reaching = sorted((g for g in grants if covers(g, request)),
                      key=lambda g: (g.decided_on or g.created_at.date(), g.created_at, g.id))
    after = [g for g in reaching if request.requested_on is None or g.decided_on is None
             or g.decided_on >= request.requested_on]
    return (after or reaching[-1:] or [None])[0]


def _extensions(conn, now) -> None:
    pending = (sa.select(extension.c.id, extension.c.remiss_id, extension.c.requested_on,
                         extension.c.requested_until_on, extension.c.requested_until_time)
               .where(extension.c.decision == "pending", extension.c.sandlista_entry_id.is_(None),
                      sa.not_(extension.c.is_general), extension.c.requested_until_on.is_not(None)))
    for rows in _batches(conn, pending, extension.c.id):
        grants: dict[int, list] = {}
        for g in conn.execute(sa.select(extension).where(
                extension.c.remiss_id.in_(sorted({r.remiss_id for r in rows})), extension.c.decision == "granted",
                extension.c.sandlista_entry_id.is_(None), extension.c.granted_until_on.is_not(None))):
            grants.setdefault(g.remiss_id, []).append(g)
        touched = set()
        for request in rows:
            grant = _superseding(grants.get(request.remiss_id, ()), request)
            if grant is None:
                continue
            days = [d for d in (grant.decided_on, request.requested_on) if d is not None]
            day = max(days) if days else None  # never before the request was made
            conn.execute(extension.update().where(extension.c.id == request.id)
                         .values(decision="superseded", decided_on=day))
            how = "superseded" if grant.is_general else "superseded_by_grant"
            _log(conn, now, entity="extension", entity_id=request.id, remiss_id=request.remiss_id,
                 action="extension", changes={"decision": ["pending", how]},
                 note=DECISIONS["superseded"] if grant.is_general else BY_GRANT)
            touched.add(request.remiss_id)
        _touch(conn, now, touched)


def _meetings(conn, now) -> set[int]:
    """Open again the sammanträden still ahead that Beslutad by hand ticked done (3 above); return their remisser."""
    today = local(now).date()
    beslut = sa.select(decision.c.remiss_id).where(decision.c.remiss_id == remiss.c.id, decision.c.rattelse == 0)
    rows = conn.execute(
        sa.select(milestone.c.id, milestone.c.remiss_id, milestone.c.kind, milestone.c.label, milestone.c.due_on,
                  milestone.c.done_at)
        .join(remiss, remiss.c.id == milestone.c.remiss_id)
        .where(milestone.c.kind.in_(MEETING_STEPS), milestone.c.done_at.is_not(None),
               sa.not_(milestone.c.closed_with_remiss), milestone.c.explanation.like(f"{BY_HAND}%"),
               milestone.c.due_on > today, remiss.c.status == "beslutad", remiss.c.direction == "inkommande",
               ~beslut.exists())
        .order_by(milestone.c.remiss_id, milestone.c.id)).all()
    repaired: dict[int, list] = {}
    for row in rows:
        if not still_ahead(row.kind, row.due_on, local(row.done_at).date()):
            continue
        ticked = conn.execute(sa.select(audit.c.id).where(
            audit.c.remiss_id == row.remiss_id, audit.c.entity == "remiss", audit.c.action == "milestone",
            audit.c.at == row.done_at, audit.c.changes.like(f'%"done:{row.kind}"%'),
            audit.c.note.like("%status ändrad för hand%")).limit(1)).first()
        if ticked is None:
            continue  # not certainly the by-hand status's tick
        by_hand_on = format_date(local(row.done_at).date())
        conn.execute(milestone.update().where(milestone.c.id == row.id).values(
            done_at=None, explanation=f"Sammanträdet {format_weekday_date(row.due_on)} har inte ägt rum än: status "
                                      f"ändrad till Beslutad för hand {by_hand_on}."))
        repaired.setdefault(row.remiss_id, []).append(row)
    for remiss_id, steps in repaired.items():
        _log(conn, now, entity="remiss", entity_id=remiss_id, remiss_id=remiss_id, action="milestone",
             changes={f"done:{m.kind}": [m.done_at.isoformat(), None] for m in steps},
             note=f"{', '.join(m.label for m in steps)}: inte klar; ett sammanträde som inte har ägt rum än blir "
                  f"klart när beslutet registreras, inte när status ändras till Beslutad för hand")
    _touch(conn, now, set(repaired))
    return set(repaired)


def _replan_reminders(conn, reopened: set[int]) -> None:
    """Clear the plan horizon of the open incoming remisser whose steps v001 or this repair opened again (4 above):
    the reminder sweep plans a remiss without a horizon first."""
    v001 = (sa.select(audit.c.remiss_id).where(audit.c.action == "milestone", audit.c.entity == "milestone",
                                                audit.c.note.like(f"%: inte klar;%({SYSTEM_NOTE})"))
            .distinct())
    ids = sorted(set(conn.execute(v001).scalars()) | reopened)
    for start in range(0, len(ids), 500):  # a few hundred ids a statement (SQLite's limit on parameters)
        conn.execute(remiss.update().where(remiss.c.id.in_(ids[start:start + 500]), remiss.c.status.not_in(CLOSED),
                                           remiss.c.direction == "inkommande")
                     .values(reminders_planned_until=None))


def _answers(conn, now) -> None:
    ticked = sa.select(entry.c.id, entry.c.remiss_id, entry.c.name, entry.c.other_comments).where(entry.c.no_comments)
    for rows in _batches(conn, ticked, entry.c.id):
        texts: dict[int, list[str]] = {}
        for entry_id, text in conn.execute(sa.select(answer.c.sandlista_entry_id, answer.c.text)
                                           .where(answer.c.sandlista_entry_id.in_([r.id for r in rows]))):
            texts.setdefault(entry_id, []).append(text or "")
        touched = set()
        for row in rows:
            said = synpunkter_said(texts.get(row.id, []), row.other_comments or "")
            if not said:
                continue
            conn.execute(entry.update().where(entry.c.id == row.id).values(no_comments=False))
            _log(conn, now, entity="sandlista_entry", entity_id=row.id, remiss_id=row.remiss_id, action="answer",
                 changes={"no_comments": [True, False]},
                 note=f"{row.name}: ”Inga synpunkter” borttaget, eftersom svaret har {' och '.join(said)}, som "
                      f"står kvar. Sade instansen att den inte har några synpunkter: ta bort texten och kryssa i "
                      f"”Inga synpunkter” igen")
            touched.add(row.remiss_id)
        _touch(conn, now, touched)


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(timezone.utc).replace(microsecond=0)
    _extensions(conn, now)
    _replan_reminders(conn, _meetings(conn, now))
    _answers(conn, now)
    # after the repairs, which change flagged rows of no one: one build
    op.create_index(INDEX, "milestone", ["flag_reason", "due_on"], sqlite_where=sa.text("flag_reason IS NOT NULL"),
                    postgresql_where=sa.text("flag_reason IS NOT NULL"))


def downgrade() -> None:
    op.drop_index(INDEX, table_name="milestone")
    # the repaired rows read right on every version before this one: they are not put back
