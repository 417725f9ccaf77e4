"""Alembic environment: the schema is SQLModel.metadata with every table imported."""
from __future__ import annotations

import warnings

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import remiss.models  # noqa: F401  (registers every table)

# SQLite's batch mode copies a table by reflecting it; the expression indexes (o001, o002) cannot be reflected
# and are created again by their own migrations, so SQLAlchemy's warning about them says nothing to an operator.
warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        from config import load_config

        url = load_config()["DATABASE_URL"]
    return url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config({"sqlalchemy.url": _url()}, prefix="sqlalchemy.",
                                     poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
