"""data: the payload of a notice that closing the case stopped in the Utkorg records why

Closing an utgående remiss stops the mails that ask an instans for its answer (the missiv, a changed missiv, a
besked om anstånd, a notice of förlängd remisstid) with the reason "Ärendet avslutades innan meddelandet skickades:
svar på remissen registreras inte längre.", and opening the case again put back the rows with that reason. Now
the code that stops them records why in the payload ("stopped_by": "closed", remiss.reminders.resend.CLOSED), as
z006 did for a notice stopped by the answer, and the reopening reads that. This records it on the rows stopped
before, read once from their reason here (frozen, as the code wrote it). Only the payload changes: nothing a person
did, so no history. Running it again finds nothing new. The downgrade keeps the key: the code before this revision
reads the reason, still there.

Revision ID: z008_notices_stopped_by_closing
Revises: z007_inbox_copy_key
"""
import json

from alembic import op
import sqlalchemy as sa

revision = "z008_notices_stopped_by_closing"
down_revision = "z007_inbox_copy_key"
branch_labels = None
depends_on = None

# frozen: closing.NOTICE_CANCELLED and closing.ANSWER_KINDS as the code before this revision had them
NOTICE_CANCELLED = "Ärendet avslutades innan meddelandet skickades: svar på remissen registreras inte längre."
ANSWER_KINDS = ("outgoing_missiv", "outgoing_amendment", "outgoing_extension")
BATCH = 2000

outbox = sa.table("outbox_message", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                  sa.column("status", sa.String), sa.column("last_error", sa.Text), sa.column("payload", sa.Text))


def upgrade() -> None:
    conn = op.get_bind()
    update = outbox.update().where(outbox.c.id == sa.bindparam("b_id")).values(payload=sa.bindparam("b_payload"))
    last = 0
    while True:
        rows = conn.execute(
            sa.select(outbox.c.id, outbox.c.payload)
            .where(outbox.c.id > last, outbox.c.status == "cancelled", outbox.c.kind.in_(ANSWER_KINDS),
                   outbox.c.last_error == NOTICE_CANCELLED)
            .order_by(outbox.c.id).limit(BATCH)).all()
        if not rows:
            break
        changed = []
        for row in rows:
            try:
                payload = json.loads(row.payload or "{}")
            except ValueError:
                continue
            if not isinstance(payload, dict) or "stopped_by" in payload:
                continue
            payload["stopped_by"] = "closed"
            changed.append({"b_id": row.id, "b_payload": json.dumps(payload, ensure_ascii=False)})
        if changed:
            conn.execute(update, changed)
        last = rows[-1].id


def downgrade() -> None:
    pass  # the code before this revision reads the reason, which is kept
