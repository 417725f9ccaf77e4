"""drafting: rättelse of an expedierat yttrande (yttrande_draft.rattelse, .corrects_version_id; one beslut per
rättelse: decision unique on (remiss_id, rattelse) instead of remiss_id)

Revision ID: d002_rattelse
Revises: d001_decision
"""
from alembic import op
import sqlalchemy as sa

revision = "d002_rattelse"
down_revision = "d001_decision"
branch_labels = None
depends_on = None

# gives the unnamed UNIQUE (remiss_id) of d001 a name SQLite's batch copy can drop (PostgreSQL named it alike)
NAMING = {"uq": "%(table_name)s_%(column_0_name)s_key"}


def upgrade() -> None:
    op.add_column("yttrande_draft", sa.Column("rattelse", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("yttrande_draft", sa.Column("corrects_version_id", sa.Integer(), nullable=True))
    op.add_column("decision", sa.Column("rattelse", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("decision", naming_convention=NAMING) as batch:
        batch.drop_constraint("decision_remiss_id_key", type_="unique")
        batch.create_unique_constraint("uq_decision_remiss_rattelse", ["remiss_id", "rattelse"])
        batch.create_index("ix_decision_remiss_id", ["remiss_id"])


def downgrade() -> None:
    with op.batch_alter_table("decision", naming_convention=NAMING) as batch:
        batch.drop_index("ix_decision_remiss_id")
        batch.drop_constraint("uq_decision_remiss_rattelse", type_="unique")
        batch.create_unique_constraint("decision_remiss_id_key", ["remiss_id"])
        batch.drop_column("rattelse")
    # plain DROP COLUMN (SQLite 3.35+ too): a batch copy of yttrande_draft would trip the search triggers on it
    op.drop_column("yttrande_draft", "corrects_version_id")
    op.drop_column("yttrande_draft", "rattelse")
