"""remisser: archived_document, the documents exactly as they were sent (the PDF of the expedierat yttrande)

Revision ID: l002_archived_document
Revises: l001_answered_late
"""
from alembic import op
import sqlalchemy as sa

from remiss.db import UTCDateTime

revision = "l002_archived_document"
down_revision = "l001_answered_late"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "archived_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("remiss_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("rattelse", sa.Integer(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("source_document_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["remiss_id"], ["remiss.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_document_id"], ["generated_document.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_archived_document_remiss_id", "archived_document", ["remiss_id"])


def downgrade() -> None:
    op.drop_index("ix_archived_document_remiss_id", table_name="archived_document")
    op.drop_table("archived_document")
