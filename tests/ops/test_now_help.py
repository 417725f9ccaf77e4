"""walk16 finding 7: `remiss reminders run --now` said only "Kör som om klockan vore detta" and `remiss outgoing
chasers --now` "Tidpunkt (ISO 8601) att räkna från", so a tester ran them ahead of the clock on the live database as
a harmless trial. Every command with --now now says, in its help, that it acts on the live database as if it were
that time."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.ops.test_cli_help import _HELP_SCRIPT

LIVE = "Kör mot den skarpa databasen som om klockan vore TIDPUNKT"


def test_every_now_option_says_it_acts_on_the_live_database(tmp_path):
    env = {**os.environ, "LANG": "en_US.UTF-8", "LANGUAGE": ""}
    done = subprocess.run([sys.executable, "-c", _HELP_SCRIPT, f"sqlite:///{tmp_path / 'help.db'}",
                           str(tmp_path / "instance")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    helps = {path: " ".join(output.split()) for path, (_, output) in json.loads(done.stdout).items()}
    with_now = {path for path, text in helps.items() if "--now" in text and path}
    assert {"reminders run", "outgoing chasers", "intake-cleanup"} <= with_now, with_now
    for path in with_now:
        assert LIVE in helps[path], f"remiss {path} --help:\n{helps[path]}"
