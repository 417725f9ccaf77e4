"""walk13: what the operator sees when a setting is wrong. The real `remiss` command in a subprocess (and gunicorn
with deploy/gunicorn.conf.py): one Swedish line on stderr, exit code 1, no traceback, nothing created by mistake."""
from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PG_URL
from tests.support.local_smtp import start_smtp

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "from remiss.cli import main; main()"  # what the console script runs


def remiss(*args: str, env: dict | None = None, input: str | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if not k.startswith("REMISS_")}
    full.update(PYTHONPATH=str(ROOT), REMISS_ARGON2_TIME_COST="1", REMISS_ARGON2_MEMORY_KIB="1024")
    full.update(env or {})
    return subprocess.run([sys.executable, "-c", SCRIPT, *args], env=full, capture_output=True, text=True,
                          input=input, timeout=180, cwd=ROOT)


def said(done: subprocess.CompletedProcess, *words: str) -> str:
    """The one line the command failed with (rc 1, no traceback), checked for words."""
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Traceback" not in out and "sqlalchemy" not in out.lower(), out
    line = done.stderr.strip()
    assert len(line.splitlines()) == 1, out
    for word in words:
        assert word in line, line
    return line


@pytest.fixture
def instance(tmp_path) -> dict:
    """A migrated SQLite installation in its own folder: the environment that names it."""
    env = {"REMISS_INSTANCE_PATH": str(tmp_path / "instans")}
    done = remiss("migrate", env=env)
    assert done.returncode == 0, done.stderr
    return env


def test_migrate_says_how_many_migrations_it_ran(tmp_path):
    env = {"REMISS_INSTANCE_PATH": str(tmp_path / "ny")}
    first = remiss("migrate", env=env)
    assert first.returncode == 0 and "migreringar körda, databasen är uppdaterad." in first.stdout, first.stderr
    assert int(first.stdout.split()[0]) > 20
    again = remiss("migrate", env=env)
    assert again.stdout.strip() == "Databasen var redan uppdaterad."


@pytest.mark.parametrize("args", [("--help",), ("migrate", "--help")])
def test_help_is_given_on_a_new_machine_and_names_the_missing_folder_without_making_it(tmp_path, args):
    """A fresh clone has no instance folder yet: the help still lists the commands, says what is missing, and
    creates nothing (`migrate --help` is not `migrate`)."""
    missing = tmp_path / "finns-inte"
    done = remiss(*args, env={"REMISS_INSTANCE_PATH": str(missing)})
    assert done.returncode == 0 and "Användning" in done.stdout, done.stdout + done.stderr
    if args == ("--help",):
        assert "migrate" in done.stdout and "scheduler" in done.stdout
    assert "finns inte" in done.stderr and "Traceback" not in done.stderr
    assert not missing.exists()


def test_python_dash_m_remiss_is_the_console_script():
    done = subprocess.run([sys.executable, "-m", "remiss", "--help"], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and "migrate" in done.stdout and "Användning" in done.stdout, done.stderr


def test_a_misspelt_smtp_scheme_stops_the_senders_and_is_shown_as_an_outage(instance):
    bad = dict(instance, REMISS_SMTP_URL="smpt://localhost:8025")
    for args in (["scheduler"], ["reminders", "run"], ["reminders", "list"]):
        said(remiss(*args, env=bad), "REMISS_SMTP_URL förstås inte: smpt://… – använd smtp://, smtp+starttls://")
    # the outbox page and `reminders list` show the relay's outage with these words (remiss.reminders.relay)
    from remiss import create_app
    from remiss.reminders import relay

    app = create_app({"INSTANCE_PATH": instance["REMISS_INSTANCE_PATH"], "SECRET_KEY": "x"})
    with app.extensions["remiss_db"].transaction() as session:
        assert "REMISS_SMTP_URL förstås inte: smpt://" in relay.outage_text(relay.get(session))
    app.extensions["remiss_db"].dispose()

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    controller = start_smtp(Handler())
    try:
        fixed = dict(instance, REMISS_SMTP_URL=f"smtp://127.0.0.1:{controller.port}")
        assert remiss("reminders", "run", env=fixed).returncode == 0
        listing = remiss("reminders", "list", env=fixed)
        assert listing.returncode == 0 and "går inte att skicka" not in listing.stdout
    finally:
        controller.stop()


def test_an_unencoded_at_in_the_imap_password_is_named(instance):
    env = dict(instance, REMISS_IMAP_URL="imap://registrator:hemligt@losen/1@127.0.0.1:1143/INBOX")
    said(remiss("inbox-poll", env=env), "Lösenordet i REMISS_IMAP_URL innehåller @ eller /", "%40")


def test_a_typo_in_the_instance_path_is_said_and_creates_nothing(tmp_path):
    missing = tmp_path / "finns" / "inte"
    said(remiss("reminders", "list", env={"REMISS_INSTANCE_PATH": str(missing)}),
         f"REMISS_INSTANCE_PATH={missing} finns inte", "remiss migrate")
    assert not missing.exists() and not missing.parent.exists()
    # the first start (`make run`: migrate first) still creates it, and the database only its owner reads
    assert remiss("migrate", env={"REMISS_INSTANCE_PATH": str(missing)}).returncode == 0
    assert stat.S_IMODE((missing / "remiss.db").stat().st_mode) == 0o600


@pytest.fixture
def read_only(tmp_path):
    """A folder no one can write in: a read-only tmpfs when we are root (chmod does not stop root), else 0555."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.getuid() == 0:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)]).returncode != 0:
            pytest.skip("kan inte montera ett skrivskyddat tmpfs")
        yield folder
        subprocess.run(["umount", str(folder)])
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def test_a_read_only_instance_folder_is_named_by_migrate_and_gunicorn(read_only):
    env = {"REMISS_INSTANCE_PATH": str(read_only)}
    said(remiss("migrate", env=env), f"Kan inte skriva i REMISS_INSTANCE_PATH ({read_only})", "secret_key",
         "SQLite-databasen")
    said(remiss("migrate", env=dict(env, REMISS_SECRET_KEY="hemlig")), "SQLite-databasen")
    said(gunicorn(env), f"Kan inte skriva i REMISS_INSTANCE_PATH ({read_only})")


def gunicorn(env: dict) -> subprocess.CompletedProcess:
    """gunicorn as the web unit starts it; the checks stop it before any worker (output: the last line)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("REMISS_")}
    full.update(PYTHONPATH=str(ROOT), **env)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = subprocess.run([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy/gunicorn.conf.py"),
                           "--bind", f"127.0.0.1:{port}", "--workers", "1"], env=full, capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    lines = [line for line in done.stderr.splitlines() if not line.startswith("[")]  # gunicorn's own log lines
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout, "\n".join(lines))


