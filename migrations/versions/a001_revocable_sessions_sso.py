"""auth: server-side sessions, token expiry, sign-in log, and sign-in with the kommun's account (OIDC).

Revision ID: a001_sessions_sso
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

from remiss.db import UTCDateTime

revision = "a001_sessions_sso"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("user_account") as batch:
        batch.add_column(sa.Column("sso_subject", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("deactivated_by_directory", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.create_unique_constraint("uq_user_account_sso_subject", ["sso_subject"])
    op.add_column("api_token", sa.Column("expires_at", UTCDateTime(), nullable=True))
    op.create_table(
        "user_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=100), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("id_token", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"))
    op.create_index("ix_user_session_user_id", "user_session", ["user_id"])
    op.create_table(
        "sign_in",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=254), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=100), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"))
    op.create_index("ix_sign_in_at", "sign_in", ["at"])
    op.create_index("ix_sign_in_user_id", "sign_in", ["user_id"])
    op.create_table(
        "sso_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"))
    op.create_table(
        "sso_group_namnd",
        sa.Column("sso_group_id", sa.Integer(), nullable=False),
        sa.Column("namnd_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["sso_group_id"], ["sso_group.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["namnd_id"], ["namnd.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("sso_group_id", "namnd_id"))
    op.create_index("ix_sso_group_namnd_namnd_id", "sso_group_namnd", ["namnd_id"])


def downgrade() -> None:
    op.drop_table("sso_group_namnd")
    op.drop_table("sso_group")
    op.drop_table("sign_in")
    op.drop_table("user_session")
    op.drop_column("api_token", "expires_at")
    with op.batch_alter_table("user_account") as batch:
        batch.drop_constraint("uq_user_account_sso_subject", type_="unique")
        batch.drop_column("deactivated_by_directory")
        batch.drop_column("sso_subject")
