"""The tidplan of a remiss (its milestones and the planner's verdict) and its extensions."""
from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Optional

from sqlalchemy import Column, Index, Text, UniqueConstraint, false, text
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime
from remiss.planning.passed_advice import late_extension


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
    # the step (Milestone.kind) whose passed date makes the proposals ask for a förlängning while it is open and
    # late (a proposal's until_done), found by index for "Förlängning behövs" (planning.extension_needed); None: none
    extension_step: Optional[str] = Field(default=None, max_length=30, index=True)
    extension_holds_until: Optional[date] = None  # the last day that proposal holds (the sammanträde it names)

    def store_proposals(self, entries: list) -> None:
        """Store the proposals (texts, or dicts as planning.service.verdict._advice_entry makes them) with the
        förlängning they ask for while a step is late (passed_advice.late_extension), so the two never differ."""
        self.proposals = json.dumps(entries, ensure_ascii=False)
        self.extension_step, self.extension_holds_until = late_extension(entries)


class Extension(SQLModel, table=True):
    """A request for förlängd remisstid / anstånd and its decision."""

    __tablename__ = "extension"

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", index=True, ondelete="CASCADE")
    sandlista_entry_id: Optional[int] = Field(default=None, foreign_key="sandlista_entry.id")  # outgoing: one instans
    is_general: bool = Field(default=False)  # a notice to everyone from the remittent
    requested_by: str = Field(default="", max_length=200)  # who asked
    requested_on: Optional[date] = None
    requested_until_on: Optional[date] = None
    requested_until_time: Optional[time] = None
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    decision: str = Field(default="pending", max_length=10)  # pending | granted | denied | superseded
    granted_until_on: Optional[date] = None
    granted_until_time: Optional[time] = None
    decided_on: Optional[date] = None
    evidence_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # e-mail text
    evidence_attachment_id: Optional[int] = Field(default=None, foreign_key="attachment.id")
    created_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class Milestone(SQLModel, table=True):
    """A step of the tidplan, as planned and as overridden by hand."""

    __tablename__ = "milestone"
    __table_args__ = (
        UniqueConstraint("remiss_id", "kind"),
        # What is still to do, by date (start page, dashboards): not the done steps of every closed remiss.
        Index("ix_milestone_open_due", "due_on", "id", sqlite_where=text("done_at IS NULL"),
              postgresql_where=text("done_at IS NULL")),
        # The few flagged steps by reason and date: the missed-sammanträde check on every request
        # (service.missed.any_unpassed) and the sekreterare's list (planning.sekreterare) filter on flag_reason.
        Index("ix_milestone_flag_reason", "flag_reason", "due_on", sqlite_where=text("flag_reason IS NOT NULL"),
              postgresql_where=text("flag_reason IS NOT NULL")),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=30)  # tjansteskrivelse | granskning | arbetsutskott | namnd | justering | expediering | sista_svarsdag
    position: int = 0
    label: str = Field(max_length=100)  # Swedish label
    owner_role: str = Field(default="handlaggare", max_length=20)
    planned_on: date  # what the planner computed
    planned_time: Optional[time] = None
    explanation: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # the plan or the fact
    # what to do about it while the milestone is open ("meddela remittenten eller begär förlängd remisstid"):
    # never shown once it is done
    advice: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))
    flagged: bool = Field(default=False)  # needs attention (late, justering after deadline)
    # why it is flagged, set with the flag by the planner: a code of calendar.milestones.FLAG_REASONS
    # ("omedelbar_justering"), said in Swedish by planning.flags; None when not flagged
    flag_reason: Optional[str] = Field(default=None, max_length=30)
    override_on: Optional[date] = None  # set by hand; wins over planned_on
    override_reason: str = Field(default="", max_length=500)
    override_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    due_on: date = Field(index=True)  # in force: override_on or planned_on
    done_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))
    # done only because the remiss closed (återkallad, avstår, besvarad), not because the work was done: such a
    # milestone is open again when the remiss is reopened
    closed_with_remiss: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
