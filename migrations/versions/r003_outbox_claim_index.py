"""reminders: the outbox's status index also orders by id, so a claim reads one batch in index order.

Revision ID: r003_outbox_claim
Revises: r002_reminders
"""
from alembic import op

revision = "r003_outbox_claim"
down_revision = "r002_reminders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_claim", "outbox_message", ["status", "next_attempt_at", "id"])
    op.drop_index("ix_outbox_status_next", table_name="outbox_message")


def downgrade() -> None:
    op.create_index("ix_outbox_status_next", "outbox_message", ["status", "next_attempt_at"])
    op.drop_index("ix_outbox_claim", table_name="outbox_message")
