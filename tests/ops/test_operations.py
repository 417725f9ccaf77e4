"""walk13 findings 5–9: the health address, the access log without calendar secrets, private backups and a
restore that asks in Swedish and says which diarienummer may come again. Real processes, real SQLite."""
from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request

from remiss import create_app
from tests.ops.test_startup import ROOT, instance, remiss  # noqa: F401 (instance is a fixture)


def test_health_answers_ok_while_the_database_answers(client):
    answer = client.get("/halsa")
    assert answer.status_code == 200 and answer.get_json() == {"status": "ok"}
    assert answer.headers["Cache-Control"] == "no-store" and "Set-Cookie" not in answer.headers
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_health_answers_503_when_the_database_does_not(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x",
                      "DATABASE_URL": "postgresql+psycopg://remiss:remiss@127.0.0.1:1/remiss"})
    answer = app.test_client().get("/halsa")
    assert answer.status_code == 503 and answer.get_json()["status"] == "fel"
    app.extensions["remiss_db"].dispose()


def test_the_access_log_masks_the_calendar_secrets(instance):  # noqa: F811
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMISS_")}
    env.update(instance, PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy/gunicorn.conf.py"),
                               "--bind", f"127.0.0.1:{port}", "--workers", "1"], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                assert urllib.request.urlopen(f"http://127.0.0.1:{port}/logga-in", timeout=20).status == 200
                break
            except OSError:  # not listening yet, or the worker still booting
                assert time.monotonic() < deadline and server.poll() is None, "gunicorn startade inte"
                time.sleep(0.3)
        for path in ("/ics/anvandare/HemligTokenAnv1.ics", "/ics/anvandare/HemligTokenAnv2/namnd/3.ics",
                     "/ics/namnd/HemligTokenNamnd3.ics"):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            except urllib.error.HTTPError:
                pass  # unknown secrets: 404/410; what matters is the log line
    finally:
        server.terminate()
        log = server.communicate(timeout=60)[0]
    assert "HemligToken" not in log
    assert "GET /ics/anvandare/***.ics" in log and "GET /ics/anvandare/***/namnd/3.ics" in log
    assert "GET /ics/namnd/***.ics" in log


def _umask_022():
    os.umask(0o022)


def test_backup_is_private_and_restore_asks_in_swedish_and_names_the_last_numbers(instance, tmp_path):  # noqa: F811
    assert remiss("demo-data", env=instance).returncode == 0
    backup = tmp_path / "kopior" / "remiss.db"
    done = subprocess.run([sys.executable, "-c", "from remiss.cli import main; main()", "backup", str(backup)],
                          env={**{k: v for k, v in os.environ.items() if not k.startswith("REMISS_")},
                               **instance, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=120, cwd=ROOT, preexec_fn=_umask_022)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # password hashes, calendar secrets, personal data

    refused = remiss("restore", str(backup), env=instance, input="nej\n")
    assert refused.returncode == 1 and "[j/N]" in refused.stdout and "Avbrutet" in refused.stderr
    asked_again = remiss("restore", str(backup), env=instance, input="kanske\nj\n")
    assert asked_again.returncode == 0, asked_again.stderr
    assert "Svara j (ja) eller n (nej)." in asked_again.stderr
    out = asked_again.stdout
    assert "Databasen är återställd" in out and "diarienummer som delades ut efter den delas ut igen" in out
    assert re.search(r"Senaste numret per serie i säkerhetskopian: SOFÖ \d{4}/\d{4}", out), out
    assert remiss("restore", str(backup), env=instance, input="ja\n").returncode == 0


def test_check_says_whether_the_installation_can_start(instance, tmp_path):  # noqa: F811
    ok = remiss("check", env=instance)
    assert ok.returncode == 0 and "Inställningarna är i ordning och databasen svarar" in ok.stdout, ok.stderr
    (tmp_path / "tom").mkdir()
    behind = remiss("check", env={"REMISS_INSTANCE_PATH": str(tmp_path / "tom")})
    assert behind.returncode == 1 and "kör `remiss migrate`" in behind.stderr and "Traceback" not in behind.stderr
