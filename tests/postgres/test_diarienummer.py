"""Registrations in several processes at once never share a diarienummer on PostgreSQL."""
from __future__ import annotations

import multiprocessing

from sqlalchemy import func
from sqlmodel import select

from remiss.remisser.models import DiarieSeries, Remiss
from tests.postgres.workers import register_many
from tests.support.factories import make_namnd

PROCESSES, EACH = 3, 15


def test_processes_registering_together_get_a_gapless_unique_series(db, session, database_url):
    namnd = make_namnd(session, dnr_prefix="PG")
    session.commit()
    db.dispose()  # the children must not share this process's connections
    ctx = multiprocessing.get_context("fork")
    start, results = ctx.Event(), ctx.Queue()
    children = [ctx.Process(target=register_many, args=(database_url, namnd.id, EACH, start, f"p{i}", results))
                for i in range(PROCESSES)]
    for child in children:
        child.start()
    start.set()
    returned = [dnr for _ in children for dnr in results.get(timeout=120)]
    for child in children:
        child.join(timeout=30)
        assert child.exitcode == 0
    assert len(returned) == len(set(returned)) == PROCESSES * EACH
    with db.transaction() as s:
        stored = sorted(s.exec(select(Remiss.our_dnr)))
        series = s.exec(select(DiarieSeries.last_number).where(DiarieSeries.prefix == "PG")).one()
        assert s.exec(select(func.count()).select_from(Remiss)).one() == PROCESSES * EACH
    assert stored == sorted(returned) == [f"PG 2026/{n:04d}" for n in range(1, PROCESSES * EACH + 1)]
    assert series == PROCESSES * EACH
