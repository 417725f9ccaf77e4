"""intake: inbox_message (the registrator's mailbox) and intake_batch.inbox_message_id

Revision ID: i002_inbox
Revises: i001_intake
"""
from alembic import op
import sqlalchemy as sa

import remiss.db

revision = "i002_inbox"
down_revision = "i001_intake"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=500), nullable=False),
        sa.Column("fetched_at", remiss.db.UTCDateTime(), nullable=False),
        sa.Column("sent_at", remiss.db.UTCDateTime(), nullable=True),
        sa.Column("sender", sa.String(length=300), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("form_values", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("extension_to", sa.Date(), nullable=True),
        sa.Column("match_remiss_id", sa.Integer(), nullable=True),
        sa.Column("remiss_id", sa.Integer(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", remiss.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["match_remiss_id"], ["remiss.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["remiss_id"], ["remiss.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["decided_by_id"], ["user_account.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("message_id"),
    )
    with op.batch_alter_table("inbox_message", schema=None) as batch_op:
        batch_op.create_index("ix_inbox_message_status", ["status"], unique=False)
    with op.batch_alter_table("intake_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inbox_message_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_intake_batch_inbox_message_id", "inbox_message", ["inbox_message_id"], ["id"],
                                    ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("intake_batch", schema=None) as batch_op:
        batch_op.drop_constraint("fk_intake_batch_inbox_message_id", type_="foreignkey")
        batch_op.drop_column("inbox_message_id")
    with op.batch_alter_table("inbox_message", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_message_status")
    op.drop_table("inbox_message")
