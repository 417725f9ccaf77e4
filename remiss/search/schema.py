"""The search index: an FTS5 table (SQLite) or a tsvector column of remiss (PostgreSQL), kept in sync by triggers.

Triggers, not service calls, keep the index current, so every writer (pages, API, imports,
the drafting capability writing DraftVersion rows, sändlista entries) is covered without knowing about search.
Besides title, diarienummer, remittent, notes and the latest draft, the index holds the people of a remiss:
its contact person at the remittent and the names on its sändlista.
Folding: case is folded, but å, ä and ö are kept distinct from a and o ("får" is not "far");
SQLite uses unicode61 with remove_diacritics 0, PostgreSQL the `swedish` configuration
(which also stems: "remisser" finds "remiss").
"""
from __future__ import annotations

from sqlalchemy.engine import Connection

# SQLite ---------------------------------------------------------------------------------
_SQLITE_DNR = "coalesce({r}.our_dnr, '') || ' ' || coalesce({r}.sender_dnr, '')"
# Index the string values of the JSON draft (not its keys); plain text if it is not JSON.
_SQLITE_DRAFT = ("CASE WHEN json_valid({c}) THEN (SELECT group_concat(value, ' ') FROM json_tree({c}) "
                 "WHERE type = 'text') ELSE {c} END")
_SQLITE_LATEST = ("(SELECT v.content FROM draft_version v JOIN yttrande_draft d ON d.id = v.draft_id "
                  "WHERE d.remiss_id = {r}.id ORDER BY v.number DESC LIMIT 1)")