needs_pg = pytest.mark.skipif(not PG_URL, reason="REMISS_TEST_DATABASE_URL names no PostgreSQL server")


def _with(url: str, **parts) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(**parts).render_as_string(hide_password=False)


@needs_pg
def test_a_wrong_database_password_is_one_line_with_the_password_masked(tmp_path):
    env = {"REMISS_INSTANCE_PATH": str(tmp_path), "REMISS_DATABASE_URL": _with(PG_URL, password="FelLosen77")}
    line = said(remiss("migrate", env=env), "Databasen kunde inte nås (REMISS_DATABASE_URL=postgresql+psycopg://",
                ":***@", "lösenordet godtogs inte för användaren")
    assert "FelLosen77" not in line
    said(gunicorn(env), "lösenordet godtogs inte")  # the web refuses to start instead of answering 500
    said(remiss("scheduler", env=env), "lösenordet godtogs inte")  # and the scheduler: systemd restarts it


@needs_pg
def test_a_missing_database_and_a_closed_port_are_said(tmp_path):
    env = {"REMISS_INSTANCE_PATH": str(tmp_path)}
    said(remiss("migrate", env=dict(env, REMISS_DATABASE_URL=_with(PG_URL, database="finnsinte_h13"))),
         "databasen finnsinte_h13 finns inte")
    said(remiss("migrate", env=dict(env, REMISS_DATABASE_URL=_with(PG_URL, host="127.0.0.1", port=1))),
         "Databasen kunde inte nås", "svarar inte")


@needs_pg
def test_a_heroku_style_postgres_url_is_accepted(tmp_path):
    heroku = _with(PG_URL, drivername="postgresql").replace("postgresql://", "postgres://", 1)
    done = remiss("migrate", env={"REMISS_INSTANCE_PATH": str(tmp_path), "REMISS_DATABASE_URL": heroku})
    assert done.returncode == 0 and "uppdaterad" in done.stdout, done.stderr


def test_an_unknown_database_kind_names_the_fix(tmp_path):
    said(remiss("migrate", env={"REMISS_INSTANCE_PATH": str(tmp_path), "REMISS_DATABASE_URL": "mysql://a:b@h/d"}),
         "databasen mysql stöds inte", "postgresql+psycopg://")


def test_commands_on_a_database_without_tables_say_to_migrate_first(tmp_path):
    """The instance folder is there, `remiss migrate` was never run: SQLite makes an empty file, and each command
    that reads a table said so in a 140-line traceback ("no such table: namnd")."""
    folder = tmp_path / "instans"
    folder.mkdir()
    env = {"REMISS_INSTANCE_PATH": str(folder), "REMISS_BASE_URL": "http://remiss.test"}
    for args in (["demo-data"], ["reminders", "list"], ["reminders", "run"], ["create-token", "admin@example.se"]):
        line = said(remiss(*args, env=env))
        assert line == "fel: Databasen saknar tabeller – kör först: remiss migrate", (args, line)
