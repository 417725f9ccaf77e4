"""The migrations alone build the whole schema on an empty PostgreSQL database."""
from __future__ import annotations

import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import remiss.models  # noqa: F401
from remiss.db import migrate
from tests.conftest import PG_URL


def _fresh_database(name: str) -> str:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _drop_database(name: str) -> None:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrate_from_empty_matches_the_models_and_is_idempotent():
    name = f"remiss_migrate_{os.getpid()}"
    url = _fresh_database(name)
    try:
        migrate(url)
        migrate(url)
        engine = create_engine(url)
        with engine.connect() as conn:
            assert set(SQLModel.metadata.tables) <= set(inspect(conn).get_table_names())
            diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
        engine.dispose()
    finally:
        _drop_database(name)
    # Objects that live only in the database (e.g. the full-text search index, and its document column
    # remiss.search_document, remiss.search.schema) are allowed.
    assert [d for d in diff if d[0] not in ("remove_table", "remove_index")
            and not (d[0] == "remove_column" and (d[2], d[3].name) == ("remiss", "search_document"))] == []
