"""ops: index for the diarium's default order (deadline, undated last).

Revision ID: o001
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "o001"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_remiss_deadline_order", "remiss",
                    [sa.text("(effective_deadline_on IS NULL)"), "effective_deadline_on", "id"])


def downgrade() -> None:
    op.drop_index("ix_remiss_deadline_order", table_name="remiss")
