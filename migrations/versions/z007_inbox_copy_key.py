"""intake: inbox_message.copy_key, the key of the innermost message a fetched mail carries (its own Message-ID, or a
digest of what a forward quotes), so that the same mail forwarded twice is shown as a copy of the first and not
proposed for a second registration (walk33 finding 1). Messages fetched before have none: each stays as it is.

Revision ID: z007_inbox_copy_key
Revises: z006_notices_stopped_by_answer
"""
from alembic import op
import sqlalchemy as sa

revision = "z007_inbox_copy_key"
down_revision = "z006_notices_stopped_by_answer"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("inbox_message", sa.Column("copy_key", sa.String(length=100), nullable=True))
    op.create_index("ix_inbox_message_copy_key", "inbox_message", ["copy_key"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_inbox_message_copy_key", table_name="inbox_message")
    op.drop_column("inbox_message", "copy_key")
