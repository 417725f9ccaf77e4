"""`remiss search reindex` and `remiss search query TEXT`."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from remiss.auth.access import Principal
from remiss.db import get_db
from remiss.search import service


@click.group("search", help="Fulltextsökning.")
def search_group():
    pass


@search_group.command("reindex", help="Återskapa sökindexet och dess triggrar.")
@with_appcontext
def reindex_command():
    with get_db().transaction() as session:
        count = service.reindex(session)
    click.echo(f"Sökindexet är uppbyggt: {count} remisser.")


@search_group.command("query", help="Sök bland alla remisser och skriv ut de bästa träffarna.")
@click.argument("text", metavar="SÖKORD")
@click.option("--limit", default=20, show_default=True, help="Högst så många träffar.")
@with_appcontext
def query_command(text: str, limit: int):
    with get_db().transaction(write=False) as session:
        for remiss in service.search(session, Principal.system(), text, limit=limit):
            click.echo(f"{remiss.our_dnr or '–'}\t{remiss.sender_dnr}\t{remiss.title}")


COMMANDS = [search_group]
