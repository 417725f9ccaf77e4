"""drafting: yttrande_draft.rattelse_reason, why a rättelse is made, for the tjänsteskrivelse that proposes it

Filled for the rättelser already started from the history (the note "Rättelse av yttrandet (version N) påbörjad:
<reason>" that Skicka rättelse writes), in batches of drafts.

Revision ID: t003_rattelse_reason
Revises: d002_rattelse
"""
from alembic import op
import sqlalchemy as sa

revision = "t003_rattelse_reason"
down_revision = "d002_rattelse"
branch_labels = None
depends_on = None

BATCH = 500
STARTED = " påbörjad: "


def upgrade() -> None:
    op.add_column("yttrande_draft", sa.Column("rattelse_reason", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    draft = sa.table("yttrande_draft", sa.column("id"), sa.column("rattelse"), sa.column("rattelse_reason"))
    audit = sa.table("audit_event", sa.column("id"), sa.column("entity"), sa.column("entity_id"),
                     sa.column("action"), sa.column("note"))
    update = draft.update().where(draft.c.id == sa.bindparam("b_id")).values(rattelse_reason=sa.bindparam("b_reason"))
    last = 0
    while True:
        ids = conn.execute(sa.select(draft.c.id).where(draft.c.id > last, draft.c.rattelse > 0)
                           .order_by(draft.c.id).limit(BATCH)).scalars().all()
        if not ids:
            break
        notes = {}  # the latest rättelse started on each draft
        for row in conn.execute(sa.select(audit.c.entity_id, audit.c.note).where(
                audit.c.entity == "yttrande_draft", audit.c.action == "rattelse", audit.c.entity_id.in_(ids))
                .order_by(audit.c.id)):
            notes[row.entity_id] = row.note
        found = [{"b_id": i, "b_reason": notes[i].split(STARTED, 1)[1]} for i in ids if STARTED in notes.get(i, "")]
        if found:
            conn.execute(update, found)
        last = ids[-1]


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35+ too): a batch copy of yttrande_draft would trip the search triggers on it
    op.drop_column("yttrande_draft", "rattelse_reason")
