"""PostgreSQL: the newest hits that pass the diarium's filters, found the cheaper of two ways.

One statement answers both questions of a search page: how many remisser match (up to a cap)
and which are the newest of them. Two plans give the same ids, newest first:

- *sorted*: the GIN index finds every match, the filters drop those the user may not see, and
  the newest `limit` are kept. Costs grow with the number of matches.
- *walk*: the newest remisser are read backwards, each tested against the query and the filters,
  until `limit` pass. Costs grow with how many must be read: few for a common word.

The choice uses what ANALYZE knows about the lexemes (pg_stats.most_common_elems), kept per
process for a few minutes, and the planner's estimate of how many remisser the filters let
through. The planner cannot choose itself: it estimates every prefix query at a fixed 2,000 rows.

Both read only the remiss table: the document is its column search_document (remiss.search.schema),
so the filters are tested on the row already read, not by a primary-key lookup per hit as when the
documents had a table of their own (at 100,000 remisser that was half the time of a mid-frequency word).
"""
from __future__ import annotations

import bisect
import re
import time
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import bindparam, false, func, literal_column, select
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.sql import Select
from sqlmodel import Session

from remiss.db import among
from remiss.remisser.models import Remiss

Restrict = Callable[[Select], Select]
# Not a column of the Remiss model: it exists on PostgreSQL only, and no page reads it.
DOCUMENT = literal_column("remiss.search_document", TSVECTOR)
STATS_SECONDS = 300
# Rough cost per match of the sorted plan (bitmap, heap, sort) and per document read by the walk,
# in µs, measured at 100,000 remisser with the document on the remiss row. Only their ratio matters.
SORTED_COST, WALK_COST = 2.2, 0.7
FORCE: str | None = None  # "sorted" or "walk": tests run both plans on the same data
_LEXEME = re.compile(r"'((?:[^']|'')*)'(:\*)?")


@dataclass
class _Stats:
    fetched: float
    rows: float  # rows of remiss, each a document
    lexemes: list[str]  # most common lexemes, sorted
    freqs: list[float]  # their share of documents
    normal: dict  # tsquery text -> to_tsquery('swedish', it)::text (the stemmed lexemes)
    visible: dict  # filters (cache key) -> the share of remisser they let through

    def density(self, lexeme: str, prefix: bool) -> float:
        """The share of documents holding lexeme (or a lexeme starting with it)."""
        i = bisect.bisect_left(self.lexemes, lexeme)
        if not prefix:
            return self.freqs[i] if i < len(self.lexemes) and self.lexemes[i] == lexeme else 0.0
        total = 0.0
        while i < len(self.lexemes) and self.lexemes[i].startswith(lexeme):
            total += self.freqs[i]
            i += 1
        return min(total, 1.0)


_stats: dict[str, _Stats] = {}


def _load_stats(session: Session) -> _Stats:
    conn = session.connection()
    key = conn.engine.url.render_as_string(hide_password=True)
    cached = _stats.get(key)
    if cached and time.monotonic() - cached.fetched < STATS_SECONDS:
        return cached
    row = conn.exec_driver_sql(
        "SELECT c.reltuples, s.most_common_elems::text::text[], s.most_common_elem_freqs "
        "FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema() "
        "AND s.tablename = 'remiss' AND s.attname = 'search_document' "
        "WHERE c.oid = to_regclass('remiss')").first()
    rows, lexemes, freqs = row if row else (0, None, None)
    pairs = sorted(zip(lexemes or [], freqs or []))
    _stats[key] = cached = _Stats(time.monotonic(), max(float(rows or 0), 0.0),
                                  [p[0] for p in pairs], [float(p[1]) for p in pairs], {}, {})
    return cached


