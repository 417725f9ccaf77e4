"""Shared fixtures: a migrated real database per test, the app, a client, a movable clock."""
from __future__ import annotations

import gc
import os
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from jinja2 import BytecodeCache
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from remiss import create_app
from remiss.db import Database, migrate
from tests.support import route_builders
from tests.support.factories import PASSWORD, T0

route_builders.install()  # each test's app reuses the URL builders the first one compiled

PG_URL = os.environ.get("REMISS_TEST_DATABASE_URL", "")


class Clock:
    """A clock tests can move; the app reads it through config['CLOCK']."""

    def __init__(self, start: datetime = T0):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


DATABASE_FIXTURES = {"database_url", "empty_url"}  # the migrated database; an empty one per engine (migrations)


def _touches_a_database(item) -> bool:
    """A test that gets a database fixture, or whose module names PostgreSQL's URL itself (faults, proxies)."""
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) or hasattr(
        getattr(item, "module", None), "PG_URL")


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL pass runs what touches a database; the rest (the missiv parser, the documents' own code …)
    ran in the SQLite pass and would only repeat it, on CI's two cores beside that pass."""
    if not PG_URL:
        return
    kept = [item for item in items if _touches_a_database(item)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if not _touches_a_database(item)])
        items[:] = kept


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory) -> Path | None:
    """Migrate once: a SQLite file copied per test, or the PostgreSQL schema truncated per test."""
    if PG_URL:
        engine = create_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        migrate(PG_URL)
        return None
    path = tmp_path_factory.mktemp("template") / "remiss.db"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _reset_engine(_template_db):
    """One connection for emptying the PostgreSQL tables between tests (a new one per test costs a handshake)."""
    if not PG_URL:
        yield None
        return
    engine = create_engine(PG_URL, pool_size=1, pool_pre_ping=True)
    yield engine
    engine.dispose()


@pytest.fixture
def database_url(_template_db, _reset_engine, tmp_path) -> str:
    if PG_URL:
        import remiss.models  # noqa: F401

        # Finalise here what earlier tests left unreachable (a session never closed): its connection is
        # rolled back and returned now, not during some later allocation. On Python 3.11 a finaliser that
        # logs a traceback while werkzeug builds its routes' AST trips "AST constructor recursion depth
        # mismatch" (the traceback's caret anchors parse source with the same per-interpreter AST state).
        gc.collect()
        # What survives is reachable (modules, caches): freeze it so the next test's collection scans only
        # what was made since, not the whole heap again (0.3-0.5 s a test, and growing, before).
        gc.freeze()
        with _reset_engine.begin() as conn:
            # A connection an earlier test left open in a transaction would block the DELETEs forever.
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                              "AND state LIKE 'idle in transaction%'"))
        empty_postgres_tables(_reset_engine)
        return PG_URL
    path = tmp_path / "remiss.db"
    shutil.copy(_template_db, path)
    return f"sqlite:///{path}"


def empty_postgres_tables(engine) -> None:
    """What TRUNCATE … RESTART IDENTITY CASCADE does, at a hundredth of its cost on tables of a test's size: a
    DELETE per table, children before parents, and every sequence that was used back at its start. (TRUNCATE
    makes new files for each of the 39 tables and their indexes: about 1 s a test on CI's disk.) Should a
    migration add a foreign key the models do not name, so that the order fails, TRUNCATE still empties them."""
    deletes = [f'DELETE FROM "{t.name}"' for t in reversed(SQLModel.metadata.sorted_tables)]
    try:
        with engine.begin() as conn:
            used = conn.execute(text("SELECT schemaname, sequencename FROM pg_sequences "
                                     "WHERE schemaname = current_schema() AND last_value IS NOT NULL")).all()
            restarts = [f'ALTER SEQUENCE "{schema}"."{name}" RESTART' for schema, name in used]
            conn.execute(text("; ".join(deletes + restarts)))
    except IntegrityError:
        tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def clock() -> Clock:
    return Clock()


class SharedBytecode(BytecodeCache):
    """Jinja's compiled templates kept for the whole session, shared by every test's app.

    Each test makes its own app and so its own Jinja environment, which compiled every page it rendered anew (the
    layout, the page, its macros: some 60 ms of CPU for the login page alone), where a running app compiles each
    template once. The same create_app makes the same environment, so the code is the same;
    a template whose source changes has another checksum and is compiled again (jinja2.bccache.Bucket)."""

    def __init__(self):
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


SHARED_BYTECODE = SharedBytecode()


@pytest.fixture
def app(database_url, tmp_path, clock):
    app = create_app({
        "TESTING": True, "DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret", "MAIL_DIR": str(tmp_path / "mail"), "FILES_DIR": str(tmp_path / "files"),
        "SMTP_URL": "", "CLOCK": clock, "BASE_URL": "http://remiss.test",
        # A cheaper argon2id keeps the suite fast; production uses the library's defaults.
        "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024,
        # No PDF archive at expediering (a LibreOffice conversion each, ~2 s): tests/documents/test_sent_archive.py
        # turns it on.
        "ARCHIVE_SENT_PDF": False,
    })
    app.jinja_env.bytecode_cache = SHARED_BYTECODE
    yield app
    app.extensions["remiss_db"].dispose()


@pytest.fixture
def db(app) -> Database:
    return app.extensions["remiss_db"]


@pytest.fixture
def session(db):
    """A writing session for arranging data; commit with session.commit()."""
    s = db.session()
    yield s
    s.rollback()
    s.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


def csrf_token(client, url: str = "/logga-in") -> str:
    """Fetch a page and return the CSRF token from its first form."""
    body = client.get(url).get_data(as_text=True)
    match = CSRF_RE.search(body)
    assert match, f"no csrf token on {url}"
    return match.group(1) or match.group(2)


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, email: str, password: str = PASSWORD):
        token = csrf_token(self.client, "/logga-in")
        return self.client.post("/logga-in", data={"csrf_token": token, "email": email, "password": password})

    def logout(self):
        token = csrf_token(self.client, "/")
        return self.client.post("/logga-ut", data={"csrf_token": token})

    def post(self, url: str, data: dict | None = None, *, form_url: str | None = None, **kwargs):
        """POST a form with a valid CSRF token taken from form_url (default: the same URL)."""
        data = dict(data or {})
        data["csrf_token"] = csrf_token(self.client, form_url or url)
        return self.client.post(url, data=data, **kwargs)


@pytest.fixture
def auth(client) -> Auth:
    return Auth(client)
