"""finding: a remiss's title_key no longer keeps the "Remiss av"/"Remiss angående"/"Remiss:" lead, so an old title
"Remiss av X" and a newly parsed "X" are seen as the same remiss when registering

Recomputes remiss.title_key with remiss.remisser.keys.title_key in batches, writing only the keys that change.

Revision ID: t001_title_key_lead
Revises: f001_dnr_keys
"""
import re
import unicodedata

from alembic import op
import sqlalchemy as sa

from remiss.remisser import keys

revision = "t001_title_key_lead"
down_revision = "f001_dnr_keys"
branch_labels = None
depends_on = None

BATCH = 2000


def _old_key(text: str | None) -> str | None:
    """title_key as f001_dnr_keys wrote it: the folded words, lead and all."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", (text or "").casefold()) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", folded))[:keys.TITLE_KEY_LENGTH] or None


def _rekey(key) -> None:
    conn = op.get_bind()
    remiss = sa.table("remiss", sa.column("id"), sa.column("title"), sa.column("title_key"))
    update = remiss.update().where(remiss.c.id == sa.bindparam("b_id")).values(title_key=sa.bindparam("b_key"))
    last = 0
    while True:
        rows = conn.execute(sa.select(remiss.c.id, remiss.c.title, remiss.c.title_key)
                            .where(remiss.c.id > last).order_by(remiss.c.id).limit(BATCH)).all()
        if not rows:
            break
        changed = [{"b_id": r.id, "b_key": key(r.title)} for r in rows if key(r.title) != r.title_key]
        if changed:
            conn.execute(update, changed)
        last = rows[-1].id


def upgrade() -> None:
    _rekey(keys.title_key)


def downgrade() -> None:
    _rekey(_old_key)
