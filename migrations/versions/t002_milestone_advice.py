"""planning: milestone.advice, what to do about a milestone while it is open, apart from its explanation

The advice for an expediering after the deadline ("Det är efter sista svarsdag …: meddela remittenten eller begär
förlängd remisstid.") was written into the explanation and stayed there once the yttrande was expedierat. It is
moved out of every stored explanation, in batches.

Revision ID: t002_milestone_advice
Revises: w001_milestone_closed
"""
from alembic import op
import sqlalchemy as sa

revision = "t002_milestone_advice"
down_revision = "w001_milestone_closed"
branch_labels = None
depends_on = None

BATCH = 2000
MARK = " Det är efter sista svarsdag "


def upgrade() -> None:
    # A plain ADD COLUMN (SQLite too): a batch copy of the table would have to carry its partial indexes along.
    op.add_column("milestone", sa.Column("advice", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    milestone = sa.table("milestone", sa.column("id"), sa.column("explanation"), sa.column("advice"))
    update = (milestone.update().where(milestone.c.id == sa.bindparam("b_id"))
              .values(explanation=sa.bindparam("b_explanation"), advice=sa.bindparam("b_advice")))
    last = 0
    while True:
        rows = conn.execute(sa.select(milestone.c.id, milestone.c.explanation)
                            .where(milestone.c.id > last, milestone.c.explanation.contains(MARK, autoescape=True))
                            .order_by(milestone.c.id).limit(BATCH)).all()
        if not rows:
            break
        moved = []
        for row in rows:
            at = row.explanation.index(MARK)
            moved.append({"b_id": row.id, "b_explanation": row.explanation[:at],
                          "b_advice": row.explanation[at + 1:]})
        conn.execute(update, moved)
        last = rows[-1].id


def downgrade() -> None:
    op.execute("UPDATE milestone SET explanation = explanation || ' ' || advice WHERE advice <> ''")
    with op.batch_alter_table("milestone") as batch:
        batch.drop_column("advice")
