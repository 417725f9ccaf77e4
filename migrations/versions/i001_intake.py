"""intake: intake_batch (pending missiv uploads)

Revision ID: i001_intake
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

import remiss.db

revision = "i001_intake"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", remiss.db.UTCDateTime(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("form_values", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    with op.batch_alter_table("intake_batch", schema=None) as batch_op:
        batch_op.create_index("ix_intake_batch_user_id", ["user_id"], unique=False)
        batch_op.create_index("ix_intake_batch_created_at", ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("intake_batch", schema=None) as batch_op:
        batch_op.drop_index("ix_intake_batch_created_at")
        batch_op.drop_index("ix_intake_batch_user_id")
    op.drop_table("intake_batch")
