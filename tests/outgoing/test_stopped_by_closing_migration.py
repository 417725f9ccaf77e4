"""Migration z008: reopening a closed case put back in the Utkorg the notices closing had stopped, recognised by the
words of their reason; now closing records it in the payload ("stopped_by": "closed") and the reopening reads that.
The rows stopped before record it after the upgrade; a notice stopped for another reason, and a reminder, do not; a
second run changes nothing. On SQLite and PostgreSQL."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from alembic import command
from sqlalchemy import bindparam, create_engine, text

from remiss.db import UTCDateTime, migrate
from remiss.outgoing.service.closing import NOTICE_CANCELLED
from remiss.reminders.resend import stopped_by
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.migrations import read_rows

BEFORE = "z007_inbox_copy_key"
MOMENT = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
# key → (kind, status, reason) as the code before this revision stored them
ROWS = {"outgoing:anstand:1:4:11": ("outgoing_extension", "cancelled", NOTICE_CANCELLED),
        "outgoing:missiv:1:5": ("outgoing_missiv", "cancelled", NOTICE_CANCELLED),
        "outgoing:extension:1:6:12": ("outgoing_extension", "cancelled", "Stoppad av administratören: fel adress."),
        "chaser:1:13:2026-12-01": ("outgoing_chaser", "cancelled", NOTICE_CANCELLED)}


def _old_rows(url: str) -> None:
    engine = create_engine(url)
    insert = text("INSERT INTO outbox_message (key, recipient_email, kind, due_at, status, attempts, next_attempt_at, "
                  "claimed_by, claim_token, last_error, message_id, subject, payload, created_at) VALUES (:k, "
                  "'registrator@lund.example', :kind, :at, :s, 0, :at, '', '', :e, :k, '', :p, :at)"
                  ).bindparams(bindparam("at", type_=UTCDateTime))
    with engine.begin() as conn:
        for key, (kind, status, reason) in ROWS.items():
            conn.execute(insert, {"k": key, "kind": kind, "at": MOMENT, "s": status, "e": reason,
                                  "p": json.dumps({"told_from": ["2027-02-26", "12:00"]})})
    engine.dispose()


def _said(url: str) -> dict[str, str]:
    return {key: stopped_by(payload) for key, payload in read_rows(url, "SELECT key, payload FROM outbox_message")}


def test_z008_records_that_closing_stopped_a_notice(empty_url):  # noqa: F811
    url = empty_url
    migrate(url)
    command.downgrade(alembic_config(url), BEFORE)
    _old_rows(url)
    assert set(_said(url).values()) == {""}
    command.upgrade(alembic_config(url), "head")
    said = _said(url)
    assert said == {"outgoing:anstand:1:4:11": "closed", "outgoing:missiv:1:5": "closed",
                    "outgoing:extension:1:6:12": "", "chaser:1:13:2026-12-01": ""}, said
    payloads = dict(read_rows(url, "SELECT key, payload FROM outbox_message"))
    assert json.loads(payloads["outgoing:anstand:1:4:11"])["told_from"] == ["2027-02-26", "12:00"]
    command.downgrade(alembic_config(url), BEFORE)
    command.upgrade(alembic_config(url), "head")
    assert _said(url) == said
