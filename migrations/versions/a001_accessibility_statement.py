"""accessibility: the tillgänglighetsredogörelse's organisation part (one row, edited by the admin).

Revision ID: a001_accessibility_statement
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

from remiss.db import UTCDateTime

revision = "a001_accessibility_statement"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("accessibility_statement",
                    sa.Column("id", sa.Integer(), nullable=False),
                    sa.Column("organisation_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
                    sa.Column("contact_email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
                    sa.Column("contact_phone", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
                    sa.Column("contact_note", sa.Text(), nullable=False),
                    sa.Column("known_issues", sa.Text(), nullable=False),
                    sa.Column("reviewed_on", sa.Date(), nullable=True),
                    sa.Column("updated_at", UTCDateTime(), nullable=True),
                    sa.Column("updated_by_id", sa.Integer(), nullable=True),
                    sa.ForeignKeyConstraint(["updated_by_id"], ["user_account.id"]),
                    sa.PrimaryKeyConstraint("id"))


def downgrade() -> None:
    op.drop_table("accessibility_statement")
