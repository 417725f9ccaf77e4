"""What is checked before Remiss starts: the settings, the instance folder and the database, each said in one
Swedish line for the operator (walk13 findings 1, 3, 4, 10, 11) instead of a traceback from deep inside.

`create_app` calls `check_settings` and `prepare_instance`; gunicorn's master calls `preflight` before it forks
(deploy/gunicorn.conf.py) and `remiss check` calls it by hand, so a unit with a wrong setting fails at once and
says why in the journal.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit


class SettingsError(ValueError):
    """A setting or the instance folder is wrong; the message says which and what to do."""

    def __init__(self, message: str, setting: str = ""):
        super().__init__(message)
        self.setting = setting  # REMISS_SMTP_URL: shown on the outbox page too (note_mail_setting)


SMTP_URL_WRONG = "REMISS_SMTP_URL förstås inte"


def mask_url(url: str) -> str:
    """url with the password in it shown as ***."""
    if "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    at = rest.rfind("@")  # the server follows the last @ (an unencoded one in the password comes before it)
    if at < 0 or ":" not in rest[:at]:
        return url
    return f"{scheme}://{rest[:at].split(':', 1)[0]}:***@{rest[at + 1:]}"


HOW = "postgresql+psycopg://användare:lösenord@server/databas eller sqlite:////sökväg/remiss.db"


def check_database_url(url: str) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SettingsError(f"REMISS_DATABASE_URL förstås inte: {mask_url(url)}. Skriv {HOW}.")
    if parsed.drivername not in ("sqlite", "postgresql+psycopg"):
        raise SettingsError(f"REMISS_DATABASE_URL={mask_url(url)}: databasen {parsed.drivername} stöds inte. "
                            f"Skriv {HOW}.")


def check_smtp_url(url: str) -> None:
    if not url:
        return
    from remiss.reminders.transport import SmtpTransport

    try:
        SmtpTransport.from_url(url)
    except ValueError:
        scheme = urlsplit(url).scheme
        raise SettingsError(f"{SMTP_URL_WRONG}: {scheme}://… – använd smtp://, smtp+starttls:// eller "
                            "smtps://server:port (tomt: e-posten skrivs som .eml-filer).", "REMISS_SMTP_URL")


def check_imap_url(url: str) -> None:
    """An unencoded @ or / in the password makes the rest of it look like the server's name: say so."""
    if not url or "://" not in url:
        return  # the poll itself says how the URL should look
    rest = url.split("://", 1)[1]
    if rest.count("@") > 1 or "@" in urlsplit(url).path:
        raise SettingsError("Lösenordet i REMISS_IMAP_URL innehåller @ eller / – skriv dem som %40 och %2F "
                            "(och : som %3A), till exempel imaps://registrator:hemligt%40losen@server/INBOX.")


def check_settings(config: dict) -> None:
    """Refuse settings that cannot work, before anything runs with them."""
    check_database_url(config["DATABASE_URL"])
    check_smtp_url(config.get("SMTP_URL", ""))
    check_imap_url(config.get("IMAP_URL", ""))


def _holds_database(config: dict) -> bool:
    """Whether the database is the SQLite file in the instance folder (REMISS_DATABASE_URL not set)."""
    url = config["DATABASE_URL"]
    return url.startswith("sqlite") and Path(url.split("///", 1)[-1]).parent == Path(config["INSTANCE_PATH"])


def _needs_to_write(config: dict) -> list[str]:
    instance = Path(config["INSTANCE_PATH"])
    needs = []
    if not config.get("SECRET_KEY") and not (instance / "secret_key").exists():
        needs.append("secret_key")
    if _holds_database(config):
        needs.append("SQLite-databasen")
    return needs


def prepare_instance(config: dict, *, create: bool) -> None:
    """Make sure the instance folder exists and can take what Remiss writes there. A missing one that would hold
    the database is created only when create (`remiss migrate`): elsewhere a new, empty database would be made
    there without a word (walk13 finding 10). With REMISS_DATABASE_URL set it only holds files: it is created."""
    instance = Path(config["INSTANCE_PATH"])
    if not instance.is_dir():
        if not create and _holds_database(config):
            raise SettingsError(
                f"Mappen REMISS_INSTANCE_PATH={instance} finns inte. Rätta sökvägen i miljöfilen, eller kör "
                "`remiss migrate` för att skapa en ny, tom installation där.")
        try:
            instance.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SettingsError(f"Kan inte skapa REMISS_INSTANCE_PATH ({instance}): {exc.strerror}. Skapa mappen och "
                                "ge användaren som kör Remiss skrivrätt där.") from None
    needs = _needs_to_write(config)
    why = _cannot_write(instance) if needs else ""
    if why:
        raise SettingsError(
            f"Kan inte skriva i REMISS_INSTANCE_PATH ({instance}): {why}. Remiss sparar "
            f"{' och '.join(needs)} där; ge användaren som kör Remiss skrivrätt i mappen, eller sätt "
            "REMISS_SECRET_KEY och REMISS_DATABASE_URL.")


