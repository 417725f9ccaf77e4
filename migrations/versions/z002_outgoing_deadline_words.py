"""data: an utgående remiss's stored sista svarsdag speaks of the remissinstansernas svarstid (walk20 H7)

Before walk20 H7 the tidplan of an utgående remiss stored the planner's words for its sista svarsdag,
"Remittentens sista svarsdag: fredag 29 januari 2027 kl. 12.00.", and the API said so (and, read from that text,
that the step is done "när yttrandet expedieras"). The tidplan writes the remissinstansernas words now
(planning.service.tidplan.replan, recorded.OUTGOING_DEADLINE), but only when it is calculated again: a remiss whose
svarsdag does not move, and every closed one, kept the old words. This stores them as replan stores them, with the
rule imported: OUTGOING_DEADLINE of the row's own day and clock time (format_moment, as replan formats the
deadline). Only rows still worded as the planner wrote them are touched: a step whose words a status change or the
compiling replaced keeps those.

Why stored and not said at read time: every reader (the API, the "not by hand" refusal, a mark by hand) reads the
stored words, and the one rule that writes them is replan; a read-time rewording would be a second place that has
to know what an utgående sista svarsdag is called, and every new reader would have to remember it.

Only the words change, no date or state: no history event (the history says what happened to the remiss, and
nothing did). The remisser are touched (updated_at), as the milestones are part of what the API shows. Running it
again changes nothing. The downgrade keeps the words: earlier code reads them as it reads the rows replan writes.

Revision ID: z002_outgoing_deadline_words
Revises: z001_walk19_repair
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

from remiss.calendar.swedish import format_moment
from remiss.clock import STOCKHOLM
from remiss.db import UTCDateTime
from remiss.planning.service.recorded import OUTGOING_DEADLINE

revision = "z002_outgoing_deadline_words"
down_revision = "z001_walk19_repair"
branch_labels = None
depends_on = None

BATCH = 2000
# frozen here: the words calendar.planner writes for the sista svarsdag (of an incoming remiss, where they are right)
OLD_WORDS = "Remittentens sista svarsdag: "

remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("direction", sa.String),
                  sa.column("updated_at", UTCDateTime))
milestone = sa.table("milestone", sa.column("id", sa.Integer), sa.column("remiss_id", sa.Integer),
                     sa.column("kind", sa.String), sa.column("planned_on", sa.Date),
                     sa.column("planned_time", sa.Time), sa.column("explanation", sa.Text))


def _due(planned_on, planned_time):
    """The moment replan formats: the day, with its clock time when the svarsdag has one."""
    if planned_time is None:
        return planned_on
    return datetime.combine(planned_on, planned_time, tzinfo=STOCKHOLM)


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(timezone.utc).replace(microsecond=0)
    old = (sa.select(milestone.c.id, milestone.c.remiss_id, milestone.c.planned_on, milestone.c.planned_time)
           .join(remiss, remiss.c.id == milestone.c.remiss_id)
           .where(milestone.c.kind == "sista_svarsdag", remiss.c.direction == "utgaende",
                  milestone.c.explanation.like(f"{OLD_WORDS}%")))
    last = 0
    while rows := conn.execute(old.where(milestone.c.id > last).order_by(milestone.c.id).limit(BATCH)).all():
        for row in rows:
            conn.execute(milestone.update().where(milestone.c.id == row.id).values(
                explanation=OUTGOING_DEADLINE.format(format_moment(_due(row.planned_on, row.planned_time)))))
        ids = sorted({row.remiss_id for row in rows})
        for start in range(0, len(ids), 500):  # a few hundred ids a statement (SQLite's limit on parameters)
            conn.execute(remiss.update().where(remiss.c.id.in_(ids[start:start + 500])).values(updated_at=now))
        last = rows[-1].id


def downgrade() -> None:
    pass  # the words stay: see above
