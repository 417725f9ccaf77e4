"""planning: milestone.flag_reason, why the planner flagged a step ("Kräver uppmärksamhet"), stored with the flag

The short reason was read from the explanation's wording (and the advice told with it). The milestones already
flagged get the code that wording gave, in batches; a flagged step whose wording says nothing known keeps no code
and still reads "se tidplanen". The table below is that wording as it was: the planner stores the code from now on.

Revision ID: p002_flag_reason
Revises: m001_inbox_extension_time
"""
from alembic import op
import sqlalchemy as sa

revision = "p002_flag_reason"
down_revision = "m001_inbox_extension_time"
branch_labels = None
depends_on = None

BATCH = 2000
# (words in the explanation or advice, the code), the first that matches wins
WORDINGS = (
    ("omedelbar justering vid sammanträdet krävs", "omedelbar_justering"),
    ("inget nämndsammanträde i sammanträdesplanen hinner", "inget_sammantrade"),
    ("låg före remissens ankomst", "fore_ankomst"),
    ("det är efter sista svarsdag", "efter_svarsdag"),
    ("ingår inte längre i den beräknade tidplanen", "utanfor_tidplan"),
    ("datumet har redan passerat.", "redan_passerat"),
)
# no words matched: what the kind alone said (a justering flagged with its late expediering)
BY_KIND = {"sista_svarsdag": "ej_arbetsdag", "justering": "efter_svarsdag"}


def reason_of(kind: str, explanation: str, advice: str) -> str | None:
    """The code the old wording match gave a flagged step of kind."""
    told = f"{explanation} {advice}".lower()
    return next((code for words, code in WORDINGS if words in told), BY_KIND.get(kind))


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite too): a batch copy of the table would have to carry its partial indexes along.
    op.add_column("milestone", sa.Column("flag_reason", sa.String(length=30), nullable=True))
    conn = op.get_bind()
    milestone = sa.table("milestone", sa.column("id"), sa.column("kind"), sa.column("explanation"),
                         sa.column("advice"), sa.column("flagged", sa.Boolean()), sa.column("flag_reason"))
    update = (milestone.update().where(milestone.c.id == sa.bindparam("b_id"))
              .values(flag_reason=sa.bindparam("b_reason")))
    last = 0
    while True:
        rows = conn.execute(sa.select(milestone.c.id, milestone.c.kind, milestone.c.explanation, milestone.c.advice)
                            .where(milestone.c.id > last, milestone.c.flagged.is_(True))
                            .order_by(milestone.c.id).limit(BATCH)).all()
        if not rows:
            break
        found = [{"b_id": row.id, "b_reason": reason}
                 for row in rows if (reason := reason_of(row.kind, row.explanation or "", row.advice or ""))]
        if found:
            conn.execute(update, found)
        last = rows[-1].id


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35+ too): a batch copy of milestone would have to carry its partial indexes along
    op.drop_column("milestone", "flag_reason")
