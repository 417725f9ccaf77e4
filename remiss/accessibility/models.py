"""The organisation's part of the tillgänglighetsredogörelse: one row, edited by the admin."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime


class AccessibilityStatement(SQLModel, table=True):
    __tablename__ = "accessibility_statement"

    id: Optional[int] = Field(default=None, primary_key=True)
    organisation_name: str = Field(default="", max_length=200)  # who publishes the service (kommunen)
    contact_email: str = Field(default="", max_length=254)  # where to report an accessibility problem
    contact_phone: str = Field(default="", max_length=50)
    contact_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # other ways to reach us, answering times
    known_issues: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # shortcomings the organisation knows of, beyond what the tests find
    reviewed_on: Optional[date] = None  # when the statement was last reviewed (senast granskad)
    updated_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime, nullable=True))
    updated_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
