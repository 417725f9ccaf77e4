"""data: a remiss whose approved yttrande was opened again as utkast is Under beredning, not Klar för beslut

Before session 33 (walk33) "Öppna igen som utkast" on a godkänt yttrande left the remiss "Klar för beslut": its
page, next step ("Yttrandet är godkänt: registrera nämndens beslut."), the start page, the diarium and the API said it
was ready for the nämnd while the yttrande was an utkast again. Since then drafting.states.change_state moves it back
to Under beredning (note "Yttrandet öppnat igen som utkast"). This moves back the remisser stored before, exactly
those where all of this holds in the stored rows:
- an inkommande remiss at status klar_for_beslut, with no beslut registered (a decided yttrande is never reopened);
- its yttrande (not a rättelse) is utkast, or granskning again after being reopened (the new code keeps such a remiss
  Under beredning too: sent to granskning it only catches up, never moves forward past Under beredning);
- the yttrande's latest "godkand → utkast" audit event is later than the remiss's latest status event: the reopening
  came after the remiss became Klar för beslut, and nobody set a status since (a status set by hand afterwards,
  Klar för beslut included, is someone's choice and stays).

What the reopening does beyond the status is done as the app does it: an audit event of the status change (by the
system, "rättat vid uppgradering", as v001/z001/z003), updated_at, and the reminder horizon cleared so the next
sweep plans the remiss again through schedule.sync_remiss, the service the status change calls. The tidplan's
Tjänsteskrivelse and Granskning were opened again by the yttrande's own state change (planning.receivers
._sent_back), which the old code did too, so nothing of the tidplan is changed here. Running it again finds nothing.
The downgrade keeps the status: Under beredning is a status the code before this revision reads too.

Revision ID: z009_reopened_approval_status
Revises: z008_notices_stopped_by_closing
"""
import json
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

from remiss.db import UTCDateTime

revision = "z009_reopened_approval_status"
down_revision = "z008_notices_stopped_by_closing"
branch_labels = None
depends_on = None

BATCH = 500  # ids a statement stays under SQLite's limit on parameters
SYSTEM_NOTE = "rättat vid uppgradering"  # as v001_by_hand_repair, z001_walk19_repair and z003_justering_by_hand
NOTE = "Yttrandet öppnat igen som utkast"  # frozen: drafting.states.change_state's note for the move
REOPENED = ["godkand", "utkast"]  # the draft's state change of "Öppna igen som utkast"

remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("status", sa.String),
                  sa.column("direction", sa.String), sa.column("updated_at", UTCDateTime),
                  sa.column("reminders_planned_until", sa.Date))
draft = sa.table("yttrande_draft", sa.column("remiss_id", sa.Integer), sa.column("state", sa.String),
                 sa.column("rattelse", sa.Integer))
decision = sa.table("decision", sa.column("remiss_id", sa.Integer), sa.column("rattelse", sa.Integer))
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


def _stuck(conn, ids: list[int]) -> list[int]:
    """Those of ids whose latest reopening of the approved yttrande came after their latest status event."""
    last_status: dict[int, int] = {}
    last_reopened: dict[int, int] = {}
    events = conn.execute(
        sa.select(audit.c.id, audit.c.remiss_id, audit.c.entity, audit.c.changes)
        .where(audit.c.remiss_id.in_(ids), sa.or_(
            sa.and_(audit.c.entity == "remiss", audit.c.action == "status"),
            sa.and_(audit.c.entity == "yttrande_draft", audit.c.action == "state")))
        .order_by(audit.c.id))
    for event in events:
        if event.entity == "remiss":
            last_status[event.remiss_id] = event.id
        elif _changes(event.changes).get("state") == REOPENED:
            last_reopened[event.remiss_id] = event.id
    return [rid for rid in ids if last_reopened.get(rid, 0) > last_status.get(rid, 0)]


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(timezone.utc).replace(microsecond=0)
    decided = sa.select(decision.c.remiss_id).where(decision.c.remiss_id == remiss.c.id, decision.c.rattelse == 0)
    candidates = (sa.select(remiss.c.id).join(draft, draft.c.remiss_id == remiss.c.id)
                  .where(remiss.c.status == "klar_for_beslut", remiss.c.direction == "inkommande",
                         draft.c.state.in_(("utkast", "granskning")), draft.c.rattelse == 0, ~decided.exists()))
    last = 0
    while ids := list(conn.execute(candidates.where(remiss.c.id > last).order_by(remiss.c.id).limit(BATCH))
                      .scalars()):
        last = ids[-1]
        stuck = _stuck(conn, ids)
        if not stuck:
            continue
        conn.execute(remiss.update().where(remiss.c.id.in_(stuck))
                     .values(status="under_beredning", updated_at=now, reminders_planned_until=None))
        conn.execute(audit.insert(), [
            {"at": now, "user_id": None, "entity": "remiss", "entity_id": rid, "remiss_id": rid, "action": "status",
             "changes": json.dumps({"status": ["klar_for_beslut", "under_beredning"]}, ensure_ascii=False),
             "note": f"{NOTE} ({SYSTEM_NOTE})"} for rid in stuck])


def downgrade() -> None:
    pass  # Under beredning reads right on the code before this revision too, so the repaired rows stay