def _density(session: Session, tsquery: str, stats: _Stats) -> float:
    """Estimated share of documents matching: words (&) and the tokens of a phrase (<->) multiply, as
    PostgreSQL's own estimate does. A phrase is rarer than its rarest token: "KS-2020" is 'ks' (a third
    of the documents) next to '2020…' (a tenth), found in 3 % of them. Taken as a tenth, the walk was
    chosen and read 53,000 remisser for 1,001 hits (28 ms); the index finds the 3,300 in 5."""
    normal = stats.normal.get(tsquery)
    if normal is None:
        normal = session.connection().exec_driver_sql("SELECT to_tsquery('swedish', %(q)s)::text",
                                                      {"q": tsquery}).scalar() or ""
        if len(stats.normal) < 10_000:
            stats.normal[tsquery] = normal
    share = 1.0
    for word in (normal or "").split(" & "):
        tokens = _LEXEME.findall(word)
        if tokens:
            for lexeme, star in tokens:
                share *= stats.density(lexeme.replace("''", "'"), bool(star))
    return share if normal else 0.0


def filters_key(restrict: Restrict) -> tuple:
    """What restrict adds to a select, as a hashable value (the statement's cache key and parameters)."""
    key = restrict(select(Remiss.id))._generate_cache_key()
    if key is None:  # not cacheable: a key equal to nothing else, so nothing is reused
        return (object(),)
    return key.key, tuple(repr(b.effective_value) for b in key.bindparams)


def _visible_share(session: Session, restrict: Restrict, stats: _Stats) -> float:
    """The planner's estimate of the share of remisser that pass the filters."""
    stmt = restrict(select(Remiss.id))
    if stmt.whereclause is None:
        return 1.0
    key = filters_key(restrict)
    if key not in stats.visible:
        compiled = stmt.compile(dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True})
        plan = session.connection().exec_driver_sql("EXPLAIN (FORMAT JSON) " + compiled.string,
                                                    compiled.params).scalar()
        if len(stats.visible) >= 1_000:
            stats.visible.clear()
        stats.visible[key] = min(1.0, plan[0]["Plan"]["Plan Rows"] / max(stats.rows, 1.0))
    return stats.visible[key]


def plan(session: Session, tsquery: str, restrict: Restrict, limit: int) -> str:
    """"walk" or "sorted", whichever is estimated cheaper for finding `limit` visible hits."""
    if FORCE:
        return FORCE
    stats = _load_stats(session)
    if not stats.rows or not stats.lexemes:
        return "sorted"  # never analysed: nothing to go on, and the sorted plan never reads unmatched rows
    density = _density(session, tsquery, stats)
    sorted_cost = density * stats.rows * SORTED_COST
    if density == 0 or limit / density * WALK_COST >= sorted_cost:  # not even with every remiss visible
        return "sorted"
    visible = _visible_share(session, restrict, stats)
    walked = min(stats.rows, limit / max(density * visible, 1e-9))
    return "walk" if walked * WALK_COST < sorted_cost else "sorted"


def _query(tsquery: str):
    return func.to_tsquery(literal_column("'swedish'"), bindparam("ts_query", tsquery, unique=True))


def newest_hits(session: Session, tsquery: str, restrict: Restrict, limit: int) -> list[int]:
    """The ids of the newest `limit` remisser matching tsquery and passing restrict, newest first."""
    query = _query(tsquery)
    matches = DOCUMENT.op("@@")(query)
    if plan(session, tsquery, restrict, limit) == "walk":
        # coalesce() hides the test from the GIN index: read backwards, stop at the limit.
        stmt = restrict(select(Remiss.id).where(func.coalesce(matches, false()))).order_by(Remiss.id.desc())
    else:
        # OFFSET 0 fences the finding from the order: every visible match (the GIN index, and the
        # filters' indexes where they help), then the newest of them.
        found = restrict(select(Remiss.id).where(matches)).offset(0).subquery("found")
        stmt = select(found.c.id).order_by(found.c.id.desc())
    return session.connection().execute(stmt.limit(limit)).scalars().all()


def scored(ids: list[int], tsquery: str):
    """A subquery (remiss_id, score) of the given ids: one array parameter, however many."""
    query = _query(tsquery)
    return (select(Remiss.id.label("remiss_id"), func.ts_rank(DOCUMENT, query).label("score"))
            .where(among(Remiss.id, ids, dialect="postgresql"))
            .subquery("hits"))
