"""Migration z006: the Utkorg said "Behövs inte – har svarat" ("– avstår") of a notice the instans's answer or avstår
stopped by reading the closing words of its reason; now the code that stops it records why in its payload, and the
Utkorg reads that. The rows stopped before record it after the upgrade; a notice superseded by a later förlängning
and a reminder stopped for another reason do not; a second run changes nothing. On SQLite and PostgreSQL."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from alembic import command
from sqlalchemy import bindparam, create_engine, text

from remiss.db import UTCDateTime, migrate
from remiss.reminders.resend import status_label, stopped_by
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.migrations import read_rows

BEFORE = "z005_answered_late_by_hand"
MOMENT = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
# key → (status, reason) as the code before this revision stored them
ROWS = {"outgoing:extension:1:3:10": ("superseded", "Lunds kommun har svarat innan det skickades, så det behövs inte "
                                                    "längre."),
        "outgoing:anstand:1:4:11": ("superseded", "Malmö stad avstår från att yttra sig, så det behövs inte längre."),
        "outgoing:extension:1:5:12": ("superseded", "Ersatt av en senare förlängning av remisstiden till 29 mars 2027 "
                                                    "kl. 12.00 innan det skickades."),
        "chaser:1:13:2026-12-01": ("cancelled", "Remissinstansen har svarat")}
LABELS = {"outgoing:extension:1:3:10": "Behövs inte – har svarat", "outgoing:anstand:1:4:11": "Behövs inte – avstår",
          "outgoing:extension:1:5:12": "Ersatt av senare", "chaser:1:13:2026-12-01": "Stoppad"}


def _old_rows(url: str) -> None:
    engine = create_engine(url)
    insert = text("INSERT INTO outbox_message (key, recipient_email, kind, due_at, status, attempts, next_attempt_at, "
                  "claimed_by, claim_token, last_error, message_id, subject, payload, created_at) VALUES (:k, "
                  "'registrator@lund.example', 'notice', :at, :s, 0, :at, '', '', :e, :k, '', :p, :at)"
                  ).bindparams(bindparam("at", type_=UTCDateTime))
    with engine.begin() as conn:
        for key, (status, reason) in ROWS.items():
            conn.execute(insert, {"k": key, "at": MOMENT, "s": status, "e": reason,
                                  "p": json.dumps({"told_from": ["2027-02-26", "12:00"]})})
    engine.dispose()


def _said(url: str) -> dict[str, tuple[str, str]]:
    """key → (why stopped, as the payload records it; the Utkorg's status word)."""
    return {key: (stopped_by(payload), status_label(status, stopped_by(payload)))
            for key, status, payload in read_rows(url, "SELECT key, status, payload FROM outbox_message")}


def test_z006_records_why_a_notice_was_stopped_by_the_answer(empty_url):  # noqa: F811
    url = empty_url
    migrate(url)
    command.downgrade(alembic_config(url), BEFORE)
    _old_rows(url)
    # before the upgrade the rows record nothing: each is "Ersatt av senare" or "Stoppad"
    assert {key: label for key, (_, label) in _said(url).items()} == {
        **LABELS, "outgoing:extension:1:3:10": "Ersatt av senare", "outgoing:anstand:1:4:11": "Ersatt av senare"}
    command.upgrade(alembic_config(url), "head")
    said = _said(url)
    assert said == {key: ({"outgoing:extension:1:3:10": "answered", "outgoing:anstand:1:4:11": "declined"}
                          .get(key, ""), label) for key, label in LABELS.items()}, said
    # the payload keeps what the mail is built from
    payloads = dict(read_rows(url, "SELECT key, payload FROM outbox_message"))
    assert json.loads(payloads["outgoing:anstand:1:4:11"])["told_from"] == ["2027-02-26", "12:00"]
    command.downgrade(alembic_config(url), BEFORE)
    command.upgrade(alembic_config(url), "head")
    assert _said(url) == said
