"""reminders: a fenced, renewable claim on outbox rows, and the relay's outage state.

Revision ID: r004_outbox_lease
Revises: r003_outbox_claim
"""
from alembic import op
import sqlalchemy as sa

from remiss.db import UTCDateTime

revision = "r004_outbox_lease"
down_revision = "r003_outbox_claim"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox_message", sa.Column("claim_token", sa.String(length=32), nullable=False,
                                              server_default=""))
    op.add_column("outbox_message", sa.Column("lease_until", UTCDateTime(), nullable=True))
    op.create_table("mail_relay",
                    sa.Column("name", sa.String(length=20), nullable=False),
                    sa.Column("down_since", UTCDateTime(), nullable=True),
                    sa.Column("last_error", sa.Text(), nullable=False, server_default=""),
                    sa.Column("checked_at", UTCDateTime(), nullable=True),
                    sa.PrimaryKeyConstraint("name"))


def downgrade() -> None:
    op.drop_table("mail_relay")
    with op.batch_alter_table("outbox_message") as batch:
        batch.drop_column("lease_until")
        batch.drop_column("claim_token")
