"""walk19 G10: `remiss run` on a port another program holds stops with one Swedish line and exit code 1, before the
app loads, instead of Werkzeug's English "Address already in use"."""
from __future__ import annotations

import socket

from tests.ops.test_startup import remiss, said


def test_run_on_a_taken_port_says_so_in_swedish(tmp_path):
    env = {"REMISS_INSTANCE_PATH": str(tmp_path / "instans")}
    assert remiss("migrate", env=env).returncode == 0
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        done = remiss("run", "--port", str(port), env=env)
    line = said(done, f"Porten {port} används redan av ett annat program – välj en annan med --port.")
    assert "in use" not in line and "Address" not in line
