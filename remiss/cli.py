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
    """Create or upgrade the database schema (Alembic)."""
    run_migrations(current_app.config["DATABASE_URL"])
    click.echo("Databasen är uppdaterad.")


@click.command("create-user")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", default="handlaggare", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--namnd", "namnder", multiple=True, help="Nämndens namn (flera går).")
@with_appcontext
def create_user_command(email, name, role, password, namnder):
    """Create a user."""
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
@click.argument("email")
@click.option("--name", default="", help="Vad token ska användas till.")
@click.option("--expires", default="", help="Sista giltighetsdag, t.ex. 2027-03-31 (tomt: tills den återkallas).")
@with_appcontext
def create_token_command(email, name, expires):
    """Create a personal API token for EMAIL and print it (shown once)."""
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
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def parse_missiv_command(path: Path):
    """Extract registration fields from a missiv (.txt, .pdf, .docx, .eml, .msg, .html) and print JSON."""
    from config import load_config
    from remiss.files import FileRejected
    from remiss.intake.formats import READABLE, suffix_of
    from remiss.intake.reading import READABLE_NAMES, ReadLimits, read_upload

    if suffix_of(path.name) not in READABLE:
        raise click.ClickException(f"Filtypen för {path.name} stöds inte. Läs en fil av typen {READABLE_NAMES}.")
    try:
        reading = read_upload(path.name, path.read_bytes(), limits=ReadLimits.of(load_config()))
    except FileRejected as exc:
        raise click.ClickException(str(exc))
    result = dict(reading.parsed["result"], warnings=reading.all_warnings)
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


@click.command("demo-data")
@click.option("--password", default="remiss-demo-2026", show_default=True)
@with_appcontext
def demo_data_command(password):
    """Load demo nämnder, users and remisser from the seed cases (idempotent)."""
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

    base = [migrate_command, create_user_command, create_token_command, parse_missiv_command, demo_data_command]
    return base + [c for module in (intake, outgoing, reminders, search, ops) for c in module.COMMANDS]


def main() -> None:
    from remiss import create_app

    cli = FlaskGroup(create_app=lambda: create_app(), add_default_commands=True)
    cli.help = "Remiss: remisshantering för kommuner och myndigheter."
    cli(prog_name="remiss", args=sys.argv[1:])
