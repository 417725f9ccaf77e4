"""Engine, per-request session and SQLite pragmas."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from flask import Flask, current_app, g
from sqlalchemy import ARRAY, Integer, String, any_, bindparam, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import DateTime, TypeDecorator
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class UTCDateTime(TypeDecorator):
    """Store aware datetimes as naive UTC; return them aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


def among(column, ids, *, dialect: str):
    """column IN ids, for a few hundred integer ids. On PostgreSQL one array parameter (`= ANY(…)`):
    an IN list is a placeholder per id that SQLAlchemy renders and psycopg parses on every statement
    (≈ 12 ms for 500 ids), and a statement whose text changes with the count is never prepared."""
    if dialect == "postgresql":
        return column == any_(bindparam(None, list(ids), type_=ARRAY(Integer), unique=True))
    return column.in_(ids)


def fold(text: str) -> str:
    """text as two spellings of one name compare: spacing and case aside (å, ä and ö too)."""
    return " ".join(text.split()).casefold()


class folded(FunctionElement):
    """fold in SQL, for a column: on SQLite fold itself (its lower() leaves Å, Ä and Ö as they are), on PostgreSQL
    lower() with runs of white space made one space, Å, Ä and Ö folded whatever the database's ctype."""

    type = String()
    name = "remiss_fold"
    inherit_cache = True


_CAPITALS = "ÅÄÖÆØÉÈÜ"


@compiles(folded)
def _folded_postgresql(element, compiler, **kw):
    # translate first: lower() folds only ASCII under a "C" ctype, which a server may well be set up with
    return (f"lower(translate(regexp_replace(btrim({compiler.process(element.clauses, **kw)}), '\\s+', ' ', 'g'), "
            f"'{_CAPITALS}', '{_CAPITALS.lower()}'))")


@compiles(folded, "sqlite")
def _folded_sqlite(element, compiler, **kw):
    return f"remiss_fold({compiler.process(element.clauses, **kw)})"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()
        dbapi_conn.create_function("remiss_fold", 1, lambda text: None if text is None else fold(text),
                                   deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        if conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return  # each statement is a transaction of its own (the driver's autocommit)
        # Writers take the write lock up front so two writers never deadlock on upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """The engines of one application: a reader and a writer (the same one off SQLite)."""

    def __init__(self, url: str):
        self.url = url
        if is_sqlite(url):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.read_engine = _sqlite_engine(url, immediate=False)
            self.write_engine = _sqlite_engine(url, immediate=True)
        else:
            # psycopg prepares a statement at its 5th use; from the 11th PostgreSQL may switch to one generic
            # plan that ignores the values. The agenda's "my deadlines" then walked all 100,000 deadlines
            # (0.3 → 90 ms) and others doubled, so every execution is planned for its values.
            self.read_engine = self.write_engine = create_engine(
                url, pool_pre_ping=True, connect_args={"options": "-c plan_cache_mode=force_custom_plan"})

    @property
    def dialect(self) -> str:
        return self.write_engine.dialect.name

    def session(self, *, write: bool = True) -> Session:
        engine = self.write_engine if write else self.read_engine
        return Session(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Session]:
        """Yield a session that commits on success and rolls back on error."""
        session = self.session(write=write)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.read_engine.dispose()
        if self.write_engine is not self.read_engine:
            self.write_engine.dispose()


def get_db() -> Database:
    return current_app.extensions["remiss_db"]


def get_session() -> Session:
    """Return the request's session: a writer for unsafe methods, a reader otherwise."""
    from flask import request

    if "db_session" not in g:
        write = request.method not in ("GET", "HEAD", "OPTIONS") if request else True
        g.db_session = get_db().session(write=write)
    return g.db_session


def init_app(app: Flask) -> None:
    db = Database(app.config["DATABASE_URL"])
    app.extensions["remiss_db"] = db

    @app.after_request
    def _commit(response):
        # The request commits what the services flushed; a failed response commits nothing.
        session = g.get("db_session")
        if session is not None and session.in_transaction():
            if response.status_code < 400:
                session.commit()
            else:
                session.rollback()
        return response

    @app.teardown_appcontext
    def _close(exc):
        session = g.pop("db_session", None)
        if session is None:
            return
        try:
            session.rollback()
        finally:
            session.close()


def migrate(url: str, revision: str = "heads") -> int:
    """Bring the schema at url up to date with Alembic; return how many migrations were run."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    before = _applied(cfg, url)
    command.upgrade(cfg, revision)
    return len(_applied(cfg, url) - before)


def pending_migrations(url: str) -> int:
    """How many migrations the database at url has not been through yet."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    every = {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}
    return len(every - _applied(cfg, url))


def _applied(cfg, url: str) -> set[str]:
    """The revisions the database at url has been through."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            heads = MigrationContext.configure(conn).get_current_heads()
    finally:
        engine.dispose()
    script = ScriptDirectory.from_config(cfg)
    return {rev.revision for head in heads for rev in script.iterate_revisions(head, "base")}


def utcnow() -> datetime:
    """The wall clock, read only at the edges (requests, CLI) and passed inward."""
    return datetime.now(timezone.utc)


_READ_ONCE = "remiss_read_once"


@contextmanager
def reading_once(session: Session) -> Iterator[None]:
    """While a page is assembled, let read_once load each key once (the remiss page's panels share rows)."""
    session.info[_READ_ONCE] = {}
    try:
        yield
    finally:
        session.info.pop(_READ_ONCE, None)


def read_once(session: Session, key: tuple, load):
    """load() once per reading_once block for key (e.g. ("questions", remiss_id)); outside one, simply load()."""
    cache = session.info.get(_READ_ONCE)
    if cache is None:
        return load()
    if key not in cache:
        cache[key] = load()
    return cache[key]
