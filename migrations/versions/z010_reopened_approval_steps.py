"""data: the Tjänsteskrivelse and Granskning of a remiss z009 put back Under beredning are open again

z009 moved the remisser left "Klar för beslut" by an approved yttrande opened again as utkast back to Under beredning,
and took their Tidplan to be right: "Tjänsteskrivelse and Granskning were opened again by the yttrande's own state
change (planning.receivers._sent_back)". That receiver came on 3 December 2026 (4c569947); an approval opened again
before then left both steps done, so these remisser still said in the Tidplan, the Kalender and its ICS feeds, the
start page, the reminders and the API that the tjänsteskrivelse was written and reviewed while the yttrande was an
utkast again.

Today "Öppna igen som utkast" opens the two steps (milestones.undo through _sent_back) and the later steps of the
yttrande close them again: sent to granskning it completes the Tjänsteskrivelse, approved the Granskning too. So for
each remiss z009 moved (its history line "Yttrandet öppnat igen som utkast (rättat vid uppgradering)", by the system)
the rows opened are those the code of today leaves open, exactly:
- the remiss is still open (not besvarad, avstår, återkallad, makulerad or avslutad: a closed remiss drives no
  reminder and no lateness, as z003 leaves it) and its yttrande (not a rättelse) is still an utkast (both steps) or in
  granskning (the Granskning only);
- the row is done, and was done at the reopening z009 found (the yttrande's latest "godkand → utkast" before z009's
  line): a step done after it (the yttrande sent to granskning again, a tick by hand) is done by what came after.

A row is opened as milestones.undo opens it: done_at cleared, not closed with the remiss, its words kept. A row whose
words say it was marked klar by hand (MARKED_BY_HAND) gets the plan's words at run time (undo replans); the planner is
not run here, so its words are cleared instead and the next replanning writes them: an open row saying "Markerad som
klar för hand" would say it is done. Each remiss opened gets the history line undo writes (by the system, "rättat vid
uppgradering", as z009), is touched (updated_at) and has its reminder horizon cleared, so that the next sweep plans
the open steps' reminders through schedule.sync_remiss, as undo's milestones_changed does. Running it again finds
nothing. The downgrade keeps the rows open: the code before this revision reads them open too.

Revision ID: z010_reopened_approval_steps
Revises: z009_reopened_approval_status
"""
import json
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

from remiss.db import UTCDateTime

revision = "z010_reopened_approval_steps"
down_revision = "z009_reopened_approval_status"
branch_labels = None
depends_on = None

BATCH = 500  # ids a statement stays under SQLite's limit on parameters
SYSTEM_NOTE = "rättat vid uppgradering"  # as v001, z001, z003 and z009
Z009_NOTE = f"Yttrandet öppnat igen som utkast ({SYSTEM_NOTE})"  # frozen: z009's history line
REOPENED = ["godkand", "utkast"]  # the draft's state change of "Öppna igen som utkast"
WHY = "yttrandet skickat tillbaka till utkast"  # frozen: planning.receivers._sent_back's note
# frozen: remiss.remisser.status.CLOSED; calendar.milestones.MARKED_BY_HAND
CLOSED = ("besvarad", "avstar", "aterkallad", "makulerad", "avslutad")
MARKED_BY_HAND = "Markerad som klar för hand"
# the steps today's code leaves open for the yttrande's state (receivers.SENT_BACK, then BY_DRAFT_STATE)
OPEN_IN = {"utkast": ("tjansteskrivelse", "granskning"), "granskning": ("granskning",)}

remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("status", sa.String),
                  sa.column("updated_at", UTCDateTime), sa.column("reminders_planned_until", sa.Date))
draft = sa.table("yttrande_draft", sa.column("remiss_id", sa.Integer), sa.column("state", sa.String),
                 sa.column("rattelse", sa.Integer))
milestone = sa.table("milestone", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                     sa.column("kind", sa.String), sa.column("label", sa.String), sa.column("position", sa.Integer),
                     sa.column("done_at", UTCDateTime), sa.column("closed_with_remiss", sa.Boolean),
                     sa.column("explanation", sa.Text))
audit = sa.table("audit_event", sa.column("id", sa.Integer), sa.column("at", UTCDateTime),
                 sa.column("user_id", sa.Integer), sa.column("entity", sa.String), sa.column("entity_id", sa.Integer),
                 sa.column("remiss_id", sa.Integer), sa.column("action", sa.String), sa.column("changes", sa.Text),
                 sa.column("note", sa.Text))


