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
