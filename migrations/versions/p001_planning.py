"""planning: tidplan_state

Revision ID: p001_planning
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

import remiss.db

revision = "p001_planning"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tidplan_state",
        sa.Column("remiss_id", sa.Integer(), nullable=False),
        sa.Column("feasible", sa.Boolean(), nullable=False),
        sa.Column("needs_omedelbar_justering", sa.Boolean(), nullable=False),
        sa.Column("suggested_extension_on", sa.Date(), nullable=True),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("proposals", sa.Text(), nullable=False),
        sa.Column("planned_at", remiss.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["remiss_id"], ["remiss.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("remiss_id"),
    )
    with op.batch_alter_table("tidplan_state", schema=None) as batch_op:
        batch_op.create_index("ix_tidplan_state_feasible", ["feasible"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tidplan_state", schema=None) as batch_op:
        batch_op.drop_index("ix_tidplan_state_feasible")
    op.drop_table("tidplan_state")
