"""`remiss … --help` speaks Swedish: every command's text, its options and Click's own words (usage, headings, the
help option, defaults, errors), whatever the user's locale."""
from __future__ import annotations

import gettext
import re

import pytest
from click.testing import CliRunner

from remiss.cli import console
from remiss.cli_language import CATALOG, compile_catalog, speak_swedish

# Click's stock phrases and placeholders, and words that only an English sentence has
ENGLISH = re.compile(r"Usage:|Options:|Commands:|Show this message|\[default|\[required\]|\[OPTIONS\]|COMMAND \[ARGS\]"
                     r"|\b(INTEGER|PATH|FILE|EMAIL|IDS|ISO_DATETIME|Try|Error|Missing|the|and|of|to|with|from|this"
                     r"|that|is|are|every|each|or|an|Show|Run|Create|Send|Put|Load|Remove|Fetch|Extract|Replace"
                     r"|Import|Plan|Back up|Set|Enable|Disable|Specify)\b")


@pytest.fixture(autouse=True)
def domain():
    """Give the process's gettext domain back after each test (speak_swedish changes it)."""
    before = gettext.textdomain()
    yield
    gettext.textdomain(before)


@pytest.fixture
def swedish(monkeypatch):
    """A user whose locale is English and who set no LANGUAGE."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.setenv("LANGUAGE", "")
    speak_swedish()


# Run in a process of its own, as `remiss` is: Click words each command's --help option the first time it is asked
# for and keeps it, so commands that other tests ran in English in this process would keep their English one.
_HELP_SCRIPT = """
import json, sys
import click
from click.testing import CliRunner
from remiss import create_app
from remiss.cli import console
from remiss.cli_language import speak_swedish

speak_swedish()
app = create_app({"DATABASE_URL": sys.argv[1], "SECRET_KEY": "help", "INSTANCE_PATH": sys.argv[2]})
cli = console(lambda: app)

def paths(group, ctx, prefix=()):
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from paths(command, ctx, prefix + (name,))

with cli.make_context("remiss", [], resilient_parsing=True) as ctx:
    every = [()] + list(paths(cli, ctx))
runner = CliRunner()
out = {}
for path in every:
    result = runner.invoke(cli, [*path, "--help"], prog_name="remiss")
    out[" ".join(path)] = [result.exit_code, result.output]
print(json.dumps(out))
"""


def test_every_help_text_is_swedish(tmp_path):
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANG": "en_US.UTF-8", "LANGUAGE": ""}  # a user whose locale is English
    done = subprocess.run([sys.executable, "-c", _HELP_SCRIPT, f"sqlite:///{tmp_path / 'help.db'}",
                           str(tmp_path / "instance")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    helps = json.loads(done.stdout)
    assert {"", "run", "reminders list", "scheduler", "parse-missiv", "search query"} <= set(helps)
    for path, (code, output) in helps.items():
        assert code == 0, (path, output)
        assert output.startswith(f"Användning: remiss {path}".rstrip()), output
        assert "Flaggor:" in output and "Visa den här hjälpen och avsluta." in output, output
        english = ENGLISH.findall(re.sub(r"--[\w-]+", "", output))  # option names stay as they are
        assert not english, f"remiss {path} --help: {english}\n{output}"


def test_usage_errors_are_swedish(app, swedish):
    result = CliRunner().invoke(console(lambda: app), ["create-user", "a@b.se"], prog_name="remiss")
    assert result.exit_code == 2
    assert "Skriv 'remiss create-user --help' för hjälp." in result.output
    assert "Fel: Flagga saknas '--name'." in result.output
    result = CliRunner().invoke(console(lambda: app), ["reminders", "list", "--limit", "x"], prog_name="remiss")
    assert "Ogiltigt värde för '--limit': 'x' är inte ett giltigt tal." in result.output


def test_a_language_the_user_chose_is_kept(app, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    speak_swedish()
    result = CliRunner().invoke(console(lambda: app), ["--help"], prog_name="remiss")
    assert result.output.startswith("Usage: remiss")


def test_the_shipped_catalog_is_compiled_from_its_source(tmp_path, monkeypatch):
    """remiss.mo is what gettext reads; it must say what remiss.po says (compile_catalog after an edit)."""
    monkeypatch.setattr("remiss.cli_language.CATALOG", tmp_path / "remiss.po")
    (tmp_path / "remiss.po").write_bytes(CATALOG.read_bytes())
    compile_catalog()
    fresh = gettext.GNUTranslations(open(tmp_path / "remiss.mo", "rb"))
    with CATALOG.with_suffix(".mo").open("rb") as f:
        shipped = gettext.GNUTranslations(f)
    # the header carries the compile time; every phrase must be the same
    for msgid, msgstr in fresh._catalog.items():
        if msgid:
            assert shipped._catalog.get(msgid) == msgstr, f"{msgid!r}: run compile_catalog() and commit remiss.mo"
    assert len(shipped._catalog) == len(fresh._catalog)
