"""search (PostgreSQL): the tsvector document moves from the remiss_search table to remiss.search_document

One table then answers a search: the text test, the diarium's filters and the newest-first order
read the same row, instead of one remiss lookup per hit. SQLite (FTS5) is unchanged.

Revision ID: s002_search_document
Revises: s001_search
"""
from alembic import op

from remiss.search import schema

revision = "s002_search_document"
down_revision = "s001_search"
branch_labels = None
depends_on = None

# The layout of s001_search as it was, for downgrade (remiss.search.schema now builds the new one).
_S001_DOCUMENT = """SELECT r.id,
               setweight(to_tsvector('simple', regexp_replace(
                   coalesce(r.our_dnr, '') || ' ' || r.sender_dnr, '[^[:alnum:]]+', ' ', 'g')), 'A')
            || setweight(to_tsvector('swedish', r.title), 'A')
            || setweight(to_tsvector('swedish', r.remittent), 'B')
            || setweight(to_tsvector('swedish', r.notes), 'C')
            || setweight(coalesce(remiss_draft_tsv(
                   (SELECT v.content FROM draft_version v JOIN yttrande_draft d ON d.id = v.draft_id
                    WHERE d.remiss_id = r.id ORDER BY v.number DESC LIMIT 1)), ''::tsvector), 'D')
        FROM remiss r {where}"""
_S001_UPSERT = ("INSERT INTO remiss_search (remiss_id, document) " + _S001_DOCUMENT
                + " ON CONFLICT (remiss_id) DO UPDATE SET document = excluded.document")
_S001_CREATE = [
    """CREATE TABLE remiss_search (
        remiss_id integer PRIMARY KEY REFERENCES remiss(id) ON DELETE CASCADE,
        document tsvector NOT NULL)""",
    "CREATE INDEX ix_remiss_search_document ON remiss_search USING gin (document)",
    """CREATE OR REPLACE FUNCTION remiss_draft_tsv(content text) RETURNS tsvector AS $$
    BEGIN
        RETURN to_tsvector('swedish', content::json);
    EXCEPTION WHEN others THEN
        RETURN to_tsvector('swedish', coalesce(content, ''));
    END $$ LANGUAGE plpgsql IMMUTABLE""",
    f"""CREATE OR REPLACE FUNCTION remiss_search_refresh(rid integer) RETURNS void AS $$
        {_S001_UPSERT.format(where="WHERE r.id = rid")}
    $$ LANGUAGE sql""",
    """CREATE OR REPLACE FUNCTION remiss_search_on_remiss() RETURNS trigger AS $$
    BEGIN PERFORM remiss_search_refresh(NEW.id); RETURN NULL; END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION remiss_search_on_draft() RETURNS trigger AS $$
    BEGIN PERFORM remiss_search_refresh((SELECT remiss_id FROM yttrande_draft WHERE id = NEW.draft_id));
    RETURN NULL; END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER remiss_search_remiss AFTER INSERT OR UPDATE OF title, our_dnr, sender_dnr, remittent, notes
        ON remiss FOR EACH ROW EXECUTE FUNCTION remiss_search_on_remiss()""",
    """CREATE TRIGGER remiss_search_draft AFTER INSERT OR UPDATE OF content ON draft_version
        FOR EACH ROW EXECUTE FUNCTION remiss_search_on_draft()""",
    _S001_UPSERT.format(where=""),
]


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    # The old table holds an index of the same name: it goes first, or CREATE INDEX IF NOT EXISTS would skip.
    conn.exec_driver_sql("DROP TABLE IF EXISTS remiss_search")
    schema.create(conn)
    schema.rebuild(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    schema.drop(conn)
    for statement in _S001_CREATE:
        conn.exec_driver_sql(statement)
