"""Back up and restore the database: SQLite's online backup API, pg_dump/pg_restore on PostgreSQL."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from remiss.db import is_sqlite


class BackupError(Exception):
    """The backup or restore could not be made; the message is for the operator."""


def sqlite_path(url: str) -> Path:
    """Return the file of a sqlite:/// URL."""
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("Databasen ligger i minnet och kan inte säkerhetskopieras.")
    return Path(database)


def libpq_url(url: str) -> str:
    """Turn a SQLAlchemy URL (postgresql+psycopg://) into one pg_dump understands."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not an intact, migrated Remiss database."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} är skadad (integrity_check).")
            conn.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} är ingen Remiss-databas: {exc}") from exc


def _copy_online(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    # One step: the copy is a single consistent snapshot; WAL readers never block writers.
    source.backup(target, pages=-1)


def _private(path: Path) -> None:
    """Create path empty (or empty it) readable by its owner only: a backup holds password hashes, calendar
    secrets and personal data, and would otherwise follow the umask (0644)."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    path.chmod(0o600)


def backup_sqlite(url: str, dest: Path) -> int:
    """Copy the live database at url into dest with the online backup API; return its size."""
    source_path = sqlite_path(url)
    if not source_path.exists():
        raise BackupError(f"Databasfilen {source_path} finns inte.")
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    _private(partial)  # an empty file is an empty SQLite database
    source = sqlite3.connect(source_path, timeout=30)
    target = sqlite3.connect(partial)
    try:
        source.execute("PRAGMA busy_timeout=30000")
        _copy_online(source, target)
        target.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        target.close()
        source.close()
    _check_sqlite_file(partial)
    os.replace(partial, dest)
    return dest.stat().st_size


def restore_sqlite(src: Path, url: str) -> None:
    """Replace the database at url with the backup src (stop web and scheduler first)."""
    _check_sqlite_file(src)
    target_path = sqlite_path(url)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    target = sqlite3.connect(target_path, timeout=30)
    try:
        target.execute("PRAGMA busy_timeout=30000")
        _copy_online(source, target)
    finally:
        target.close()
        source.close()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} hittades inte. Installera postgresql-client eller kör {name} själv "
                          "(se docs/deploy.md).")
    return path


def backup_postgres(url: str, dest: Path) -> int:
    """Dump the PostgreSQL database with pg_dump in its custom format; return the size."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tool = _tool("pg_dump")
    _private(dest)  # pg_dump writes into it and keeps the mode
    done = subprocess.run([tool, "--format=custom", "--no-owner", f"--file={dest}",
                           f"--dbname={libpq_url(url)}"], capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"pg_dump misslyckades: {done.stderr.strip()}")
    return dest.stat().st_size


def restore_postgres(src: Path, url: str) -> None:
    """Restore a pg_dump custom-format file over the PostgreSQL database at url."""
    done = subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                           f"--dbname={libpq_url(url)}", str(src)], capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"pg_restore misslyckades: {done.stderr.strip()}")


def backup(url: str, dest: Path) -> int:
    """Back up the database at url into dest; return the number of bytes written."""
    return backup_sqlite(url, dest) if is_sqlite(url) else backup_postgres(url, dest)


def restore(src: Path, url: str) -> None:
    """Restore the backup src into the database at url."""
    if not src.is_file():
        raise BackupError(f"Filen {src} finns inte.")
    if is_sqlite(url):
        restore_sqlite(src, url)
    else:
        restore_postgres(src, url)


def last_numbers(url: str) -> list[tuple[str, int, int]]:
    """(prefix, year, last number) of each diarienummer series in the database at url, newest year first."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT prefix, year, last_number FROM diarie_series "
                                     "ORDER BY year DESC, prefix")).all()
    finally:
        engine.dispose()
    return [(prefix, year, last) for prefix, year, last in rows]
