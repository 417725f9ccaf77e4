"""The outbox: one row per mail to send, the single truth of what was sent."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Optional

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime


class OutboxStatus(StrEnum):
    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"
    cancelled = "cancelled"
    superseded = "superseded"

    @property
    def label(self) -> str:
        return {"pending": "Väntar", "sending": "Skickas", "sent": "Skickad", "failed": "Misslyckad",
                "cancelled": "Stoppad", "superseded": "Ersatt av senare"}[self.value]


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    # The claim reads due rows in this index's order and stops after a batch (ORDER BY next_attempt_at, id):
    # with (status, next_attempt_at) alone PostgreSQL sorted every due row again for each batch of a backlog.
    __table_args__ = (Index("ix_outbox_claim", "status", "next_attempt_at", "id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(max_length=300, unique=True)  # (remiss, recipient, kind, due moment): enqueuing twice is a no-op
    remiss_id: Optional[int] = Field(default=None, foreign_key="remiss.id", index=True)
    recipient_user_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    recipient_email: str = Field(max_length=254)
    kind: str = Field(max_length=40)  # reminder kind, e.g. milestone_before, overdue, escalation, digest, chaser
    due_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))  # the moment this mail is for
    status: str = Field(default=OutboxStatus.pending, max_length=12)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    claimed_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))  # last taken for sending
    claimed_by: str = Field(default="", max_length=100)  # worker id that claimed the row (shown, never matched)
    # Fencing: a fresh token per claim; a sweeper records an outcome only where the token is still its own,
    # so a row whose lease ran out and was taken by another sweeper is never marked or counted by the first.
    claim_token: str = Field(default="", max_length=32)
    # Wall-clock end of the claim's lease, renewed while its sweeper is alive; a "sending" row past it
    # was left by a dead sweeper and is taken back.
    lease_until: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    last_error: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    sent_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    message_id: str = Field(max_length=300)  # stable Message-ID for this row
    subject: str = Field(default="", max_length=500)
    payload: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))  # JSON to build the mail
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class MailRelay(SQLModel, table=True):
    """A mail server Remiss depends on, and whether it works, one row each: "default", whether outgoing mail can
    be handed over (remiss.reminders.relay; while it cannot, sweeps pause instead of spending the rows' attempts,
    and the Utkorg page and `reminders list` say since when), and "inkorg", whether the registrator's mailbox
    could be read at the last poll (remiss.intake.mailbox_status; the Inkorg page says so). A "default" row is
    written at the first failure, none means it has never failed; the "inkorg" row at every poll."""

    __tablename__ = "mail_relay"

    # "default": the SMTP relay of REMISS_SMTP_URL, or MAIL_DIR in file mode (a REMISS_SMTP_URL that cannot be
    # understood is recorded here too); "inkorg": the IMAP mailbox of REMISS_IMAP_URL
    name: str = Field(primary_key=True, max_length=20)
    down_since: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))  # None: it works (again)
    last_error: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # why, while down
    # the last failed attempt while down; when it worked again, the moment that was recorded (not every success;
    # for "inkorg" every good poll, shown as "Senast hämtat")
    checked_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))


class ReminderMarker(SQLModel, table=True):
    """The last moment a periodic step of the sweep was done (e.g. the weekly digest), so it runs once."""

    __tablename__ = "reminder_marker"

    name: str = Field(primary_key=True, max_length=40)
    moment: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
