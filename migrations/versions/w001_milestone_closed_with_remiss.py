"""planning: milestone.closed_with_remiss (ticked off because the remiss closed; opened again if it reopens)

Revision ID: w001_milestone_closed
Revises: p001_planning
"""
from alembic import op
import sqlalchemy as sa

revision = "w001_milestone_closed"
down_revision = "p001_planning"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite too): a batch copy of the table would have to carry its partial indexes along.
    op.add_column("milestone", sa.Column("closed_with_remiss", sa.Boolean(), nullable=False,
                                         server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("milestone") as batch:
        batch.drop_column("closed_with_remiss")
