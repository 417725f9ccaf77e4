"""namnd: the footer of the nämnd's Word documents (address, telefon, org.nr, webbplats) and ISO dates

Revision ID: w001_namnd_documents
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "w001_namnd_documents"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = (("postal_address", 300), ("phone", 50), ("org_number", 20), ("website", 200))


def upgrade() -> None:
    with op.batch_alter_table("namnd") as batch:
        for name, length in COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=""))
        batch.add_column(sa.Column("iso_dates", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("namnd") as batch:
        for name in ("iso_dates", *(n for n, _ in reversed(COLUMNS))):
            batch.drop_column(name)
