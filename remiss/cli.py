"""The `remiss` console script: a Flask CLI group."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from remiss.db import get_db, migrate as run_migrations, utcnow


@click.command("migrate")
@with_appcontext
def migrate_command():
    """Skapa eller uppgradera databasens schema (Alembic)."""
    steps = run_migrations(current_app.config["DATABASE_URL"])
    if steps == 0:
        click.echo("Databasen var redan uppdaterad.")
    else:
        click.echo(f"{steps} {'migrering' if steps == 1 else 'migreringar'} körda, databasen är uppdaterad.")


@click.command("create-user")
@click.argument("email", metavar="E-POST")
@click.option("--name", required=True, help="Användarens namn.")
@click.option("--role", default="handlaggare", show_default=True,
              help="Roll: admin, registrator, handlaggare, granskare eller lasare.")
@click.option("--password", prompt="Lösenord", hide_input=True, confirmation_prompt="Upprepa lösenordet",
              help="Lösenordet (frågas efter om det inte anges).")
@click.option("--namnd", "namnder", multiple=True, help="Nämndens namn (flera går).")
@with_appcontext
def create_user_command(email, name, role, password, namnder):
    """Skapa en användare med e-postadressen E-POST."""
    from sqlmodel import select

    from remiss.auth.service import AuthError, create_user
    from remiss.namnd.models import Namnd

    with get_db().transaction() as session:
        ids = []
        for n in namnder:
            namnd = session.exec(select(Namnd).where(Namnd.name == n)).first()
            if namnd is None:
                raise click.ClickException(f"Nämnden {n} finns inte.")
            ids.append(namnd.id)
        try:
            user = create_user(session, now=utcnow(), email=email, name=name, password=password, role=role,
                               namnd_ids=ids)
        except (AuthError, ValueError) as exc:
            raise click.ClickException(str(exc))
        click.echo(f"Användare {user.email} skapad.")


@click.command("create-token")
@click.argument("email", metavar="E-POST")
@click.option("--name", default="", help="Vad token ska användas till.")
@click.option("--expires", default="", help="Sista giltighetsdag, t.ex. 2027-03-31 (tomt: tills den återkallas).")
@with_appcontext
def create_token_command(email, name, expires):
    """Skapa en personlig API-token åt användaren med E-POST och skriv ut den (visas bara en gång)."""
    from sqlmodel import select

    from remiss.auth.models import User
    from remiss.auth.service import AuthError, create_api_token, normalize_email, token_expiry

    now = utcnow()
    with get_db().transaction() as session:
        user = session.exec(select(User).where(User.email == normalize_email(email))).first()
        if user is None:
            raise click.ClickException(f"Ingen användare med e-postadressen {email}.")
        try:
            expires_at = token_expiry(expires, now=now)
            click.echo(create_api_token(session, now=now, user=user, name=name, expires_at=expires_at))
        except AuthError as exc:
            raise click.ClickException(str(exc))


@click.command("parse-missiv")
@click.argument("path", metavar="FIL", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--organisation", "organisations", metavar="NAMN", multiple=True,
              help="Den egna organisationen (till exempel Malmö stad); ett missiv från en av dess nämnder får "
                   "nämnden som remittent. Kan anges flera gånger.")
def parse_missiv_command(path: Path, organisations: tuple[str, ...]):
    """Läs registreringsuppgifterna ur ett missiv i FIL (.txt, .pdf, .docx, .eml, .msg, .html) och skriv ut dem som JSON."""
    from config import load_config
    from remiss.files import FileRejected
    from remiss.intake.formats import READABLE, suffix_of
    from remiss.intake.reading import READABLE_NAMES, ReadLimits, read_upload

    if suffix_of(path.name) not in READABLE:
        raise click.ClickException(f"Filtypen för {path.name} stöds inte. Läs en fil av typen {READABLE_NAMES}.")
    try:
        reading = read_upload(path.name, path.read_bytes(), limits=ReadLimits.of(load_config()),
                              organisations=tuple(o.strip() for o in organisations if o.strip()))
    except FileRejected as exc:
        raise click.ClickException(str(exc))
    result = dict(reading.parsed["result"], warnings=reading.all_warnings)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


@click.command("demo-data")
@click.option("--password", default="remiss-demo-2026", show_default=True, help="Demoanvändarnas lösenord.")
@with_appcontext
def demo_data_command(password):
    """Läs in demonämnder, demoanvändare och demoremisser ur exempelfallen (går att köra flera gånger)."""
    from remiss.demo.service import load_demo

    with get_db().transaction() as session:
        logins = load_demo(session, now=utcnow(), password=password)
    if logins:
        click.echo("Demoinloggningar (lösenord: %s):" % password)
        for email, role in logins:
            click.echo(f"  {email:32} {role}")


def commands() -> list:
    """The base commands and each capability's (its cli.py's COMMANDS), in the order `remiss --help` lists them."""
    from remiss.intake import cli as intake
    from remiss.ops import cli as ops
    from remiss.outgoing import cli as outgoing
    from remiss.reminders import cli as reminders
    from remiss.search import cli as search

    from remiss.cli_language import in_swedish

    base = [migrate_command, create_user_command, create_token_command, parse_missiv_command, demo_data_command]
    every = base + [c for module in (intake, outgoing, reminders, search, ops) for c in module.COMMANDS]
    for command in every:
        in_swedish(command)
    return every


def console(create_app) -> FlaskGroup:
    """The `remiss` group, in Swedish: the app's commands and Flask's run, shell and routes."""
    from remiss.cli_language import FLASK_COMMANDS, GROUP_OPTIONS, in_swedish

    # Flask's --app and --version do not apply (the app is Remiss; `pip show remiss` tells versions)
    cli = FlaskGroup(create_app=create_app, add_default_commands=False, add_version_option=False,
                     help="Remiss: remisshantering för kommuner och myndigheter.")
    cli.params = list(GROUP_OPTIONS)
    for command in FLASK_COMMANDS:
        cli.add_command(_checking_port(command) if command.name == "run" else command)
    in_swedish(cli)
    return cli


def _checking_port(command: click.Command) -> click.Command:
    """`run` that stops with one Swedish line when it cannot listen on its port (remiss.startup.port_problem)."""
    import copy
    import functools

    from remiss.startup import port_problem

    serve = command.callback

    @functools.wraps(serve)
    def run(**options):
        problem = port_problem(options["host"], options["port"])
        if problem:
            _fail(problem)
        return serve(**options)

    checking = copy.copy(command)
    checking.callback = run
    return checking


# the commands that may create the folder REMISS_INSTANCE_PATH names (elsewhere a missing one is a typo)
CREATE_INSTANCE = ("migrate", "restore")
# the commands that send mail: a wrong REMISS_SMTP_URL that stops them is shown on the outbox page too
SENDING = ("scheduler", "reminders")


def _fail(message: str) -> None:
    click.echo(f"fel: {message}", err=True)
    sys.exit(1)


def main() -> None:
    from flask import Flask
    from sqlalchemy.exc import DBAPIError

    from remiss import create_app, register_commands
    from remiss.cli_language import speak_swedish
    from remiss.db_errors import schema_message, schema_missing
    from remiss.startup import SettingsError, check_database, database_problem, note_mail_setting

    def app():
        # Exits here, not by raising: `remiss --help` loads the app too, and Flask prints a traceback for an error.
        sending = any(a in SENDING for a in args)
        try:
            made = create_app(create_instance=not asks_help and any(a in CREATE_INSTANCE for a in args))
            if "scheduler" in args:  # a long-running process: a database it cannot reach stops it, as gunicorn
                check_database(made.config["DATABASE_URL"])
        except SettingsError as exc:
            if sending and exc.setting == "REMISS_SMTP_URL":
                note_mail_setting(str(exc))
            if asks_help:  # the command list needs no settings: say what is wrong above it, list it anyway
                click.echo(f"fel: {exc}", err=True)
                stand_in = Flask("remiss")  # holds the commands for their help; runs none of them
                register_commands(stand_in)
                return stand_in
            _fail(str(exc))
        if sending:
            note_mail_setting("")
        return made

    speak_swedish()
    args = sys.argv[1:]
    asks_help = not args or "--help" in args or "-h" in args
    try:
        console(app)(prog_name="remiss", args=args)
    except DBAPIError as exc:
        if schema_missing(exc):  # not migrated (or by an older version): every command that reads a table
            _fail(schema_message(exc))
        if exc.statement is not None:
            raise  # the database answered: not a setting's fault
        from config import load_config

        _fail(database_problem(load_config()["DATABASE_URL"], exc))
