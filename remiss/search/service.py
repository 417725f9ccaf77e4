"""Turn what a user typed into an index query and find the matching remisser, best first."""
from __future__ import annotations

import re

from typing import Callable

from sqlalchemy import bindparam, case, column, func, literal_column, or_, table, union_all
from sqlalchemy.sql import Select, Subquery
from sqlmodel import Session, select

from remiss.auth.access import Principal
from remiss.remisser.models import Remiss
from remiss.search import schema

# The same token rule as FTS5 unicode61: runs of letters and digits; everything else separates.
TOKEN = re.compile(r"[^\W_]+")
MAX_WORDS = 12
# bm25 column weights: title, dnr, remittent, notes, draft.
WEIGHTS = (5.0, 10.0, 2.0, 1.0, 0.5)


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
_PG = table("remiss_search", column("remiss_id"), column("document"))

Restrict = Callable[[Select], Select]  # adds the diarium's filters on Remiss to a select


def _unrestricted(stmt: Select) -> Select:
    return stmt


def _match_clause(session: Session, typed: str, *, high: bool = False, doc=_PG):
    """(id column, WHERE clause, rank expression) of the index query for typed, or None without words."""
    if session.get_bind().dialect.name == "sqlite":
        query = fts5_query(typed)
        if query is None:
            return None
        if high:
            query = f"{HIGH_COLUMNS} : ({query})"
        where = literal_column("remiss_fts").op("MATCH")(bindparam("fts_query", query, unique=True))
        return _FTS.c.rowid, where, -func.bm25(literal_column("remiss_fts"), *WEIGHTS)
    query = pg_tsquery(typed, weights="AB" if high else "")
    if query is None:
        return None
    tsquery = func.to_tsquery(literal_column("'swedish'"), bindparam("ts_query", query, unique=True))
    return doc.c.remiss_id, doc.c.document.op("@@")(tsquery), func.ts_rank(doc.c.document, tsquery)


def _visible(restrict: Restrict, id_column) -> Select:
    """EXISTS (the remiss behind id_column passes the filters): one primary-key lookup per hit."""
    return restrict(select(literal_column("1")).select_from(Remiss).where(Remiss.id == id_column)).exists()


def matching_ids(session: Session, typed: str, restrict: Restrict = _unrestricted) -> Subquery:
    """A subquery (remiss_id) of every remiss matching typed and the filters (none when no words)."""
    clause = _match_clause(session, typed)
    if clause is None:
        return no_match()
    id_column, where, _ = clause
    return select(id_column.label("remiss_id")).where(where, _visible(restrict, id_column)).subquery("hits")


def count(session: Session, typed: str, restrict: Restrict = _unrestricted, cap: int = COUNT_CAP) -> int:
    """How many remisser match typed and the filters, counting no further than cap + 1."""
    clause = _match_clause(session, typed)
    if clause is None:
        return 0
    id_column, where, _ = clause
    first = select(id_column).where(where, _visible(restrict, id_column)).limit(cap + 1).subquery()
    return session.exec(select(func.count()).select_from(first)).one()


def _newest(session: Session, typed: str, restrict: Restrict, *, high: bool) -> Select | None:
    """The newest RANK_CAP hits that pass the filters, with their score; the index stops early."""
    clause = _match_clause(session, typed, high=high)
    if clause is None:
        return None
    id_column, where, rank = clause
    newest = (select(id_column.label("remiss_id"), rank.label("score"))
              .where(where, _visible(restrict, id_column)).order_by(id_column.desc()).limit(RANK_CAP))
    if session.get_bind().dialect.name == "sqlite":
        return newest  # bm25 runs only for the rows the LIMIT lets through
    # PostgreSQL may compute the target list before a top-N sort: rank outside the limited set.
    ids = newest.with_only_columns(id_column.label("remiss_id")).subquery("newest")
    doc = _PG.alias("ranked")
    _, _, rank_on_doc = _match_clause(session, typed, high=high, doc=doc)
    return select(ids.c.remiss_id, rank_on_doc.label("score")).select_from(
        ids.join(doc, doc.c.remiss_id == ids.c.remiss_id))


def candidates(session: Session, typed: str, restrict: Restrict = _unrestricted, *,
               complete: bool = False) -> Subquery:
    """A subquery (remiss_id, score) of the hits worth ranking: the newest RANK_CAP matches passing the
    filters plus the newest RANK_CAP with the words in the title, a diarienummer or the remittent.

    When no more than RANK_CAP remisser match (complete: the caller counted), that is every match and
    ranking is exact; beyond that a common word is ranked among recent remisser and the best-placed
    hits, never by scoring them all.
    """
    newest = _newest(session, typed, restrict, high=False)
    if newest is None:
        return no_match()
    if complete:
        return newest.subquery("hits")
    parts = [newest, _newest(session, typed, restrict, high=True)]
    both = union_all(*[p.subquery().select() for p in parts]).subquery("both")
    return (select(both.c.remiss_id, func.max(both.c.score).label("score"))
            .group_by(both.c.remiss_id).subquery("hits"))


def matches(session: Session, typed: str) -> Subquery | None:
    """A subquery (remiss_id, score) of every remiss matching typed, scored; for exports and tools."""
    clause = _match_clause(session, typed)
    if clause is None:
        return None
    id_column, where, rank = clause
    return select(id_column.label("remiss_id"), rank.label("score")).where(where).subquery("hits")


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

    hits = candidates(session, typed, restrict, complete=count(session, typed, restrict) <= RANK_CAP)
    stmt = select(Remiss).join(hits, hits.c.remiss_id == Remiss.id)
    return list(session.exec(stmt.order_by(*relevance(hits, typed)).limit(limit)))


def reindex(session: Session) -> int:
    """Recreate the triggers and rebuild the whole index; return how many remisser it holds."""
    conn = session.connection()
    schema.create(conn)
    schema.rebuild(conn)
    return session.exec(select(func.count()).select_from(Remiss)).one()
