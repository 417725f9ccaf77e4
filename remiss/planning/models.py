"""What the planner concluded about a remiss as a whole (the milestones live in remiss.remisser)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime


class TidplanState(SQLModel, table=True):
    """The latest tidplan verdict of one remiss: feasible or not, and what to do about it."""

    __tablename__ = "tidplan_state"

    remiss_id: int = Field(foreign_key="remiss.id", primary_key=True, ondelete="CASCADE")
    feasible: bool = Field(default=True, index=True)  # False: no meeting can answer in time
    needs_omedelbar_justering: bool = Field(default=False)  # only omedelbar justering is in time
    suggested_extension_on: Optional[date] = None  # earliest date worth asking for
    meeting_on: Optional[date] = None  # the chosen nämnd meeting
    warnings: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))  # JSON list of Swedish texts
    proposals: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))  # JSON list of Swedish texts
    planned_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))  # when replan last ran
