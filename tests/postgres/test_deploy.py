"""docs/deploy.md on one machine: two gunicorn instances and two `remiss scheduler` processes on one PostgreSQL.

Runs deploy/smoke_test.py against the test database, smaller: real gunicorn processes and HTTP forms with CSRF
tokens, real schedulers, a real SMTP server; every sent outbox row must arrive exactly once.
"""
from __future__ import annotations

import importlib.util
import re
import socket
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "smoke_test.py"


def _smoke_test():
    spec = importlib.util.spec_from_file_location("remiss_smoke_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def test_two_instances_and_two_schedulers_send_each_reminder_once(database_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REMISS_ARGON2_TIME_COST", "1")  # demo-data hashes five passwords
    monkeypatch.setenv("REMISS_ARGON2_MEMORY_KIB", "1024")
    web_a, web_b, smtp = _free_ports(3)
    code = _smoke_test().main(["--database-url", database_url, "--ports", f"{web_a},{web_b}", "--smtp-port", str(smtp),
                               "--workers", "1", "--remisser", "1", "--interval", "1", "--timeout", "90",
                               "--workdir", str(tmp_path / "smoke")])
    out = capsys.readouterr()
    assert code == 0, out.out + out.err
    assert "registered and assigned 2 remisser" in out.out
    received = re.search(r"SMTP: (\d+) messages, (\d+) distinct outbox ids, duplicates 0, missing 0, not in outbox 0",
                         out.out)
    # 2 assigned + reminders; one mail may carry several rows of one remiss and person (reminders/together.py)
    assert received and int(received.group(2)) >= int(received.group(1)) >= 2 + 1, out.out
    assert re.search(r"^PASS: \d+ mails sent \([1-9]\d* tidplan reminders\)", out.out, re.M), out.out
