"""outgoing: postal addresses, delivery per instans, register per nämnd, publication; outgoing statuses.

Revision ID: u001_outgoing_life
Revises: o002

The outgoing statuses still being worked on (utkast … sammanställd) are open: the partial indexes of the open
remisser (o002) are made again with them, since a database uses a partial index only for a query that names
the same values (remiss.remisser.models.OPEN_PREDICATE).

Outgoing remisser used the incoming statuses; they move to their own path (remiss.remisser.status):
not sent → utkast, sent → skickad, besvarad → avslutad. Sent sändlista rows are marked as mailed.
"""
from alembic import op
import sqlalchemy as sa

import remiss.db

revision = "u001_outgoing_life"
down_revision = "o002"

# The open statuses before and after this revision, with literals (the queries name the same values).
OLD_OPEN = "status IN ('registrerad', 'tilldelad', 'under_beredning', 'klar_for_beslut', 'beslutad')"
NEW_OPEN = ("status IN ('registrerad', 'tilldelad', 'under_beredning', 'klar_for_beslut', 'beslutad', "
            "'utkast', 'skickad', 'svarstiden_ute', 'sammanstalld')")


def _open_indexes(predicate: str) -> None:
    where = {"sqlite_where": sa.text(predicate), "postgresql_where": sa.text(predicate)}
    op.drop_index("ix_remiss_open_order", table_name="remiss")
    op.drop_index("ix_remiss_open_deadline", table_name="remiss")
    op.create_index("ix_remiss_open_order", "remiss",
                    [sa.text("(effective_deadline_on IS NULL)"), "effective_deadline_on", "id"], **where)
    op.create_index("ix_remiss_open_deadline", "remiss", ["effective_deadline_on", "id"], **where)
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch_op:
        batch_op.add_column(sa.Column("postal_address", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("namnd_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_organisation_namnd_id", ["namnd_id"], unique=False)
        batch_op.create_foreign_key("fk_organisation_namnd_id", "namnd", ["namnd_id"], ["id"])
    with op.batch_alter_table("sandlista_entry") as batch_op:
        batch_op.add_column(sa.Column("postal_address", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("delivery", sa.String(length=10), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("own_address", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "outgoing_publication",
        sa.Column("remiss_id", sa.Integer(), nullable=False),
        sa.Column("published_at", remiss.db.UTCDateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("intro", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["remiss_id"], ["remiss.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["published_by_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("remiss_id"),
    )
    op.create_table(
        "outgoing_published_file",
        sa.Column("remiss_id", sa.Integer(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["remiss_id"], ["outgoing_publication.remiss_id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["attachment_id"], ["attachment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("remiss_id", "attachment_id"),
    )
    op.execute("UPDATE sandlista_entry SET delivery = 'epost' WHERE sent_at IS NOT NULL")
    outgoing = "direction = 'utgaende'"
    op.execute(f"UPDATE remiss SET status = 'avslutad' WHERE {outgoing} AND status IN ('besvarad', 'avstar')")
    op.execute(f"UPDATE remiss SET status = 'skickad' WHERE {outgoing} AND sent_at IS NOT NULL "
               "AND status NOT IN ('avslutad', 'aterkallad')")
    op.execute(f"UPDATE remiss SET status = 'utkast' WHERE {outgoing} AND sent_at IS NULL "
               "AND status NOT IN ('avslutad', 'aterkallad')")
    _open_indexes(NEW_OPEN)


def downgrade() -> None:
    _open_indexes(OLD_OPEN)
    outgoing = "direction = 'utgaende'"
    op.execute(f"UPDATE remiss SET status = 'registrerad' WHERE {outgoing} AND status IN ('utkast', 'skickad', "
               "'svarstiden_ute', 'sammanstalld')")
    op.execute(f"UPDATE remiss SET status = 'besvarad' WHERE {outgoing} AND status = 'avslutad'")
    op.drop_table("outgoing_published_file")
    op.drop_table("outgoing_publication")
    with op.batch_alter_table("sandlista_entry") as batch_op:
        batch_op.drop_column("own_address")
        batch_op.drop_column("delivery")
        batch_op.drop_column("postal_address")
    with op.batch_alter_table("organisation") as batch_op:
        batch_op.drop_constraint("fk_organisation_namnd_id", type_="foreignkey")
        batch_op.drop_index("ix_organisation_namnd_id")
        batch_op.drop_column("namnd_id")
        batch_op.drop_column("postal_address")
