"""data: a Justering marked klar by hand while its beslut waits for justering is open again (walk24 V13)

Since walk24 V13 a Justering is klar only when the justering is registered under Beslut once a beslut is registered
(recorded.justering_waits): "Markera som klar" is refused then, and registering a beslut that waits for its justering
opens the step. Rows ticked before that rule stayed done, and every reader of the stored row (the Kalender, its ICS
feeds, the start page and the reminders) read them as klar while the Beslut panel and Att göra said the protokoll
was not justerat. Stored, the rule is one: the Tidplan and the API read the row as the others do.

"By hand" in the schema: a Justering has no words of its own for a tick (calendar.milestones.DONE_WORDS has none
for it, so "Markera som klar" keeps the plan's explanation), and only the history says who ticked it. What the row
does say is that the closing did not tick it (closed_with_remiss false). Every other way a Justering becomes done
(the justering registered, a beslut justerad omedelbart, the expediering after it) leaves a beslut that does not wait,
and a beslut changed to wait opens the step (receivers._decision, since V13; a row done before a change made before
V13 is open by the same rule). So the rows repaired are exactly: kind justering, done, not closed with the remiss, on an open incoming remiss whose
beslut on the yttrande (rattelse 0) is the nämnd's or its arbetsutskott's, not justerad omedelbart and with no
justering day (as justering_waits, its rule frozen here as SQL). A closed remiss is left as it is: its tidplan drives
no reminder and no lateness, and reopening a step of it would show open work on a finished ärende.

The row is opened as milestones.undo opens it (done_at cleared); it keeps the plan's words, which registering the
justering rewrites (tidplan.follow). The remisser are touched (updated_at) and their reminder horizon cleared: the
tick had cancelled the Justering's reminders ("Tidplanen har ändrats"), and the next reminder sweep plans a remiss
without a horizon first, through schedule.sync_remiss. Each reopened step is an audit event of the system. Running it
again finds nothing. The downgrade keeps the rows open: the code before this revision reads them open too.

Revision ID: z003_justering_by_hand
Revises: z002_outgoing_deadline_words
"""
import json
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

from remiss.calendar.milestones import MARKED_BY_HAND
from remiss.db import UTCDateTime

revision = "z003_justering_by_hand"
down_revision = "z002_outgoing_deadline_words"
branch_labels = None
depends_on = None

SYSTEM_NOTE = "rättat vid uppgradering"  # as v001_by_hand_repair and z001_walk19_repair
# frozen here: remiss.remisser.status.CLOSED
CLOSED = ("besvarad", "avstar", "aterkallad", "makulerad", "avslutad")
# frozen here: the words recorded.MARKED_NOT_REGISTERED had, for a row whose words said it was marked by hand
REOPENED_WORDS = ("Inte justerad ännu: protokollet med beslutet är inte justerat. Steget markerades som klart för "
                  "hand, men det blir klart först när justeringen registreras under Beslut.")
NOTE = ("Justering: inte klar; markerad som klar för hand medan beslutet väntar på justering. Steget blir klart när "
        "justeringen registreras under Beslut")

remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("status", sa.String),
                  sa.column("direction", sa.String), sa.column("updated_at", UTCDateTime),
                  sa.column("reminders_planned_until", sa.Date))
milestone = sa.table("milestone", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                     sa.column("kind", sa.String), sa.column("done_at", UTCDateTime),
                     sa.column("closed_with_remiss", sa.Boolean), sa.column("explanation", sa.Text))
decision = sa.table("decision", sa.column("remiss_id", sa.Integer), sa.column("rattelse", sa.Integer),
                    sa.column("decided_by", sa.String), sa.column("omedelbar_justering", sa.Boolean),
                    sa.column("justerad_on", sa.Date))
audit = sa.table("audit_event", sa.column("id", sa.Integer), sa.column("at", UTCDateTime),
                 sa.column("user_id", sa.Integer), sa.column("entity", sa.String), sa.column("entity_id", sa.Integer),
                 sa.column("remiss_id", sa.Integer), sa.column("action", sa.String), sa.column("changes", sa.Text),
                 sa.column("note", sa.Text))


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(timezone.utc).replace(microsecond=0)
    waits = sa.select(decision.c.remiss_id).where(  # recorded.justering_waits, as SQL
        decision.c.remiss_id == remiss.c.id, decision.c.rattelse == 0, decision.c.decided_by != "delegat",
        sa.not_(decision.c.omedelbar_justering), decision.c.justerad_on.is_(None))
    rows = conn.execute(
        sa.select(milestone.c.id, milestone.c.remiss_id, milestone.c.done_at, milestone.c.explanation)
        .join(remiss, remiss.c.id == milestone.c.remiss_id)
        .where(milestone.c.kind == "justering", milestone.c.done_at.is_not(None),
               sa.not_(milestone.c.closed_with_remiss), remiss.c.direction == "inkommande",
               remiss.c.status.not_in(CLOSED), waits.exists())
        .order_by(milestone.c.id)).all()
    for row in rows:
        words = REOPENED_WORDS if (row.explanation or "").startswith(MARKED_BY_HAND) else row.explanation
        conn.execute(milestone.update().where(milestone.c.id == row.id).values(done_at=None, explanation=words))
        conn.execute(audit.insert().values(
            at=now, user_id=None, entity="milestone", entity_id=row.id, remiss_id=row.remiss_id, action="milestone",
            changes=json.dumps({"done:justering": [row.done_at.isoformat(), None]}, ensure_ascii=False),
            note=f"{NOTE} ({SYSTEM_NOTE})"))
    ids = sorted({row.remiss_id for row in rows})
    for start in range(0, len(ids), 500):  # a few hundred ids a statement (SQLite's limit on parameters)
        conn.execute(remiss.update().where(remiss.c.id.in_(ids[start:start + 500]))
                     .values(updated_at=now, reminders_planned_until=None))


def downgrade() -> None:
    pass  # the reopened rows read right on the earlier code too (it shows them open), so they stay
