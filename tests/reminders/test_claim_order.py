"""A backlog is claimed longest waiting first, a batch at a time, read off the index without sorting it."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text, update
from sqlalchemy.dialects import postgresql, sqlite

from remiss.reminders import outbox
from remiss.reminders.claim import Settings, claim_statement, take_due
from remiss.reminders.models import OutboxMessage
from tests.reminders.conftest import stockholm

NOW = stockholm(2026, 11, 30, 7, 30)


def _enqueue(session, key: str, due_minutes_ago: int) -> None:
    outbox.enqueue(session, now=NOW, key=key, recipient_email=f"{key}@example.se", kind="note",
                   due_at=NOW - timedelta(minutes=due_minutes_ago), subject=key, payload={"text": key})


def test_a_backlog_is_claimed_longest_waiting_first_and_a_retried_row_after_its_backoff(db, session):
    for key, minutes in (("c", 10), ("a", 30), ("b", 20), ("later", -5)):
        _enqueue(session, key, minutes)
    session.commit()
    with db.transaction() as s:  # "a" failed once: its next attempt is 2 minutes from now
        s.execute(update(OutboxMessage).where(OutboxMessage.key == "a")
                  .values(next_attempt_at=NOW + timedelta(minutes=2)))
    settings = Settings(batch=2)
    with db.transaction() as s:
        first = [r.key for r in take_due(s, now=NOW, worker_id="w", settings=settings).rows]
    with db.transaction() as s:
        second = [r.key for r in take_due(s, now=NOW, worker_id="w", settings=settings, first=False).rows]
    with db.transaction() as s:
        after_backoff = [r.key for r in take_due(s, now=NOW + timedelta(minutes=10), worker_id="w",
                                                  settings=settings, first=False).rows]
    assert (first, second, after_backoff) == (["b", "c"], [], ["a", "later"])


def test_the_claim_is_read_in_index_order_without_a_sort(db, session):
    for n in range(300):
        _enqueue(session, f"k{n}", n % 97)
    session.commit()
    if db.dialect == "postgresql":
        sql = str(claim_statement(NOW, 50, "postgresql").compile(dialect=postgresql.dialect(),
                                                                compile_kwargs={"literal_binds": True}))
        with db.transaction(write=False) as s:
            s.execute(text("ANALYZE outbox_message"))
            s.execute(text("SET LOCAL enable_sort = off"))  # if the index cannot give the order, a Sort remains
            plan = "\n".join(s.execute(text("EXPLAIN " + sql)).scalars())
        assert "ix_outbox_claim" in plan and "Sort" not in plan, plan
    else:
        sql = str(claim_statement(NOW, 50, "sqlite").compile(dialect=sqlite.dialect(),
                                                            compile_kwargs={"literal_binds": True}))
        with db.transaction(write=False) as s:
            plan = " | ".join(row[-1] for row in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
        assert "ix_outbox_claim" in plan and "TEMP B-TREE" not in plan, plan