# The contact person and the sändlista's names of remiss {id}.
_SQLITE_PEOPLE = ("(SELECT coalesce(p.contact_person, '') || ' ' || coalesce((SELECT group_concat(e.name, ' ') "
                  "FROM sandlista_entry e WHERE e.remiss_id = p.id), '') FROM remiss p WHERE p.id = {id})")

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS remiss_fts USING fts5(
        title, dnr, remittent, notes, draft, people,
        tokenize = "unicode61 remove_diacritics 0", prefix = '2 3 4')""",
    f"""CREATE TRIGGER IF NOT EXISTS remiss_fts_ai AFTER INSERT ON remiss BEGIN
        INSERT INTO remiss_fts(rowid, title, dnr, remittent, notes, draft, people)
        VALUES (new.id, new.title, {_SQLITE_DNR.format(r='new')}, new.remittent, new.notes, '', new.contact_person);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS remiss_fts_au AFTER UPDATE OF title, our_dnr, sender_dnr, remittent, notes,
        contact_person ON remiss BEGIN
        UPDATE remiss_fts SET title = new.title, dnr = {_SQLITE_DNR.format(r='new')},
            remittent = new.remittent, notes = new.notes, people = {_SQLITE_PEOPLE.format(id='new.id')}
        WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS remiss_fts_ad AFTER DELETE ON remiss BEGIN
        DELETE FROM remiss_fts WHERE rowid = old.id;
    END""",
] + [
    f"""CREATE TRIGGER IF NOT EXISTS remiss_fts_draft_{suffix} AFTER {event} ON draft_version
        WHEN new.number >= (SELECT max(number) FROM draft_version WHERE draft_id = new.draft_id) BEGIN
        UPDATE remiss_fts SET draft = {_SQLITE_DRAFT.format(c='new.content')}
        WHERE rowid = (SELECT remiss_id FROM yttrande_draft WHERE id = new.draft_id);
    END"""
    for suffix, event in (("ai", "INSERT"), ("au", "UPDATE OF content"))
] + [
    f"""CREATE TRIGGER IF NOT EXISTS remiss_fts_sandlista_{suffix} AFTER {event} ON sandlista_entry BEGIN
        UPDATE remiss_fts SET people = {_SQLITE_PEOPLE.format(id=f'{row}.remiss_id')} WHERE rowid = {row}.remiss_id;
    END"""
    for suffix, event, row in (("ai", "INSERT", "new"), ("ad", "DELETE", "old"), ("au", "UPDATE OF name", "new"))
]

SQLITE_REBUILD = [
    "DELETE FROM remiss_fts",
    f"""INSERT INTO remiss_fts(rowid, title, dnr, remittent, notes, draft, people)
        SELECT r.id, r.title, {_SQLITE_DNR.format(r='r')}, r.remittent, r.notes,
               coalesce({_SQLITE_DRAFT.format(c=_SQLITE_LATEST.format(r='r'))}, ''),
               {_SQLITE_PEOPLE.format(id='r.id')}
        FROM remiss r""",
]

# The index of the people on a sändlista, kept by these triggers (bench/generate.py drops them while it loads).
SQLITE_SANDLISTA_TRIGGERS = ["remiss_fts_sandlista_au", "remiss_fts_sandlista_ad", "remiss_fts_sandlista_ai"]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_SANDLISTA_TRIGGERS] + [
    "DROP TRIGGER IF EXISTS remiss_fts_draft_au", "DROP TRIGGER IF EXISTS remiss_fts_draft_ai",
    "DROP TRIGGER IF EXISTS remiss_fts_ad", "DROP TRIGGER IF EXISTS remiss_fts_au",
    "DROP TRIGGER IF EXISTS remiss_fts_ai", "DROP TABLE IF EXISTS remiss_fts"]

# PostgreSQL -----------------------------------------------------------------------------
# The document of remiss r lives on the remiss row itself (remiss.search_document, GIN-indexed), so the
# newest visible hits are found in one table: the diarium's filters and the newest-first order read the
# same rows as the text test (a separate remiss_search table cost one remiss lookup per hit: at 100,000
# remisser half the time of a mid-frequency word). It cannot be a generated column: it holds the latest
# draft, from draft_version. Diarienummer (split on punctuation) and title weigh most, then remittent,
# notes with the people (contact person, sändlista) and the latest draft.
PG_DOCUMENT = """setweight(to_tsvector('simple', regexp_replace(
                   coalesce({r}.our_dnr, '') || ' ' || {r}.sender_dnr, '[^[:alnum:]]+', ' ', 'g')), 'A')
            || setweight(to_tsvector('swedish', {r}.title), 'A')
            || setweight(to_tsvector('swedish', {r}.remittent), 'B')
            || setweight(to_tsvector('swedish', {r}.notes), 'C')
            || setweight(to_tsvector('swedish', {r}.contact_person || ' ' || coalesce(
                   (SELECT string_agg(e.name, ' ') FROM sandlista_entry e WHERE e.remiss_id = {r}.id), '')), 'C')
            || setweight(coalesce(remiss_draft_tsv(
                   (SELECT v.content FROM draft_version v JOIN yttrande_draft d ON d.id = v.draft_id
                    WHERE d.remiss_id = {r}.id ORDER BY v.number DESC LIMIT 1)), ''::tsvector), 'D')"""
# One statement for one remiss (a new draft version) and for all (rebuild). Rows whose document is
# already right are not written: a reindex rewrites no remiss needlessly, and a draft version that
# changes nothing searchable takes no lock on its remiss.
_PG_REFRESH = f"""UPDATE remiss r SET search_document = fresh.document
        FROM (SELECT s.id, {PG_DOCUMENT.format(r="s")} AS document FROM remiss s {{where}}) fresh
        WHERE r.id = fresh.id AND r.search_document IS DISTINCT FROM fresh.document"""

PG_CREATE = [
    "ALTER TABLE remiss ADD COLUMN IF NOT EXISTS search_document tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX IF NOT EXISTS ix_remiss_search_document ON remiss USING gin (search_document)",
    # to_tsvector(json) indexes only the string values; a draft that is not JSON is plain text.
    # STRICT: no draft (every insert) never enters the exception block, which costs a subtransaction.
    """CREATE OR REPLACE FUNCTION remiss_draft_tsv(content text) RETURNS tsvector AS $$
    BEGIN
        RETURN to_tsvector('swedish', content::json);
    EXCEPTION WHEN others THEN
        RETURN to_tsvector('swedish', coalesce(content, ''));
    END $$ LANGUAGE plpgsql IMMUTABLE STRICT""",
    f"""CREATE OR REPLACE FUNCTION remiss_search_refresh(rid integer) RETURNS void AS $$
        {_PG_REFRESH.format(where="WHERE s.id = rid")}
    $$ LANGUAGE sql""",
    # BEFORE: the document is part of the row being written, not a second write to it.
    f"""CREATE OR REPLACE FUNCTION remiss_search_on_remiss() RETURNS trigger AS $$
    BEGIN NEW.search_document := {PG_DOCUMENT.format(r="NEW")}; RETURN NEW; END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION remiss_search_on_draft() RETURNS trigger AS $$
    BEGIN PERFORM remiss_search_refresh((SELECT remiss_id FROM yttrande_draft WHERE id = NEW.draft_id));
    RETURN NULL; END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS remiss_search_remiss ON remiss",
    """CREATE TRIGGER remiss_search_remiss BEFORE INSERT OR UPDATE OF title, our_dnr, sender_dnr, remittent, notes,
        contact_person ON remiss FOR EACH ROW EXECUTE FUNCTION remiss_search_on_remiss()""",
    # A sändlista is written as a whole (deleted, then inserted, a statement each): one refresh per statement
    # and remiss, not one per entry; a renamed entry (rare) per row.
    f"""CREATE OR REPLACE FUNCTION remiss_search_on_sandlista() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            {_PG_REFRESH.format(where="WHERE s.id IN (SELECT DISTINCT remiss_id FROM changed_entries)")};
        ELSE
            {_PG_REFRESH.format(where="WHERE s.id IN (SELECT DISTINCT remiss_id FROM removed_entries)")};
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql""",
    """CREATE OR REPLACE FUNCTION remiss_search_on_sandlista_name() RETURNS trigger AS $$
    BEGIN PERFORM remiss_search_refresh(NEW.remiss_id); RETURN NULL; END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS remiss_search_sandlista_insert ON sandlista_entry",
    """CREATE TRIGGER remiss_search_sandlista_insert AFTER INSERT ON sandlista_entry
        REFERENCING NEW TABLE AS changed_entries FOR EACH STATEMENT EXECUTE FUNCTION remiss_search_on_sandlista()""",
    "DROP TRIGGER IF EXISTS remiss_search_sandlista_delete ON sandlista_entry",
    """CREATE TRIGGER remiss_search_sandlista_delete AFTER DELETE ON sandlista_entry
        REFERENCING OLD TABLE AS removed_entries FOR EACH STATEMENT EXECUTE FUNCTION remiss_search_on_sandlista()""",
    "DROP TRIGGER IF EXISTS remiss_search_sandlista_name ON sandlista_entry",
    """CREATE TRIGGER remiss_search_sandlista_name AFTER UPDATE OF name ON sandlista_entry FOR EACH ROW
        WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION remiss_search_on_sandlista_name()""",
    "DROP TRIGGER IF EXISTS remiss_search_draft ON draft_version",
    """CREATE TRIGGER remiss_search_draft AFTER INSERT OR UPDATE OF content ON draft_version
        FOR EACH ROW EXECUTE FUNCTION remiss_search_on_draft()""",
]

# One set-based statement: calling remiss_search_refresh per row takes minutes at 100,000 remisser.
PG_REBUILD = [_PG_REFRESH.format(where="")]

# Also drops the separate remiss_search table of revision s001_search, should it still be there.
PG_SANDLISTA_TRIGGERS = ["remiss_search_sandlista_insert", "remiss_search_sandlista_delete",
                         "remiss_search_sandlista_name"]
PG_DROP = [f"DROP TRIGGER IF EXISTS {name} ON sandlista_entry" for name in PG_SANDLISTA_TRIGGERS] + [
           "DROP FUNCTION IF EXISTS remiss_search_on_sandlista()",
           "DROP FUNCTION IF EXISTS remiss_search_on_sandlista_name()",
           "DROP TRIGGER IF EXISTS remiss_search_draft ON draft_version",
           "DROP TRIGGER IF EXISTS remiss_search_remiss ON remiss",
           "DROP FUNCTION IF EXISTS remiss_search_on_draft()", "DROP FUNCTION IF EXISTS remiss_search_on_remiss()",
           "DROP FUNCTION IF EXISTS remiss_search_refresh(integer)", "DROP FUNCTION IF EXISTS remiss_draft_tsv(text)",
           "DROP TABLE IF EXISTS remiss_search",
           "DROP INDEX IF EXISTS ix_remiss_search_document",
           "ALTER TABLE remiss DROP COLUMN IF EXISTS search_document"]


def _run(conn: Connection, statements: list[str]) -> None:
    for statement in statements:
        conn.exec_driver_sql(statement)


def create(conn: Connection) -> None:
    """Create the index and its triggers (idempotent)."""
    _run(conn, SQLITE_CREATE if conn.dialect.name == "sqlite" else PG_CREATE)


def rebuild(conn: Connection) -> None:
    """Fill the index from the remiss and draft tables."""
    _run(conn, SQLITE_REBUILD if conn.dialect.name == "sqlite" else PG_REBUILD)


def drop(conn: Connection) -> None:
    _run(conn, SQLITE_DROP if conn.dialect.name == "sqlite" else PG_DROP)