def _cannot_write(folder: Path) -> str:
    """Why a file cannot be written in folder (the system's words), or "" when it can."""
    probe = folder / f".remiss-skrivtest-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return exc.strerror or str(exc)
    return ""


def create_sqlite_file(url: str) -> None:
    """Create a new SQLite database file readable by its owner only (SQLite would follow the umask: 0644);
    its -wal and -shm files take the same mode."""
    if not url.startswith("sqlite"):
        return
    path = url.split("///", 1)[-1]
    if not path or path == ":memory:" or Path(path).exists() or not Path(path).parent.is_dir():
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError:
        pass  # SQLite says it itself when it opens the file


def database_problem(url: str, exc: BaseException) -> str:
    """One Swedish line for a database that could not be reached, with the URL's password masked."""
    text = str(getattr(exc, "orig", None) or exc)
    text = text.split("(Background on this error")[0].strip()
    user = re.search(r'for user "([^"]+)"', text)
    missing = re.search(r'database "([^"]+)" does not exist', text)
    if user and "password authentication failed" in text:
        why = f"lösenordet godtogs inte för användaren {user.group(1)}"
    elif missing:
        why = f"databasen {missing.group(1)} finns inte på servern (skapa den med createdb, eller rätta namnet)"
    elif "Connection refused" in text or "No such file or directory" in text and "socket" in text:
        why = "servern svarar inte (Connection refused) – är PostgreSQL igång, och stämmer server och port?"
    elif "could not translate host name" in text or "Name or service not known" in text:
        why = "servern kunde inte hittas (fel namn på servern?)"
    elif "unable to open database file" in text:
        why = "SQLite-filen kunde inte öppnas – finns mappen, och får användaren som kör Remiss skriva där?"
    elif any(cut in text for cut in ("server closed the connection", "connection is closed", "consuming input failed",
                                     "terminating connection", "Connection reset", "connection is lost")):
        why = "förbindelsen med servern bröts (stoppades PostgreSQL, eller föll nätet bort?)"
    elif "timeout" in text.lower():
        why = "servern svarade inte i tid"
    else:
        why = text.splitlines()[-1] if text else type(exc).__name__
    return f"Databasen kunde inte nås (REMISS_DATABASE_URL={mask_url(url)}): {why}{'' if why.endswith('?') else '.'}"


def check_database(url: str) -> None:
    """Connect and ask the database one question; raise SettingsError naming what went wrong."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError, OperationalError

    engine = create_engine(url, connect_args={"connect_timeout": 10} if not url.startswith("sqlite") else {})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (OperationalError, DBAPIError) as exc:
        raise SettingsError(database_problem(url, exc)) from None
    finally:
        engine.dispose()


def preflight() -> dict:
    """Everything a server process needs before it starts: the settings, the instance folder, the database.
    Returns the configuration; raises SettingsError."""
    from config import load_config

    config = load_config()
    check_settings(config)
    prepare_instance(config, create=not config.get("INSTANCE_PATH_GIVEN"))
    create_sqlite_file(config["DATABASE_URL"])
    check_database(config["DATABASE_URL"])
    return config


def note_mail_setting(problem: str) -> None:
    """Record a REMISS_SMTP_URL that stops the scheduler as the relay's outage, so the outbox page and `remiss
    reminders list` say it as they say an unreachable relay; with problem "", end such an outage (the setting
    was corrected). Best effort: the database may not be there either."""
    from sqlalchemy.exc import SQLAlchemyError

    import remiss.models  # noqa: F401 (every table, for the mapper)
    from config import load_config
    from remiss.db import Database, utcnow
    from remiss.reminders import relay

    url = load_config()["DATABASE_URL"]
    if url.startswith("sqlite") and not Path(url.split("///", 1)[-1]).is_file():
        return
    db = Database(url)
    try:
        with db.transaction() as session:
            current = relay.get(session)
            if problem:
                relay.record_down(session, now=utcnow(), error=problem)
            elif current is not None and current.down_since and current.last_error.startswith(SMTP_URL_WRONG):
                current.down_since, current.last_error = None, ""
                session.add(current)
    except SQLAlchemyError:
        pass
    finally:
        db.dispose()


def port_problem(host: str, port: int) -> str:
    """Why the development server cannot listen on host:port ("" when it can): found before Werkzeug tries, which
    says it in English after the app has loaded (walk19 G10). A reloader's child finds its parent on the port."""
    import errno
    import socket

    from werkzeug.serving import get_sockaddr, is_running_from_reloader, select_address_family

    if host.startswith("unix://") or is_running_from_reloader():
        return ""
    try:
        family = select_address_family(host, port)
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Werkzeug's server: TIME_WAIT is free
            probe.bind(get_sockaddr(host, port, family))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return f"Porten {port} används redan av ett annat program – välj en annan med --port."
        if exc.errno == errno.EACCES:
            return f"Porten {port} får bara användas av administratören – välj en port över 1023 med --port."
        return f"Servern kan inte lyssna på {host} port {port} – välj en annan adress med --host eller port med --port."
    return ""
