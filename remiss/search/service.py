"""Turn what a user typed into an index query and find the matching remisser, best first."""
from __future__ import annotations

import re

from typing import Callable

from sqlalchemy import bindparam, case, column, func, literal_column, or_, table, union_all
from sqlalchemy.sql import Select, Subquery
from sqlmodel import Session, select

from remiss.auth.access import Principal
from remiss.remisser.models import Remiss
from remiss.search import postgres, schema

# The same token rule as FTS5 unicode61: runs of letters and digits; everything else separates.
TOKEN = re.compile(r"[^\W_]+")
MAX_WORDS = 12
# bm25 column weights: title, dnr, remittent, notes, draft, people (contact person, sändlista).
WEIGHTS = (5.0, 10.0, 2.0, 1.0, 0.5, 1.0)


def words(typed: str) -> list[list[str]]:
    """Split typed text into words, each a list of lower-case tokens ("KS-IOF-2010" is one word)."""
    out = []
    for word in typed.split()[:MAX_WORDS]:
        tokens = [t.lower() for t in TOKEN.findall(word)]
        if tokens:
            out.append(tokens)
    return out


def fts5_query(typed: str) -> str | None:
    """Each word becomes a prefix phrase: 'KS-IOF-2010-00015' -> '"ks iof 2010 00015"*'; words are ANDed."""
    parts = ['"' + " ".join(tokens) + '"*' for tokens in words(typed)]
    return " ".join(parts) or None


def pg_tsquery(typed: str, weights: str = "") -> str | None:
    """The PostgreSQL equivalent: tokens of a word follow each other, the last one a prefix.

    weights ("AB") limits every token to lexemes of those weights (title and diarienummer, remittent).
    """
    parts = []
    for tokens in words(typed):
        quoted = [f"'{t}'" + (f":{weights}" if weights else "") for t in tokens[:-1]]
        quoted.append(f"'{tokens[-1]}':*{weights}")
        parts.append("(" + " <-> ".join(quoted) + ")")
    return " & ".join(parts) or None


# The most candidates ranked per query, and the most hits counted ("fler än 1 000 träffar").
RANK_CAP = 300
COUNT_CAP = 1000
HIGH_COLUMNS = "{title dnr remittent}"  # FTS5 column filter for the second candidate set
_FTS = table("remiss_fts", column("rowid"))
_DOCUMENT = postgres.DOCUMENT

Restrict = Callable[[Select], Select]  # adds the diarium's filters on Remiss to a select


def _unrestricted(stmt: Select) -> Select:
    return stmt


def _tsquery(typed: str):
    query = pg_tsquery(typed)
    return None if query is None else func.to_tsquery(literal_column("'swedish'"),
                                                      bindparam("ts_query", query, unique=True))


def _fts5_clause(typed: str, *, high: bool = False):
    """(id column, WHERE clause, rank expression) of the FTS5 query for typed; None without words."""
    query = fts5_query(typed)
    if query is None:
        return None
    if high:
        query = f"{HIGH_COLUMNS} : ({query})"
    where = literal_column("remiss_fts").op("MATCH")(bindparam("fts_query", query, unique=True))
    return _FTS.c.rowid, where, -func.bm25(literal_column("remiss_fts"), *WEIGHTS)


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


# PostgreSQL finds the newest visible hits once (remiss.search.postgres) and count() leaves them here
# for the candidates() that follows in the same transaction, as list_remisser and search() call them.
_FOUND = "remiss.search.found"


def _pg_hits(session: Session, typed: str, restrict: Restrict, cap: int, *, keep: bool = False) -> list[int]:
    """The newest cap hits of typed that pass restrict (reusing what count() just found)."""
    query = pg_tsquery(typed)
    if query is None:
        return []
    session.connection()  # begins the transaction the key names
    key = (session.get_transaction(), typed, postgres.filters_key(restrict))
    found = session.info.pop(_FOUND, None)
    if found and found[0] == key and (len(found[1]) < found[2] or cap <= found[2]):  # complete, or enough
        return found[1][:cap]
    ids = postgres.newest_hits(session, query, restrict, cap)
    if keep:
        session.info[_FOUND] = (key, ids, cap)
    return ids


def count(session: Session, typed: str, restrict: Restrict = _unrestricted, cap: int = COUNT_CAP) -> int:
    """How many remisser match typed and the filters, counting no further than cap + 1."""
    if not _is_sqlite(session):
        return len(_pg_hits(session, typed, restrict, cap + 1, keep=True))
    clause = _fts5_clause(typed)
    if clause is None:
        return 0
    id_column, where, _ = clause
    visible = restrict(select(literal_column("1")).select_from(Remiss).where(Remiss.id == id_column)).exists()
    first = select(id_column).where(where, visible).limit(cap + 1).subquery()
    return session.exec(select(func.count()).select_from(first)).one()


