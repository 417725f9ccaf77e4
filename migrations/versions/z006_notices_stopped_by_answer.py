"""data: the payload of a notice the instans's answer or avstår stopped in the Utkorg records why

Since session 31 a notice of a later svarsdag (besked om anstånd, meddelande om förlängd remisstid) that the
instans's answer or avstår made unneeded while it waited in the Utkorg is superseded with the reason "<instans> har
svarat innan det skickades, så det behövs inte längre." (or "… avstår från att yttra sig, så …"), and the Utkorg
said "Behövs inte – har svarat" ("– avstår") by reading those closing words. Now the code that stops such a notice
records why in its payload ("stopped_by": "answered" or "declined", remiss.reminders.resend.STOPPED_BY), and the
Utkorg reads that. This records it on the rows stopped before, read once from their reason here (the words are
frozen here, as the code wrote them). Only the payload changes: nothing a person did, so no history. Running it
again finds nothing new. The downgrade keeps the key: the code before this revision reads the reason, still there.

Revision ID: z006_notices_stopped_by_answer
Revises: z005_answered_late_by_hand
"""
import json

from alembic import op
import sqlalchemy as sa

revision = "z006_notices_stopped_by_answer"
down_revision = "z005_answered_late_by_hand"
branch_labels = None
depends_on = None

NOT_NEEDED, DECLINED = "så det behövs inte längre.", "avstår från att yttra sig"  # frozen: outdated.by_answer
BATCH = 2000

outbox = sa.table("outbox_message", sa.column("id", sa.Integer), sa.column("key", sa.String),
                  sa.column("status", sa.String), sa.column("last_error", sa.Text), sa.column("payload", sa.Text))


def upgrade() -> None:
    conn = op.get_bind()
    update = outbox.update().where(outbox.c.id == sa.bindparam("b_id")).values(payload=sa.bindparam("b_payload"))
    last = 0
    while True:
        rows = conn.execute(
            sa.select(outbox.c.id, outbox.c.last_error, outbox.c.payload)
            .where(outbox.c.id > last, outbox.c.status == "superseded",
                   sa.or_(outbox.c.key.startswith("outgoing:anstand:"), outbox.c.key.startswith("outgoing:extension:")),
                   outbox.c.last_error.like(f"%{NOT_NEEDED}"))
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
            payload["stopped_by"] = "declined" if DECLINED in row.last_error else "answered"
            changed.append({"b_id": row.id, "b_payload": json.dumps(payload)})
        if changed:
            conn.execute(update, changed)
        last = rows[-1].id


def downgrade() -> None:
    pass  # the code before this revision reads the reason, which is kept
