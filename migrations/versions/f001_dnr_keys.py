"""finding: lookup keys of the diarienummer and the title on remiss, filled for every remiss there is; the
register of remissinstanser loses the names that only incoming remissers' sändlistor put there

A diarienummer typed as "sofo 2026/6", "2026/6" or "KS-IOF-2010-15" is found by its key (remiss.remisser.keys)
through an index. Registration used to add every name of an incoming remiss's sändlista ("samtliga nämnder",
our own nämnd) to the register that outgoing remisser are sent from. Removed here are only the instanser that
are certainly such names: added from a sändlista (they carry its nämnd), never created, edited, imported or
merged by an administrator (no history of their own), on no outgoing remiss and no saved sändlista, and named
on at least one incoming remiss. The incoming sändlistor keep their names; they just no longer point there.

Revision ID: f001_dnr_keys
Revises: s003_search_people
"""
from alembic import op
import sqlalchemy as sa

from remiss.remisser import keys

revision = "f001_dnr_keys"
down_revision = "s003_search_people"
branch_labels = None
depends_on = None

COLUMNS = (("our_dnr_key", 100), ("our_dnr_tail", 100), ("sender_dnr_key", 100), ("sender_dnr_tail", 100),
           ("title_key", 500))
BATCH = 2000

# Instanser only incoming sändlistor put in the register (see above).
_JUNK = """
    SELECT o.id FROM organisation o
    WHERE o.namnd_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.entity = 'organisation' AND a.entity_id = o.id)
      AND NOT EXISTS (SELECT 1 FROM saved_sandlista_member m WHERE m.organisation_id = o.id)
      AND NOT EXISTS (SELECT 1 FROM sandlista_entry e JOIN remiss r ON r.id = e.remiss_id
                      WHERE e.organisation_id = o.id AND r.direction <> 'inkommande')
      AND EXISTS (SELECT 1 FROM sandlista_entry e JOIN remiss r ON r.id = e.remiss_id
                  WHERE e.organisation_id = o.id AND r.direction = 'inkommande')
"""


def upgrade() -> None:
    # ALTER TABLE, not a batch: rebuilding remiss on SQLite would drop its search triggers.
    for name, length in COLUMNS:
        op.add_column("remiss", sa.Column(name, sa.String(length), nullable=True))
    for name, _ in COLUMNS:
        op.create_index(f"ix_remiss_{name}", "remiss", [name])
    conn = op.get_bind()
    remiss = sa.table("remiss", sa.column("id"), sa.column("our_dnr"), sa.column("sender_dnr"), sa.column("title"),
                      *(sa.column(name) for name, _ in COLUMNS))
    update = (remiss.update().where(remiss.c.id == sa.bindparam("b_id"))
              .values({name: sa.bindparam(f"b_{name}") for name, _ in COLUMNS}))
    last = 0
    while True:
        rows = conn.execute(sa.select(remiss.c.id, remiss.c.our_dnr, remiss.c.sender_dnr, remiss.c.title)
                            .where(remiss.c.id > last).order_by(remiss.c.id).limit(BATCH)).all()
        if not rows:
            break
        conn.execute(update, [{"b_id": r.id, "b_our_dnr_key": keys.dnr_key(r.our_dnr),
                               "b_our_dnr_tail": keys.dnr_tail(r.our_dnr), "b_sender_dnr_key": keys.dnr_key(r.sender_dnr),
                               "b_sender_dnr_tail": keys.dnr_tail(r.sender_dnr), "b_title_key": keys.title_key(r.title)}
                              for r in rows])
        last = rows[-1].id
    junk = [row.id for row in conn.execute(sa.text(_JUNK))]
    for start in range(0, len(junk), BATCH):
        ids = junk[start:start + BATCH]
        conn.execute(sa.text("UPDATE sandlista_entry SET organisation_id = NULL WHERE organisation_id IN :ids")
                     .bindparams(sa.bindparam("ids", ids, expanding=True)))
        conn.execute(sa.text("DELETE FROM organisation WHERE id IN :ids").bindparams(sa.bindparam("ids", ids, expanding=True)))


def downgrade() -> None:
    # The removed names are not put back: no outgoing remiss used them.
    for name, _ in COLUMNS:
        op.drop_index(f"ix_remiss_{name}", table_name="remiss")
    for name, _ in reversed(COLUMNS):
        op.execute(f"ALTER TABLE remiss DROP COLUMN {name}")  # SQLite 3.35+, without rebuilding the table
