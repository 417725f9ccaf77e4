"""full-text search index (FTS5 on SQLite, swedish tsvector on PostgreSQL)

Revision ID: s001_search
Revises: 0001
"""
from alembic import op

from remiss.search import schema

revision = "s001_search"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    schema.create(conn)
    schema.rebuild(conn)


def downgrade() -> None:
    schema.drop(op.get_bind())
