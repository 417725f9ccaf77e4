"""reminders: per-remiss planning horizon and the marker of periodic sweep steps.

Revision ID: r002_reminders
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

from remiss.db import UTCDateTime

revision = "r002_reminders"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("remiss", sa.Column("reminders_planned_until", sa.Date(), nullable=True))
    op.create_index("ix_remiss_reminders_planned_until", "remiss", ["reminders_planned_until"])
    op.create_table("reminder_marker",
                    sa.Column("name", sa.String(length=40), nullable=False),
                    sa.Column("moment", UTCDateTime(), nullable=False),
                    sa.PrimaryKeyConstraint("name"))


def downgrade() -> None:
    op.drop_table("reminder_marker")
    op.drop_index("ix_remiss_reminders_planned_until", table_name="remiss")
    with op.batch_alter_table("remiss") as batch:
        batch.drop_column("reminders_planned_until")
