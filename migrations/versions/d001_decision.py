"""drafting: decision (the nämnd's beslut on the yttrande: §, justering, protokollsutdrag)

Revision ID: d001_decision
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

import remiss.db

revision = "d001_decision"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("remiss_id", sa.Integer(), nullable=False),
        sa.Column("decided_by", sa.String(length=20), nullable=False),
        sa.Column("delegat", sa.String(length=200), nullable=False),
        sa.Column("meeting_on", sa.Date(), nullable=False),
        sa.Column("paragraf", sa.String(length=20), nullable=False),
        sa.Column("omedelbar_justering", sa.Boolean(), nullable=False),
        sa.Column("justerad_on", sa.Date(), nullable=True),
        sa.Column("protokollsutdrag_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", remiss.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", remiss.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["remiss_id"], ["remiss.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["protokollsutdrag_id"], ["attachment.id"]),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("remiss_id"),
    )


def downgrade() -> None:
    op.drop_table("decision")
