"""ops: partial index of the open remisser in the diarium's default order.

The start page's "Pågående" list of an admin (all nämnder) otherwise walks ix_remiss_deadline_order through
the whole closed history before it finds twenty open remisser: the planners expect open rows to be spread
evenly, but closed remisser are the old deadlines.

Revision ID: o002
Revises: o001
"""
from alembic import op
import sqlalchemy as sa

revision = "o002"
down_revision = "o001"
branch_labels = None
depends_on = None

# The open statuses when this revision was written, with literals (the queries name the same values).
OPEN_PREDICATE = ("status IN ('registrerad', 'tilldelad', 'under_beredning', 'klar_for_beslut', 'beslutad')")


def upgrade() -> None:
    op.create_index("ix_remiss_open_order", "remiss",
                    [sa.text("(effective_deadline_on IS NULL)"), "effective_deadline_on", "id"],
                    sqlite_where=sa.text(OPEN_PREDICATE), postgresql_where=sa.text(OPEN_PREDICATE))


def downgrade() -> None:
    op.drop_index("ix_remiss_open_order", table_name="remiss")
