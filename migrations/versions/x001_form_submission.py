"""remisser: form_submission, the one-time tokens of the Registrera forms (a form sent twice registers once)

Before, the tokens were files under FILES_DIR/form-once: a second app process or host with its own file store let
the same form register twice. Those files are left as they are (they were swept after a day).

Revision ID: x001_form_submission
Revises: v001_by_hand_repair
"""
from alembic import op
import sqlalchemy as sa

from remiss.db import UTCDateTime

revision = "x001_form_submission"
down_revision = "v001_by_hand_repair"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("remiss_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["remiss_id"], ["remiss.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "token"),
    )
    op.create_index("ix_form_submission_created_at", "form_submission", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_form_submission_created_at", table_name="form_submission")
    op.drop_table("form_submission")
