"""Every statement on PostgreSQL is planned for its own values, also once psycopg has prepared it."""
from __future__ import annotations

from sqlalchemy import text


def test_connections_plan_every_execution_for_its_values(db):
    with db.transaction(write=False) as session:
        assert session.execute(text("SHOW plan_cache_mode")).scalar() == "force_custom_plan"
