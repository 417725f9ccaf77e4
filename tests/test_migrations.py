"""The migrations alone create the schema, and it matches the models."""
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

import remiss.models  # noqa: F401
from remiss.db import migrate


def test_migrations_create_the_schema_from_empty(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    migrate(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        assert set(SQLModel.metadata.tables) <= tables
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    # Ignore objects that exist only in the database (e.g. full-text search tables).
    relevant = [d for d in diff if d[0] not in ("remove_table", "remove_index")]
    assert relevant == []


def test_migrating_twice_is_harmless(tmp_path):
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    migrate(url)
    migrate(url)


def test_every_models_module_is_listed():
    """A models.py that remiss.models leaves out is invisible to Alembic, and the comparison above ignores
    tables that only the database has."""
    package = Path(remiss.models.__file__).parent
    found = {f"remiss.{path.parent.name}.models" for path in package.glob("*/models.py")}
    assert {module.__name__ for module in remiss.models.MODEL_MODULES} == found
