"""data: an Expediering left open by an expediering without svarsadress is klar; its sending waits (walk25b Z5)

Before walk25b Z5 an yttrande expedierat without a svarsadress ticked off the steps up to the Justering and left the
Expediering open with the words recorded.WAITS_TO_BE_SENT ("Yttrandet är expedierat men inte skickat: …"), so every
reader of the stored row (the Tidplan, the Kalender and its ICS feeds, the start page, the reminders) showed the
expediering as "Försenad" until the sending was registered, though it had happened. Since Z5 the expediering closes
the step (receivers._draft_state: done at the expediering, closed_with_remiss false) and the open Sista svarsdag
carries those words and its advice cleared; a lateness is the sending's, and the sending registered closes the Sista
svarsdag (receivers._status reads the words there).

The rows repaired are exactly those the old code left: kind expediering, open, its words WAITS_TO_BE_SENT, on an open
incoming remiss whose yttrande (rattelse 0) is expedierat. The step is done when the yttrande was expedierat: the
frozen documents of the version sent were made then (drafting.api.sent_summary's expedierad_at; the yttrande's own
updated_at when none is kept). The old code had written the plan's words over the Expediering's, so the done step
gets EXPEDITED_WORDS (the pages say "Expedierat <dag>, planerat <dag>." of it, as of any done expediering; the API
shows the stored words). The open Sista svarsdag takes WAITS_TO_BE_SENT, its advice cleared, as the new code writes
it. Each step closed is an audit event of the system, as milestones.complete records one ("done:expediering"). The
remisser are touched (updated_at) and their reminder horizon cleared, as z003 does: the next reminder sweep plans them
first through schedule.sync_remiss, which cancels the Expediering's pending reminders ("Tidplanen har ändrats") and
words the Sista svarsdag's as the sending's. Running it again finds nothing. The downgrade keeps the rows: the code
before this revision reads the sending waiting on the Sista svarsdag too (recorded.waits_to_be_sent).

Revision ID: z004_unsent_expediering
Revises: z003_justering_by_hand
"""
import json
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

from remiss.db import UTCDateTime

revision = "z004_unsent_expediering"
down_revision = "z003_justering_by_hand"
branch_labels = None
depends_on = None

SYSTEM_NOTE = "rättat vid uppgradering"  # as v001_by_hand_repair, z001_walk19_repair and z003_justering_by_hand
# frozen here: remiss.remisser.status.CLOSED
CLOSED = ("besvarad", "avstar", "aterkallad", "makulerad", "avslutad")
# frozen here: remiss.planning.service.recorded.WAITS_TO_BE_SENT, the words the old code left on the open Expediering
WAITS_TO_BE_SENT = ("Yttrandet är expedierat men inte skickat: remissen saknar svarsadress. Väntar på att skickas – "
                    "skicka yttrandet till remittenten och registrera hur det skickades (”Skickat per post eller på "
                    "annat sätt”).")
# the done Expediering's words: the plan's were written over by the old code
EXPEDITED_WORDS = "Expedierat utan svarsadress: yttrandet skickas till remittenten på annat sätt."
NOTE = "Expediering: klar när yttrandet expedierades; det som väntar är sändningen, under Sista svarsdag"

remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("status", sa.String),
                  sa.column("direction", sa.String), sa.column("updated_at", UTCDateTime),
                  sa.column("reminders_planned_until", sa.Date))
milestone = sa.table("milestone", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                     sa.column("kind", sa.String), sa.column("done_at", UTCDateTime),
                     sa.column("closed_with_remiss", sa.Boolean), sa.column("explanation", sa.Text),
                     sa.column("advice", sa.Text))
draft = sa.table("yttrande_draft", sa.column("remiss_id", sa.Integer), sa.column("state", sa.String),
                 sa.column("rattelse", sa.Integer), sa.column("frozen_version_id", sa.Integer),
                 sa.column("updated_at", UTCDateTime))
document = sa.table("generated_document", sa.column("draft_version_id", sa.Integer), sa.column("frozen", sa.Boolean),
                    sa.column("created_at", UTCDateTime))
audit = sa.table("audit_event", sa.column("id", sa.Integer), sa.column("at", UTCDateTime),
                 sa.column("user_id", sa.Integer), sa.column("entity", sa.String), sa.column("entity_id", sa.Integer),
                 sa.column("remiss_id", sa.Integer), sa.column("action", sa.String), sa.column("changes", sa.Text),
                 sa.column("note", sa.Text))


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(timezone.utc).replace(microsecond=0)
    frozen_at = (sa.select(sa.func.min(document.c.created_at))  # when the version sent was expedierat
                 .where(document.c.draft_version_id == draft.c.frozen_version_id, document.c.frozen)
                 .scalar_subquery())
    rows = conn.execute(
        sa.select(milestone.c.id, milestone.c.remiss_id, frozen_at.label("frozen_at"),
                  draft.c.updated_at.label("draft_at"))
        .join(remiss, remiss.c.id == milestone.c.remiss_id)
        .join(draft, draft.c.remiss_id == remiss.c.id)
        .where(milestone.c.kind == "expediering", milestone.c.done_at.is_(None),
               milestone.c.explanation == WAITS_TO_BE_SENT, remiss.c.direction == "inkommande",
               remiss.c.status.not_in(CLOSED), draft.c.state == "expedierad", draft.c.rattelse == 0)
        .order_by(milestone.c.id)).all()
    for row in rows:
        done_at = row.frozen_at or row.draft_at
        conn.execute(milestone.update().where(milestone.c.id == row.id).values(
            done_at=done_at, closed_with_remiss=False, explanation=EXPEDITED_WORDS, advice=""))
        conn.execute(milestone.update().where(
            milestone.c.remiss_id == row.remiss_id, milestone.c.kind == "sista_svarsdag",
            milestone.c.done_at.is_(None)).values(explanation=WAITS_TO_BE_SENT, advice=""))
        conn.execute(audit.insert().values(
            at=now, user_id=None, entity="remiss", entity_id=row.remiss_id, remiss_id=row.remiss_id,
            action="milestone",
            changes=json.dumps({"done:expediering": [None, done_at.isoformat()]}, ensure_ascii=False),
            note=f"{NOTE} ({SYSTEM_NOTE})"))
    ids = sorted({row.remiss_id for row in rows})
    for start in range(0, len(ids), 500):  # a few hundred ids a statement (SQLite's limit on parameters)
        conn.execute(remiss.update().where(remiss.c.id.in_(ids[start:start + 500]))
                     .values(updated_at=now, reminders_planned_until=None))


def downgrade() -> None:
    pass  # the code before this revision reads the sending waiting on the Sista svarsdag too, so the rows stay
