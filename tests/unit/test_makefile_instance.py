"""walk16 #9: `make run INSTANCE=/abs/path` made the instance under $(CURDIR)//abs/path. An absolute INSTANCE is
used as given; a relative one (the default, instance) stays under the checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _instance_path(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "REMISS_INSTANCE_PATH"}
    done = subprocess.run(["make", "-s", "--no-print-directory", "-C", str(ROOT),
                           "--eval", "show-instance: ; @echo $(REMISS_INSTANCE_PATH)", "show-instance", *args],
                          capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_an_absolute_instance_is_used_as_given_and_a_relative_one_under_the_checkout():
    assert _instance_path("INSTANCE=/tmp/w16/inst") == "/tmp/w16/inst"
    assert _instance_path("INSTANCE=andra") == str(ROOT / "andra")
    assert _instance_path() == str(ROOT / "instance")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_stops_with_a_swedish_message_when_the_port_is_taken():
    """walk17 F1: `make run` printed "Remiss körs på http://127.0.0.1:PORT" and started the scheduler although another
    program held the port, so the printed link led to that program. `run` checks the port first (target port-free)."""
    import socket

    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        taken = subprocess.run(["make", "-s", "--no-print-directory", "-C", str(ROOT), "port-free", f"PORT={port}"],
                               capture_output=True, text=True)
    assert taken.returncode != 0
    assert f"Port {port} används redan av ett annat program" in taken.stdout
    assert f"make run PORT={port + 1}" in taken.stdout
    free = subprocess.run(["make", "-s", "--no-print-directory", "-C", str(ROOT), "port-free", f"PORT={port}"],
                          capture_output=True, text=True)
    assert free.returncode == 0, free.stdout + free.stderr
