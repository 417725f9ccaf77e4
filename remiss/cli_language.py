"""The `remiss` command line in Swedish: Click's stock phrases from a gettext catalog, Swedish placeholders, and
Swedish copies of the Flask commands and options the console script offers.

Click looks its phrases ("Usage:", "Options", "Show this message and exit.", its errors) up with the standard
`gettext`, in the process's text domain and in the language of LANGUAGE/LC_ALL/LC_MESSAGES/LANG. `speak_swedish`
binds the domain to remiss/locale and asks for Swedish unless LANGUAGE names a language already. Placeholders
("[OPTIONS]", "COMMAND [ARGS]...", "TEXT", "INTEGER") are set on the commands by `in_swedish`. Click words a
command's --help option once, the first time it is asked for, so `speak_swedish` comes before any command runs.
"""
from __future__ import annotations

import copy
import gettext
import os
from pathlib import Path

import click
from flask import cli as flask_cli

DOMAIN = "remiss"
LOCALE_DIR = Path(__file__).with_name("locale")
CATALOG = LOCALE_DIR / "sv" / "LC_MESSAGES" / f"{DOMAIN}.po"

# the placeholders Click derives from an option's type
TYPE_METAVARS = {"text": "TEXT", "integer": "HELTAL", "float": "TAL", "path": "SÖKVÄG", "file": "FIL",
                 "filename": "FIL", "directory": "MAPP", "boolean": "JA/NEJ"}


def speak_swedish() -> None:
    """Make Click speak Swedish in this process (a LANGUAGE set by the user is kept)."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    if not os.environ.get("LANGUAGE"):
        os.environ["LANGUAGE"] = "sv"


def compile_catalog() -> None:
    """Compile remiss.po into the remiss.mo that gettext reads (after changing a phrase)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with CATALOG.open(encoding="utf-8") as source:
        catalog = read_po(source, locale="sv")
    with CATALOG.with_suffix(".mo").open("wb") as target:
        write_mo(target, catalog)


def in_swedish(command: click.Command) -> None:
    """Give command, and each command under it, Swedish placeholders in its usage and option list."""
    command.options_metavar = "[FLAGGOR]"
    for param in command.params:
        if isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
            param.metavar = TYPE_METAVARS.get(param.type.name, param.type.name.upper())
    if isinstance(command, click.Group):
        command.subcommand_metavar = "KOMMANDO [ARGUMENT]..."
        for sub in command.commands.values():
            in_swedish(sub)


def _option(option: click.Option, help: str) -> click.Option:
    swedish = copy.copy(option)
    swedish.help = help
    return swedish


def _command(command: click.Command, help: str, short_help: str, options: dict[str, str]) -> click.Command:
    """A copy of a Flask command with Swedish texts (Flask's own objects stay as they are)."""
    swedish = copy.copy(command)
    swedish.help, swedish.short_help = help, short_help
    swedish.params = [_option(p, options[p.name]) if isinstance(p, click.Option) else p for p in command.params]
    in_swedish(swedish)
    return swedish


DEBUG = "Utvecklingsläge: felsökaren och omladdning vid ändrad kod."
GROUP_OPTIONS = [_option(flask_cli._env_file_option,
                         "Läs miljövariabler från denna fil (före .env och .flaskenv; variabler som redan är satta "
                         "gäller före filen). Kräver python-dotenv."),
                 _option(flask_cli._debug_option, DEBUG)]

FLASK_COMMANDS = [
    _command(flask_cli.run_command, short_help="Kör en utvecklingsserver.",
             help="Kör en lokal utvecklingsserver.\n\nServern är bara till för utveckling: den har inte en "
                  "produktionsservers stabilitet, säkerhet eller prestanda (se docs/deploy.md).\n\n"
                  "Med --debug är omladdning och felsökare på.",
             options={"debug": DEBUG, "host": "Nätverksgränssnittet att lyssna på.",
                      "port": "Porten att lyssna på.", "cert": "Certifikatfil för HTTPS.",
                      "key": "Nyckelfilen till certifikatet.",
                      "reload": "Slå på eller av omladdning när koden ändras (standard: på i utvecklingsläge).",
                      "debugger": "Slå på eller av felsökaren (standard: på i utvecklingsläge).",
                      "with_threads": "Slå på eller av trådar.",
                      "extra_files": "Fler filer som ger omladdning när de ändras, åtskilda med ':'.",
                      "exclude_patterns": "Filer som matchar dessa fnmatch-mönster ger ingen omladdning; "
                                          "mönstren åtskilda med ':'."}),
    _command(flask_cli.shell_command, short_help="Kör ett Python-skal med appen inläst.",
             help="Kör ett interaktivt Python-skal med appen inläst, för små administrativa kodsnuttar.",
             options={}),
    _command(flask_cli.routes_command, short_help="Visa appens adresser.",
             help="Visa alla registrerade adresser med endpoint och metoder.",
             options={"sort": "Sortera efter detta; 'match' är ordningen Flask prövar adresserna i.",
                      "all_methods": "Visa även metoderna HEAD och OPTIONS."}),
]
