"""walk16 #9: `make run INSTANCE=/abs/path` made the instance under $(CURDIR)//abs/path. An absolute INSTANCE is
used as given; a relative one (the default, instance) stays under the checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.local_smtp import free_port

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
    assert f"Porten {port} används redan av ett annat program" in taken.stdout
    assert f"make run PORT={port + 1}" in taken.stdout
    free = subprocess.run(["make", "-s", "--no-print-directory", "-C", str(ROOT), "port-free", f"PORT={port}"],
                          capture_output=True, text=True)
    assert free.returncode == 0, free.stdout + free.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_stops_the_scheduler_when_the_server_stops(tmp_path):
    """walk19 G10: `make run` starts `remiss scheduler` beside the server; when the server stops (here: at once, as
    on a port taken after the check), the scheduler stops with it and make fails, so no scheduler sends this
    instance's mail alone. A stand-in `remiss` that records the scheduler's pid stands for the real one."""
    import time

    fake = tmp_path / "bin" / "remiss"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\ncase "$1" in\n'
                    f'  scheduler) echo $$ > {tmp_path}/scheduler.pid; exec sleep 120;;\n'
                    '  run) sleep 1; echo "fel: servern stannade" >&2; exit 1;;\n'
                    "esac\n")
    fake.chmod(0o755)
    done = subprocess.run(["make", "-s", "--no-print-directory", "-C", str(ROOT), "run", f"BIN={fake.parent}",
                           f"PORT={free_port()}", f"INSTANCE={tmp_path / 'instans'}"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "fel: servern stannade" in done.stderr, done.stdout + done.stderr
    pid = int((tmp_path / "scheduler.pid").read_text())
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(pid, 9)
        raise AssertionError("the scheduler runs on after the server stopped")
