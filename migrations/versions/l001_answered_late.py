"""remisser: remiss.answered_late, besvarad after the sista svarsdag in force, for the list filter "Besvarade för
sent" (status=for_sent) read from an index; also the merge of the heads before it into one.

Filled for the besvarade remisser there are, in batches, with the rule the models keep it by
(remiss.remisser.models.answered_late).

Revision ID: l001_answered_late
Revises: the heads before it
"""
from alembic import op
import sqlalchemy as sa

from remiss.calendar.timeliness import is_late
from remiss.clock import local
from remiss.db import UTCDateTime

revision = "l001_answered_late"
down_revision = ("a001_accessibility_statement", "a002_session_device", "i002_inbox", "r004_outbox_lease",
                 "t001_title_key_lead", "t002_milestone_advice", "t003_rattelse_reason", "u001_outgoing_life",
                 "w001_namnd_documents")
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    op.add_column("remiss", sa.Column("answered_late", sa.Boolean(), nullable=False, server_default=sa.text("false")))
    op.create_index("ix_remiss_answered_late_deadline", "remiss", ["answered_late", "effective_deadline_on"])
    conn = op.get_bind()
    remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("direction", sa.String),
                      sa.column("status", sa.String), sa.column("answered_at", UTCDateTime),
                      sa.column("effective_deadline_on", sa.Date), sa.column("effective_deadline_time", sa.Time),
                      sa.column("answered_late", sa.Boolean))
    update = remiss.update().where(remiss.c.id == sa.bindparam("b_id")).values(answered_late=True)
    last = 0
    while True:
        rows = conn.execute(sa.select(remiss.c.id, remiss.c.answered_at, remiss.c.effective_deadline_on,
                                      remiss.c.effective_deadline_time)
                            .where(remiss.c.id > last, remiss.c.status == "besvarad",
                                   remiss.c.direction == "inkommande", remiss.c.answered_at.is_not(None),
                                   remiss.c.effective_deadline_on.is_not(None))
                            .order_by(remiss.c.id).limit(BATCH)).all()
        if not rows:
            break
        late = [{"b_id": r.id} for r in rows
                if is_late(local(r.answered_at), r.effective_deadline_on, r.effective_deadline_time)]
        if late:
            conn.execute(update, late)
        last = rows[-1].id


def downgrade() -> None:
    op.drop_index("ix_remiss_answered_late_deadline", table_name="remiss")
    # ALTER TABLE … DROP COLUMN on both databases (SQLite 3.35+): a batch copy of remiss would break the
    # full-text search triggers that name it
    op.execute("ALTER TABLE remiss DROP COLUMN answered_late")
