"""planning: tidplan_state.extension_step and extension_holds_until, the förlängning the tidplan proposes while a step
is late, stored with the proposals and indexed

"Förlängning behövs" (the start page, /forsenat) found these tidplaner by reading every stored proposal
(proposals LIKE '%"until_done"%') and dropped in Python those whose step was no longer late or whose sammanträde
had passed, after the first 100: they pushed remisser that need a förlängning off the list. The proposal's step and
its last day are now columns the query filters on. The tidplaner already stored get them from their proposals, in
batches (passed_advice.late_extension, the rule the planner's writes use).

Revision ID: y001_tidplan_extension_step
Revises: x001_form_submission
"""
import json

from alembic import op
import sqlalchemy as sa

from remiss.planning.passed_advice import late_extension

revision = "y001_tidplan_extension_step"
down_revision = "x001_form_submission"
branch_labels = None
depends_on = None

BATCH = 2000


def upgrade() -> None:
    # plain ADD COLUMN (SQLite too): nothing of tidplan_state needs a batch copy of the table
    op.add_column("tidplan_state", sa.Column("extension_step", sa.String(length=30), nullable=True))
    op.add_column("tidplan_state", sa.Column("extension_holds_until", sa.Date(), nullable=True))
    conn = op.get_bind()
    state = sa.table("tidplan_state", sa.column("remiss_id", sa.Integer()), sa.column("proposals", sa.Text()),
                     sa.column("extension_step", sa.String()), sa.column("extension_holds_until", sa.Date()))
    update = (state.update().where(state.c.remiss_id == sa.bindparam("b_id"))
              .values(extension_step=sa.bindparam("b_step"), extension_holds_until=sa.bindparam("b_until")))
    last = 0
    while True:
        rows = conn.execute(sa.select(state.c.remiss_id, state.c.proposals)
                            .where(state.c.remiss_id > last, state.c.proposals.like('%"until_done"%'))
                            .order_by(state.c.remiss_id).limit(BATCH)).all()
        if not rows:
            break
        found = []
        for row in rows:
            step, until = late_extension(json.loads(row.proposals or "[]"))
            if step:
                found.append({"b_id": row.remiss_id, "b_step": step, "b_until": until})
        if found:
            conn.execute(update, found)
        last = rows[-1].remiss_id
    # after the backfill: one index build, not an update of it per row
    op.create_index("ix_tidplan_state_extension_step", "tidplan_state", ["extension_step"])


def downgrade() -> None:
    op.drop_index("ix_tidplan_state_extension_step", table_name="tidplan_state")
    # plain DROP COLUMN (SQLite 3.35+ too), as p002_flag_reason
    op.drop_column("tidplan_state", "extension_holds_until")
    op.drop_column("tidplan_state", "extension_step")
