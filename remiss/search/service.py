"""Turn what a user typed into an index query and find the matching remisser, best first."""
from __future__ import annotations

import re

from sqlalchemy import Float, Integer, case, func, literal_column, or_, text
from sqlalchemy.sql import Subquery
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


def pg_tsquery(typed: str) -> str | None:
    """The PostgreSQL equivalent: tokens of a word follow each other, the last one a prefix."""
    parts = []
    for tokens in words(typed):
        quoted = [f"'{t}'" for t in tokens]
        quoted[-1] += ":*"
        parts.append("(" + " <-> ".join(quoted) + ")")
    return " & ".join(parts) or None


def matches(session: Session, typed: str) -> Subquery | None:
    """A subquery (remiss_id, score) of every remiss matching typed; higher score is better."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        query = fts5_query(typed)
        if query is None:
            return None
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = text(f"SELECT rowid AS remiss_id, -bm25(remiss_fts, {weights}) AS score "
                   "FROM remiss_fts WHERE remiss_fts MATCH :fts_query")
        return sql.bindparams(fts_query=query).columns(remiss_id=Integer, score=Float).subquery("hits")
    query = pg_tsquery(typed)
    if query is None:
        return None
    sql = text("SELECT s.remiss_id, ts_rank(s.document, q) AS score FROM remiss_search s, "
               "to_tsquery('swedish', :ts_query) q WHERE s.document @@ q")
    return sql.bindparams(ts_query=query).columns(remiss_id=Integer, score=Float).subquery("hits")


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
    hits = matches(session, typed)
    if hits is None:
        return []
    stmt = select(Remiss).join(hits, hits.c.remiss_id == Remiss.id)
    visible = principal.visible_namnd_ids()
    if visible is not None:
        stmt = stmt.where(Remiss.namnd_id.in_(visible or {-1}))
    return list(session.exec(stmt.order_by(*relevance(hits, typed)).limit(limit)))


def reindex(session: Session) -> int:
    """Recreate the triggers and rebuild the whole index; return how many remisser it holds."""
    conn = session.connection()
    schema.create(conn)
    schema.rebuild(conn)
    return session.exec(select(func.count()).select_from(Remiss)).one()
