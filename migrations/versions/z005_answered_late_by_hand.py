"""data: remiss.answered_late for a remiss expedierad late without a svarsadress, its sending not registered yet

Since walk26b X1 the model's hook (remiss.remisser.models._expedited_late_unsent) sets answered_late for a beslutad
incoming remiss whose yttrande was expedierat without a svarsadress after the sista svarsdag in force ("Expedierad
för sent, inte skickad än"), so that "Besvarade för sent" lists it as it lists one e-mailed late. The hook runs when
the remiss is next written: a database that already held such remisser lacked the flag on them until then. This
sets it for exactly those rows.

The moment of the expediering is read in plain SQL, as the hook reads it (drafting.mail_state._EXPEDIERAT_AT): the
earliest frozen generated document of the remiss, its yttrande (rättelse 0) expedierat. Whether that moment is after
the deadline is decided here in Python, as the hook decides it (calendar.timeliness.is_late): the Stockholm wall time
against the deadline's clock time or the end of its day. The time zone cannot be applied in SQL on SQLite, so the
rule is frozen here rather than imported. Only answered_late changes: the flag is derived, nothing a person did, so
no history and no updated_at. Running it again finds nothing. The downgrade keeps the flags: the code before this
revision sets them too, on the next write.

Revision ID: z005_answered_late_by_hand
Revises: z004_unsent_expediering
"""
from datetime import datetime, time
from zoneinfo import ZoneInfo

from alembic import op
import sqlalchemy as sa

from remiss.db import UTCDateTime

revision = "z005_answered_late_by_hand"
down_revision = "z004_unsent_expediering"
branch_labels = None
depends_on = None

STOCKHOLM = ZoneInfo("Europe/Stockholm")
END_OF_DAY = time(23, 59, 59, 999999)  # frozen here: remiss.calendar.timeliness.END_OF_DAY
BATCH = 2000

remiss = sa.table("remiss", sa.column("id", sa.Integer), sa.column("direction", sa.String),
                  sa.column("status", sa.String), sa.column("effective_deadline_on", sa.Date),
                  sa.column("effective_deadline_time", sa.Time), sa.column("answered_late", sa.Boolean))
draft = sa.table("yttrande_draft", sa.column("remiss_id", sa.Integer), sa.column("state", sa.String),
                 sa.column("rattelse", sa.Integer))
document = sa.table("generated_document", sa.column("remiss_id", sa.Integer), sa.column("frozen", sa.Boolean),
                    sa.column("created_at", UTCDateTime))


def is_late(made: datetime, deadline_on, deadline_time) -> bool:
    """The hook's rule: the expediering's Stockholm wall time after the deadline's clock time or the end of its day."""
    return made.astimezone(STOCKHOLM).replace(tzinfo=None) > datetime.combine(deadline_on,
                                                                               deadline_time or END_OF_DAY)


def upgrade() -> None:
    conn = op.get_bind()
    expedierat_at = (sa.select(sa.func.min(document.c.created_at))
                     .where(document.c.remiss_id == remiss.c.id, document.c.frozen).scalar_subquery())
    update = remiss.update().where(remiss.c.id == sa.bindparam("b_id")).values(answered_late=True)
    last = 0
    while True:
        rows = conn.execute(
            sa.select(remiss.c.id, remiss.c.effective_deadline_on, remiss.c.effective_deadline_time,
                      expedierat_at.label("made"))
            .join(draft, draft.c.remiss_id == remiss.c.id)
            .where(remiss.c.id > last, remiss.c.direction == "inkommande", remiss.c.status == "beslutad",
                   remiss.c.effective_deadline_on.is_not(None), remiss.c.answered_late == False,  # noqa: E712
                   draft.c.state == "expedierad", draft.c.rattelse == 0)
            .order_by(remiss.c.id).limit(BATCH)).all()
        if not rows:
            break
        late = [{"b_id": r.id} for r in rows
                if r.made is not None and is_late(r.made, r.effective_deadline_on, r.effective_deadline_time)]
        if late:
            conn.execute(update, late)
        last = rows[-1].id


def downgrade() -> None:
    pass  # the code before this revision sets the flag too, on the remiss's next write