def _changes(text) -> dict:
    try:
        changes = json.loads(text or "{}")
    except ValueError:
        return {}
    return changes if isinstance(changes, dict) else {}


def _moved() -> dict[int, int]:
    """The remisser z009 moved back Under beredning: remiss id -> the id of its (latest) history line."""
    conn = op.get_bind()
    rows = conn.execute(sa.select(audit.c.remiss_id, sa.func.max(audit.c.id))
                        .where(audit.c.entity == "remiss", audit.c.action == "status", audit.c.user_id.is_(None),
                               audit.c.note == Z009_NOTE)
                        .group_by(audit.c.remiss_id))
    return {rid: line for rid, line in rows}


def _reopened_at(conn, moved: dict[int, int]) -> dict[int, datetime]:
    """For each remiss of moved, the moment of the yttrande's latest reopening before z009's line."""
    found: dict[int, tuple[int, datetime]] = {}
    events = conn.execute(
        sa.select(audit.c.id, audit.c.remiss_id, audit.c.at, audit.c.changes)
        .where(audit.c.remiss_id.in_(list(moved)), audit.c.entity == "yttrande_draft", audit.c.action == "state")
        .order_by(audit.c.id))
    for event in events:
        if event.id < moved[event.remiss_id] and _changes(event.changes).get("state") == REOPENED:
            found[event.remiss_id] = (event.id, event.at)
    return {rid: moment for rid, (_, moment) in found.items()}


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(timezone.utc).replace(microsecond=0)
    moved = _moved()
    ids = sorted(moved)
    history, touched = [], []
    for start in range(0, len(ids), BATCH):
        batch = {rid: moved[rid] for rid in ids[start:start + BATCH]}
        states = dict(conn.execute(
            sa.select(remiss.c.id, draft.c.state).join(draft, draft.c.remiss_id == remiss.c.id)
            .where(remiss.c.id.in_(list(batch)), remiss.c.status.not_in(CLOSED), draft.c.rattelse == 0,
                   draft.c.state.in_(list(OPEN_IN)))).all())
        if not states:
            continue
        reopened = _reopened_at(conn, {rid: batch[rid] for rid in states})
        rows = conn.execute(
            sa.select(milestone.c.id, milestone.c.remiss_id, milestone.c.kind, milestone.c.label,
                      milestone.c.done_at, milestone.c.explanation)
            .where(milestone.c.remiss_id.in_(list(reopened)), milestone.c.done_at.is_not(None),
                   milestone.c.kind.in_(OPEN_IN["utkast"]))
            .order_by(milestone.c.remiss_id, milestone.c.position, milestone.c.id)).all()
        opened: dict[int, list] = {}
        for row in rows:
            if row.kind in OPEN_IN[states[row.remiss_id]] and _utc(row.done_at) <= _utc(reopened[row.remiss_id]):
                opened.setdefault(row.remiss_id, []).append(row)
        for rid, steps in opened.items():
            for row in steps:
                words = "" if (row.explanation or "").startswith(MARKED_BY_HAND) else row.explanation
                conn.execute(milestone.update().where(milestone.c.id == row.id)
                             .values(done_at=None, closed_with_remiss=False, explanation=words))
            # as milestones._open_again records it: "Tjänsteskrivelse, Granskning: inte klar (…)"
            history.append({
                "at": now, "user_id": None, "entity": "remiss", "entity_id": rid, "remiss_id": rid,
                "action": "milestone",
                "changes": json.dumps({f"done:{row.kind}": [True, None] for row in steps}, ensure_ascii=False),
                "note": f"{', '.join(row.label for row in steps)}: inte klar ({WHY}, {SYSTEM_NOTE})"})
            touched.append(rid)
    if history:
        conn.execute(audit.insert(), history)
    for start in range(0, len(touched), BATCH):
        conn.execute(remiss.update().where(remiss.c.id.in_(touched[start:start + BATCH]))
                     .values(updated_at=now, reminders_planned_until=None))


def _utc(moment: datetime) -> datetime:
    """An aware UTC moment (UTCDateTime reads aware; a naive one is UTC as stored)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def downgrade() -> None:
    pass  # the opened rows read right on the code before this revision too (it shows them open), so they stay
