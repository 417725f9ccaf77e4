"""A pending intake: what was read from a missiv, kept between the upload and the registration."""
from __future__ import annotations

from datetime import datetime
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
