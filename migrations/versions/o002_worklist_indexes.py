"""ops: indexes for the work lists of a whole organisation (an admin's start page, calendar and review list).

The open remisser get two partial indexes: in the diarium's default order (undated last) and by deadline.
Without them, "Pågående i mina nämnder" and "what is due in three weeks" of an admin (all nämnder) walk the
deadline indexes through the whole closed history: the planners expect open rows to be spread evenly, but
closed remisser are the old deadlines. The milestones still to do, and the drafts in granskning ("Att
granska"), are read from their own indexes too.

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
OPEN_PREDICATE = "status IN ('registrerad', 'tilldelad', 'under_beredning', 'klar_for_beslut', 'beslutad')"


def upgrade() -> None:
    where = {"sqlite_where": sa.text(OPEN_PREDICATE), "postgresql_where": sa.text(OPEN_PREDICATE)}
    op.create_index("ix_remiss_open_order", "remiss",
                    [sa.text("(effective_deadline_on IS NULL)"), "effective_deadline_on", "id"], **where)
    op.create_index("ix_remiss_open_deadline", "remiss", ["effective_deadline_on", "id"], **where)
    op.create_index("ix_yttrande_draft_state_updated", "yttrande_draft", ["state", "updated_at"])
    op.create_index("ix_milestone_open_due", "milestone", ["due_on", "id"],
                    sqlite_where=sa.text("done_at IS NULL"), postgresql_where=sa.text("done_at IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_milestone_open_due", table_name="milestone")
    op.drop_index("ix_yttrande_draft_state_updated", table_name="yttrande_draft")
    op.drop_index("ix_remiss_open_deadline", table_name="remiss")
    op.drop_index("ix_remiss_open_order", table_name="remiss")
