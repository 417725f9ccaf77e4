"""Audit events: who did what to which record, with old and new values."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_remiss_at", "remiss_id", "at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    user_id: Optional[int] = Field(default=None, foreign_key="user_account.id")  # None: the system
    entity: str = Field(max_length=50)  # table name of the record
    entity_id: Optional[int] = None
    remiss_id: Optional[int] = Field(default=None, foreign_key="remiss.id")  # for the remiss history
    action: str = Field(max_length=50)  # create | update | status | upload | ...
    changes: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))  # JSON {field: [old, new]}
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
