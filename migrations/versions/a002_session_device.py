"""auth: the browser and system each session was opened from, shown on the Konto page.

Revision ID: a002_session_device
Revises: a001_sessions_sso
"""
from alembic import op
import sqlalchemy as sa

revision = "a002_session_device"
down_revision = "a001_sessions_sso"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("user_session", sa.Column("device", sa.String(length=100), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("user_session") as batch:
        batch.drop_column("device")
