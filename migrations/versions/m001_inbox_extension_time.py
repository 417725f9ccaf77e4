"""intake: inbox_message.extension_time, the clock time an extension notice gives ("senast den 30 april kl. 12.00"),
kept beside extension_to so that the merge records the extension to that time and not to the end of the day.

Revision ID: m001_inbox_extension_time
Revises: l002_archived_document
"""
from alembic import op
import sqlalchemy as sa

revision = "m001_inbox_extension_time"
down_revision = "l002_archived_document"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("inbox_message", sa.Column("extension_time", sa.Time(), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35+ too), as the other column drops here
    op.drop_column("inbox_message", "extension_time")
