"""A pending intake: what was read from a missiv, kept between the upload and the registration."""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Optional

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime


class IntakeBatch(SQLModel, table=True):
    """Prefilled form values, evidence and uploaded files waiting for the registrator to press Registrera."""

    __tablename__ = "intake_batch"

    id: Optional[int] = Field(default=None, primary_key=True)
    token: str = Field(max_length=64, unique=True)  # random; carried by the form, checked against user_id
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")  # who uploaded
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))  # for cleanup
    source: str = Field(default="", max_length=300)  # where the fields were read: a file name or pasted text
    form_values: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))  # JSON: field → text
    evidence: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))  # JSON: field → words read
    warnings: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))  # JSON: Swedish messages
    files: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))  # JSON: stored pending files
    inbox_message_id: Optional[int] = Field(default=None, foreign_key="inbox_message.id", ondelete="SET NULL")  # from the Inkorg


class InboxMessage(SQLModel, table=True):
    """A mail fetched from the registrator's mailbox: a proposed registration until a person decides."""

    __tablename__ = "inbox_message"

    id: Optional[int] = Field(default=None, primary_key=True)
    message_id: str = Field(max_length=500, unique=True)  # the Message-ID header (or a hash): fetched once only
    fetched_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))  # when the poll stored it
    sent_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))  # its Date header
    sender: str = Field(default="", max_length=300)  # the From header as written
    subject: str = Field(default="", max_length=500)
    status: str = Field(default="pending", max_length=20, index=True)  # pending, registered, merged, dismissed
    source: str = Field(default="", max_length=300)  # the file the fields were read from
    form_values: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))  # JSON: field → text
    evidence: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))  # JSON: field → words read
    warnings: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))  # JSON: Swedish messages
    files: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))  # JSON: the mail and attachments
    extension_to: Optional[date] = None  # the new last day, when the mail extends a remiss's remisstid
    extension_time: Optional[time] = None  # its clock time, when the notice gives one ("till den 15 mars kl. 12.00")
    match_remiss_id: Optional[int] = Field(default=None, foreign_key="remiss.id", ondelete="SET NULL")  # same sender_dnr
    remiss_id: Optional[int] = Field(default=None, foreign_key="remiss.id", ondelete="SET NULL")  # registered or merged into
    decided_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    decided_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    # the innermost message the mail carries (remiss.intake.copies): a later message with the same key is a copy
    copy_key: Optional[str] = Field(default=None, max_length=100, index=True)
