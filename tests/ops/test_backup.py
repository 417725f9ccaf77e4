"""`remiss backup` copies a running SQLite instance consistently; `remiss restore` brings it back."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlmodel import SQLModel

import remiss.models  # noqa: F401
from remiss import create_app
from remiss.auth.access import Principal
from remiss.remisser import service
from remiss.remisser.input import RemissData, SandlistaItem
from tests.conftest import PG_URL
from tests.support.factories import T0, make_namnd, make_remiss, make_user

pytestmark = pytest.mark.skipif(bool(PG_URL), reason="SQLite online backup; PostgreSQL uses pg_dump")

# Tables whose rows a registration changes in place (everything else only gains rows).
UPDATED_IN_PLACE = {"diarie_series"}


def _rows(path, table: str) -> dict:
    conn = sqlite3.connect(path)
    try:
        cols = [c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')]
        return {tuple(r): r for r in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1')}, cols
    finally:
        conn.close()


class Writer(threading.Thread):
    """Register remisser one transaction at a time until stopped."""

    def __init__(self, db, namnd_id: int):
        super().__init__(daemon=True)
        self.db, self.namnd_id = db, namnd_id
        self.committed, self.stop, self.errors = 0, threading.Event(), []

    def run(self):
        try:
            while not self.stop.is_set():
                with self.db.transaction() as s:
                    service.register(s, now=T0, principal=Principal.system(), data=RemissData(
                        title=f"Under säkerhetskopiering {self.committed}", namnd_id=self.namnd_id,
                        questions=["Fråga ett", "Fråga två"], sandlista=[SandlistaItem("Kommunal")]))
                self.committed += 1
        except Exception as exc:  # pragma: no cover - asserted below
            self.errors.append(exc)

    def wait_for(self, n: int, timeout: float = 30) -> None:
        limit = time.monotonic() + timeout
        while self.committed < n and time.monotonic() < limit and not self.errors:
            time.sleep(0.005)
        assert self.committed >= n, self.errors


def test_backup_while_writing_then_restore_into_a_new_file(app, db, session, runner, tmp_path):
    namnd = make_namnd(session)
    user = make_user(session, namnder=[namnd])
    make_remiss(session, namnd=namnd, by=None, handlaggare_id=user.id, sandlista=["Vårdförbundet", "SACO"])
    session.commit()
    source = app.config["DATABASE_URL"].split("///", 1)[1]

    writer = Writer(db, namnd.id)
    writer.start()
    writer.wait_for(5)
    before = writer.committed
    result = runner.invoke(args=["backup", str(tmp_path / "kopia.db")])
    after = writer.committed
    writer.wait_for(after + 5)
    writer.stop.set()
    writer.join(10)
    assert result.exit_code == 0, result.output
    assert "Säkerhetskopian är skriven" in result.output
    assert writer.errors == []

    restored = tmp_path / "ny" / "remiss.db"
    other = create_app({"DATABASE_URL": f"sqlite:///{restored}", "INSTANCE_PATH": str(tmp_path / "ny"),
                        "SECRET_KEY": "x", "TESTING": True})
    result = other.test_cli_runner().invoke(args=["restore", str(tmp_path / "kopia.db"), "--yes"])
    other.extensions["remiss_db"].dispose()
    assert result.exit_code == 0, result.output

    conn = sqlite3.connect(restored)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    remisser = conn.execute("SELECT count(*) FROM remiss").fetchone()[0]
    last_number = conn.execute("SELECT sum(last_number) FROM diarie_series").fetchone()[0]
    created = conn.execute("SELECT count(*) FROM audit_event WHERE entity='remiss' AND action='create'").fetchone()[0]
    conn.close()
    # A snapshot taken in the middle of the writes, and a consistent one: no half transaction.
    assert 1 + before <= remisser <= 1 + after
    assert last_number == created == remisser

    compared = 0
    for table in SQLModel.metadata.tables:
        copy, cols = _rows(restored, table)
        live, live_cols = _rows(source, table)
        assert cols == live_cols, table
        if table in UPDATED_IN_PLACE:
            continue
        # Every row in the copy is, column by column, a row of the live database.
        missing = [row for row in copy if row not in live]
        assert missing == [], (table, missing[:3])
        compared += len(copy)
    assert compared > remisser * 4


def test_restore_refuses_a_file_that_is_not_a_database(runner, tmp_path):
    bad = tmp_path / "trasig.db"
    bad.write_bytes(b"inte en databas" * 100)
    result = runner.invoke(args=["restore", str(bad), "--yes"])
    assert result.exit_code != 0
    assert "ingen Remiss-databas" in result.output
