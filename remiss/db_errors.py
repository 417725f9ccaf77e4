"""What a database error means for the operator: the database cannot be reached (down, cut off, locked), or its
tables are missing (`remiss migrate` not run). One test for the web's 503, the scheduler's jobs and the commands."""
from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# PostgreSQL's codes for a table or column the statement names and the database lacks
_UNDEFINED = {"42P01": "table", "42703": "column"}
MIGRATE_FIRST = "kör först: remiss migrate"


def schema_missing(exc: BaseException) -> str:
    """"table" or "column" when exc says the schema lacks what a statement names (not migrated, or migrated by an
    older version); "" otherwise."""
    if not isinstance(exc, DBAPIError):
        return ""
    orig = exc.orig
    code = getattr(orig, "sqlstate", None)
    if code in _UNDEFINED:
        return _UNDEFINED[code]
    text = str(orig)
    if "no such table" in text:
        return "table"
    if "no such column" in text or " has no column named " in text:
        return "column"
    return ""


def schema_message(exc: BaseException) -> str:
    """The Swedish line for a database whose tables are missing or out of date."""
    if schema_missing(exc) == "table":
        return f"Databasen saknar tabeller – {MIGRATE_FIRST}"
    return f"Databasens tabeller är från en äldre version av Remiss – {MIGRATE_FIRST}"


# PostgreSQL's codes that mean the server cannot serve us now: 08 connection exceptions, 53 out of resources
# (too many connections), 57P01-57P03 shut down or starting. A deadlock or a timeout is not an outage.
_GONE_CLASSES = ("08", "53", "57P01", "57P02", "57P03")


def unreachable(exc: BaseException) -> bool:
    """Whether exc means the database cannot be used just now: no connection (server down, network cut, a
    connection dropped in the middle, the server shutting down), or SQLite's file locked or out of reach on
    disk. A missing table is not one of them, nor a deadlock or a bad parameter."""
    if not isinstance(exc, (OperationalError, InterfaceError)) or schema_missing(exc):
        return False
    if exc.connection_invalidated:  # SQLAlchemy saw the connection lost
        return True
    code = getattr(exc.orig, "sqlstate", None)
    if code:
        return code.startswith(_GONE_CLASSES)
    if isinstance(exc, InterfaceError):  # psycopg "the connection is closed"; SQLite's are bad parameters
        return "connection" in str(exc.orig).lower()
    return True  # no code: psycopg's own connection failure, or SQLite (locked, unable to open, I/O error)


def locked(exc: BaseException) -> bool:
    """SQLite's lock held past the busy timeout: the database is there but busy."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


def reason(url: str, exc: BaseException) -> str:
    """One Swedish line: which database (the password masked) and why it could not be used."""
    from remiss.startup import database_problem

    if locked(exc):
        return "Databasen är låst av en annan process (SQLite) och svarade inte i tid."
    return database_problem(url, exc)