def _newest(typed: str, restrict: Restrict, *, high: bool) -> Select | None:
    """SQLite: the newest RANK_CAP hits that pass the filters, with their score; only those are ranked."""
    clause = _fts5_clause(typed, high=high)
    if clause is None:
        return None
    id_column, where, rank = clause
    visible = restrict(select(literal_column("1")).select_from(Remiss).where(Remiss.id == id_column)).exists()
    # bm25 runs only for the rows the LIMIT lets through
    return (select(id_column.label("remiss_id"), rank.label("score"))
            .where(where, visible).order_by(id_column.desc()).limit(RANK_CAP))


def candidates(session: Session, typed: str, restrict: Restrict = _unrestricted, *,
               complete: bool = False, dense: bool = False) -> Subquery:
    """A subquery (remiss_id, score) of the hits worth ranking.

    PostgreSQL: every hit when no more than COUNT_CAP pass the filters, else the newest RANK_CAP
    (its GIN index cannot select by weight, so finding old title hits would mean rechecking every
    document). SQLite: the newest RANK_CAP matches passing the filters plus the newest RANK_CAP with
    the words in the title, a diarienummer or the remittent. When no more than RANK_CAP match
    (complete: the caller counted), that is every match and ranking is exact; beyond that a common
    word is ranked among recent remisser and the best-placed hits, never by scoring them all.
    """
    if not _is_sqlite(session):
        ids = _pg_hits(session, typed, restrict, COUNT_CAP + 1)
        if len(ids) > COUNT_CAP:
            ids = ids[:RANK_CAP]
        return postgres.scored(ids, pg_tsquery(typed)) if ids else no_match()
    newest = _newest(typed, restrict, high=False)
    if newest is None:
        return no_match()
    if complete:
        return newest.subquery("hits")
    parts = [newest, _newest(typed, restrict, high=True)]
    both = union_all(*[p.subquery().select() for p in parts]).subquery("both")
    return (select(both.c.remiss_id, func.max(both.c.score).label("score"))
            .group_by(both.c.remiss_id).subquery("hits"))


def matches(session: Session, typed: str) -> Subquery | None:
    """A subquery (remiss_id, score) of every remiss matching typed, scored; for exports and tools."""
    if _is_sqlite(session):
        clause = _fts5_clause(typed)
        if clause is None:
            return None
        id_column, where, rank = clause
        return select(id_column.label("remiss_id"), rank.label("score")).where(where).subquery("hits")
    tsquery = _tsquery(typed)
    if tsquery is None:
        return None
    return (select(Remiss.id.label("remiss_id"), func.ts_rank(_DOCUMENT, tsquery).label("score"))
            .where(_DOCUMENT.op("@@")(tsquery)).subquery("hits"))


def no_match() -> Subquery:
    """A subquery with no rows, for input that holds no searchable word (e.g. '--')."""
    return (select(literal_column("0").label("remiss_id"), literal_column("0.0").label("score"))
            .where(literal_column("1") == 0).subquery("hits"))


def relevance(hits: Subquery, typed: str) -> tuple:
    """Order: an exact diarienummer first, then the index score, then the newest."""
    exact = typed.strip().lower()
    exact_dnr = case((or_(func.lower(Remiss.our_dnr) == exact, func.lower(Remiss.sender_dnr) == exact), 0), else_=1)
    return exact_dnr, hits.c.score.desc(), Remiss.id.desc()


def search(session: Session, principal: Principal, typed: str, *, limit: int = 20) -> list[Remiss]:
    """Return the best matches among the remisser principal may see."""
    visible = principal.visible_namnd_ids()

    def restrict(stmt: Select) -> Select:
        return stmt if visible is None else stmt.where(Remiss.namnd_id.in_(visible or {-1}))

    total = count(session, typed, restrict)
    hits = candidates(session, typed, restrict, complete=total <= RANK_CAP, dense=total > COUNT_CAP)
    stmt = select(Remiss).join(hits, hits.c.remiss_id == Remiss.id)
    return list(session.exec(stmt.order_by(*relevance(hits, typed)).limit(limit)))


def reindex(session: Session) -> int:
    """Recreate the triggers and rebuild the whole index; return how many remisser it holds."""
    conn = session.connection()
    schema.create(conn)
    schema.rebuild(conn)
    return session.exec(select(func.count()).select_from(Remiss)).one()
