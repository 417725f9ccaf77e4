"""search: the contact person and the sändlista's names are searchable (a sixth FTS5 column; part of the
PostgreSQL document), kept current by triggers on sandlista_entry

Revision ID: s003_search_people
Revises: s002_search_document
"""
from alembic import op

from remiss.search import schema

revision = "s003_search_people"
down_revision = "s002_search_document"
branch_labels = None
depends_on = None

# The SQLite index of s002 as it was, for downgrade (remiss.search.schema now builds the new one).
_DNR = "coalesce({r}.our_dnr, '') || ' ' || coalesce({r}.sender_dnr, '')"
_DRAFT = ("CASE WHEN json_valid({c}) THEN (SELECT group_concat(value, ' ') FROM json_tree({c}) "
          "WHERE type = 'text') ELSE {c} END")
_LATEST = ("(SELECT v.content FROM draft_version v JOIN yttrande_draft d ON d.id = v.draft_id "
           "WHERE d.remiss_id = {r}.id ORDER BY v.number DESC LIMIT 1)")
_S002_SQLITE = [
    """CREATE VIRTUAL TABLE remiss_fts USING fts5(title, dnr, remittent, notes, draft,
        tokenize = "unicode61 remove_diacritics 0", prefix = '2 3 4')""",
    f"""CREATE TRIGGER remiss_fts_ai AFTER INSERT ON remiss BEGIN
        INSERT INTO remiss_fts(rowid, title, dnr, remittent, notes, draft)
        VALUES (new.id, new.title, {_DNR.format(r='new')}, new.remittent, new.notes, '');
    END""",
    f"""CREATE TRIGGER remiss_fts_au AFTER UPDATE OF title, our_dnr, sender_dnr, remittent, notes ON remiss BEGIN
        UPDATE remiss_fts SET title = new.title, dnr = {_DNR.format(r='new')},
            remittent = new.remittent, notes = new.notes WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER remiss_fts_ad AFTER DELETE ON remiss BEGIN DELETE FROM remiss_fts WHERE rowid = old.id; END""",
] + [
    f"""CREATE TRIGGER remiss_fts_draft_{suffix} AFTER {event} ON draft_version
        WHEN new.number >= (SELECT max(number) FROM draft_version WHERE draft_id = new.draft_id) BEGIN
        UPDATE remiss_fts SET draft = {_DRAFT.format(c='new.content')}
        WHERE rowid = (SELECT remiss_id FROM yttrande_draft WHERE id = new.draft_id);
    END"""
    for suffix, event in (("ai", "INSERT"), ("au", "UPDATE OF content"))
] + [
    f"""INSERT INTO remiss_fts(rowid, title, dnr, remittent, notes, draft)
        SELECT r.id, r.title, {_DNR.format(r='r')}, r.remittent, r.notes,
               coalesce({_DRAFT.format(c=_LATEST.format(r='r'))}, '') FROM remiss r""",
]
_S002_PG_TRIGGER = [
    "DROP TRIGGER IF EXISTS remiss_search_sandlista_insert ON sandlista_entry",
    "DROP TRIGGER IF EXISTS remiss_search_sandlista_delete ON sandlista_entry",
    "DROP TRIGGER IF EXISTS remiss_search_sandlista_name ON sandlista_entry",
    "DROP FUNCTION IF EXISTS remiss_search_on_sandlista()",
    "DROP FUNCTION IF EXISTS remiss_search_on_sandlista_name()",
    "DROP TRIGGER IF EXISTS remiss_search_remiss ON remiss",
    """CREATE TRIGGER remiss_search_remiss BEFORE INSERT OR UPDATE OF title, our_dnr, sender_dnr, remittent, notes
        ON remiss FOR EACH ROW EXECUTE FUNCTION remiss_search_on_remiss()""",
]


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        schema.drop(conn)  # an FTS5 table cannot gain a column: made again and filled
    schema.create(conn)
    schema.rebuild(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        schema.drop(conn)
        statements = _S002_SQLITE
    else:  # the documents keep their people until they are next written; no query of s002 minds
        statements = _S002_PG_TRIGGER
    for statement in statements:
        conn.exec_driver_sql(statement)
