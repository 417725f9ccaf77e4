"""Configuration for Remiss: the only module that reads os.environ.

Every setting comes from a ``REMISS_`` environment variable; ``load_config`` returns a
plain dict that ``create_app`` copies into ``app.config``. Tests pass overrides instead.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"
# Links in mail point here unless REMISS_BASE_URL says where users reach Remiss (`make run` sets it).
DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw not in (None, "") else default


def database_url(url: str) -> str:
    """The URL as SQLAlchemy needs it: postgres:// and postgresql:// (as Heroku and many DBAs write them) name
    the psycopg 3 driver Remiss installs, not psycopg2."""
    for short in ("postgres://", "postgresql://"):
        if url.startswith(short):
            return "postgresql+psycopg://" + url[len(short):]
    return url


def load_config(overrides: dict | None = None) -> dict:
    """Build the configuration from REMISS_ variables, then apply overrides."""
    env = os.environ
    instance = Path(env.get("REMISS_INSTANCE_PATH", DEFAULT_INSTANCE))
    if overrides and "INSTANCE_PATH" in overrides:
        instance = Path(overrides["INSTANCE_PATH"])
    config = {
        "INSTANCE_PATH": str(instance),
        # Named by the operator: a missing folder is then a typo, and only `remiss migrate` creates it.
        "INSTANCE_PATH_GIVEN": bool(env.get("REMISS_INSTANCE_PATH"))
        and not (overrides and "INSTANCE_PATH" in overrides),
        # SQLite file under instance/ unless a real server is named.
        "DATABASE_URL": database_url(env.get("REMISS_DATABASE_URL") or f"sqlite:///{instance / 'remiss.db'}"),
        # Empty: mails are written as .eml files under instance/mail/.
        "SMTP_URL": env.get("REMISS_SMTP_URL", ""),
        "MAIL_FROM": env.get("REMISS_MAIL_FROM", "Remiss <remiss@localhost>"),
        "MAIL_DIR": env.get("REMISS_MAIL_DIR") or str(instance / "mail"),
        "FILES_DIR": env.get("REMISS_FILES_DIR") or str(instance / "files"),
        "SECRET_KEY": env.get("REMISS_SECRET_KEY", ""),
        "BASE_URL": env.get("REMISS_BASE_URL", DEFAULT_BASE_URL).rstrip("/"),
        "UPLOAD_MAX_BYTES": _int("REMISS_UPLOAD_MAX_BYTES", 25 * 1024 * 1024),
        "TEMPLATE_MAX_BYTES": _int("REMISS_TEMPLATE_MAX_BYTES", 5 * 1024 * 1024),
        # Reading an uploaded missiv runs in a worker process limited to these seconds and megabytes;
        # a scanned PDF is then read by OCR (tesseract), its first OCR_MAX_PAGES pages within OCR_SECONDS.
        "READ_SECONDS": _int("REMISS_READ_SECONDS", 10),
        "READ_MEMORY_MB": _int("REMISS_READ_MEMORY_MB", 768),
        "OCR_MAX_PAGES": _int("REMISS_OCR_MAX_PAGES", 2),
        "OCR_SECONDS": _int("REMISS_OCR_SECONDS", 15),
        # The registrator's mailbox, polled by the scheduler: imaps://user:password@host/INBOX (empty: none).
        "IMAP_URL": env.get("REMISS_IMAP_URL", ""),
        # Where a fetched message is moved once it is in the Inkorg (created when missing).
        "IMAP_DONE_FOLDER": env.get("REMISS_IMAP_DONE_FOLDER", "Remiss-inlästa"),
        "IMAP_INTERVAL_SECONDS": _int("REMISS_IMAP_INTERVAL_SECONDS", 300),
        # Our own diarienummer: "{prefix} {year}/{number:04d}".
        "DNR_FORMAT": env.get("REMISS_DNR_FORMAT", "{prefix} {year}/{number:04d}"),
        "DNR_DEFAULT_PREFIX": env.get("REMISS_DNR_PREFIX", "RS"),
        "LOGIN_MAX_FAILURES": _int("REMISS_LOGIN_MAX_FAILURES", 5),
        "LOGIN_WINDOW_SECONDS": _int("REMISS_LOGIN_WINDOW_SECONDS", 15 * 60),
        "LOGIN_MAX_FAILURES_PER_ADDRESS": _int("REMISS_LOGIN_MAX_FAILURES_PER_ADDRESS", 30),
        # argon2id cost; 0 means the library's recommended defaults.
        # the PDF of the yttrande made and kept at expediering (remisser.archive); 0 turns it off (tests: each
        # LibreOffice conversion costs about 2 s, so only the archive's own tests make one)
        "ARCHIVE_SENT_PDF": bool(_int("REMISS_ARCHIVE_SENT_PDF", 1)),
        "ARGON2_TIME_COST": _int("REMISS_ARGON2_TIME_COST", 0),
        "ARGON2_MEMORY_KIB": _int("REMISS_ARGON2_MEMORY_KIB", 0),
        "SCHEDULER_INTERVAL_SECONDS": _int("REMISS_SCHEDULER_INTERVAL_SECONDS", 60),
        "OUTBOX_BATCH": _int("REMISS_OUTBOX_BATCH", 500),
        # How long a sweeper's claim on outbox rows lasts unless renewed: how soon the rows of a
        # scheduler that died are sent by another.
        "OUTBOX_LEASE_SECONDS": _int("REMISS_OUTBOX_LEASE_SECONDS", 600),
        # How long a relay may take to answer one SMTP command: a relay that takes the connection and never
        # answers holds a sweep (and a stop) this long, then counts as down.
        "SMTP_TIMEOUT_SECONDS": _int("REMISS_SMTP_TIMEOUT_SECONDS", 20),
        "PAGE_SIZE": _int("REMISS_PAGE_SIZE", 50),
        # 1: names typed on one nämnd's sändlista are offered to every nämnd; 0 (default): only to that nämnd
        # (the register imported by an administrator is shared either way).
        "REGISTER_SHARED": bool(_int("REMISS_REGISTER_SHARED", 0)),
        # Behind a reverse proxy: how many proxies to trust for X-Forwarded-For/-Proto/-Host/-Prefix (0: none).
        "PROXY_FIX": _int("REMISS_PROXY_FIX", 0),
        # Who may sign in with a password: all (default), admins (break-glass accounts) or none.
        "LOCAL_LOGIN": env.get("REMISS_LOCAL_LOGIN", "all").strip().lower() or "all",
        # Sign-in with the kommun's account (OpenID Connect); off while the issuer is empty.
        "OIDC_ISSUER": env.get("REMISS_OIDC_ISSUER", "").strip(),
        "OIDC_CLIENT_ID": env.get("REMISS_OIDC_CLIENT_ID", ""),
        "OIDC_CLIENT_SECRET": env.get("REMISS_OIDC_CLIENT_SECRET", ""),
        "OIDC_SCOPES": env.get("REMISS_OIDC_SCOPES", "").strip() or "openid email profile",
        "OIDC_GROUPS_CLAIM": env.get("REMISS_OIDC_GROUPS_CLAIM", "").strip() or "groups",
        # How long a session begun with the kommun's account lasts before the provider (and so the directory's
        # groups) is asked again.
        "OIDC_SESSION_HOURS": _int("REMISS_OIDC_SESSION_HOURS", 10),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env.get("REMISS_BASE_URL", "").startswith("https://"),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,
    }
    # One request may carry several files (the missiv step, the registration form); each file is held to
    # UPLOAD_MAX_BYTES where it is checked, with a message naming it, and what was typed is kept.
    config["MAX_CONTENT_LENGTH"] = 4 * config["UPLOAD_MAX_BYTES"] + 1024 * 1024
    # A typed or pasted field's bytes: the CSRF check reads the form before any view could raise it, so this is
    # what lets a pasted missiv text of 2 000 000 characters (remiss.intake.views.TEXT_LIMIT), up to 4 bytes each,
    # reach the form's own message instead of a 413 page (walk10 finding 3; Flask's default is 500 kB).
    config["MAX_FORM_MEMORY_SIZE"] = 4 * 2_000_000 + 1024 * 1024
    if overrides:
        config.update(overrides)
    return config
