"""Yttrande drafts, their versions, the generated Word documents, who was consulted (samråd) and the
nämnd's decision on the yttrande (beslut, paragraf, justering)."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Optional

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime


class DraftState(StrEnum):
    utkast = "utkast"
    granskning = "granskning"
    godkand = "godkand"
    expedierad = "expedierad"

    @property
    def label(self) -> str:
        return {"utkast": "Utkast", "granskning": "Granskning", "godkand": "Godkänd",
                "expedierad": "Expedierad"}[self.value]


class YttrandeDraft(SQLModel, table=True):
    __tablename__ = "yttrande_draft"
    # "Att granska": the drafts in granskning, oldest first, without reading every remiss.
    __table_args__ = (Index("ix_yttrande_draft_state_updated", "state", "updated_at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", unique=True, ondelete="CASCADE")
    state: str = Field(default=DraftState.utkast, max_length=12)
    review_comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    frozen_version_id: Optional[int] = Field(default=None)  # the version last sent (expedierad)
    # 0: the yttrande itself; n: the n:th rättelse, prepared, decided and expedierad on its own after the first
    rattelse: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    corrects_version_id: Optional[int] = Field(default=None)  # the expedierad version the rättelse replaces
    # why the rättelse is made (what Skicka rättelse was told): the tjänsteskrivelse proposing it says so
    rattelse_reason: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))


class DraftVersion(SQLModel, table=True):
    __tablename__ = "draft_version"
    __table_args__ = (UniqueConstraint("draft_id", "number"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="yttrande_draft.id", index=True, ondelete="CASCADE")
    number: int  # 1, 2, 3 ...
    author_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    content: str = Field(sa_column=Column(Text, nullable=False))  # JSON of the sections
    comment: str = Field(default="", max_length=500)


class GeneratedDocument(SQLModel, table=True):
    __tablename__ = "generated_document"

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=30)  # tjansteskrivelse | yttrande | missiv | sammanstallning
    draft_version_id: Optional[int] = Field(default=None, foreign_key="draft_version.id")
    template_id: Optional[int] = Field(default=None, foreign_key="document_template.id")  # None: shipped default
    template_sha256: str = Field(max_length=64)
    sha256: str = Field(max_length=64)
    size: int
    storage_key: str = Field(max_length=200)
    frozen: bool = Field(default=False)  # the expedierad document, never replaced
    created_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class Consultation(SQLModel, table=True):
    """Who was consulted while preparing the yttrande (samråd)."""

    __tablename__ = "consultation"

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", index=True, ondelete="CASCADE")
    party: str = Field(max_length=200)  # "Pensionärsrådet"
    consulted_on: Optional[date] = None
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class DecidedBy(StrEnum):
    namnd = "namnd"
    arbetsutskott = "arbetsutskott"
    delegat = "delegat"

    @property
    def label(self) -> str:
        return {"namnd": "Nämnden", "arbetsutskott": "Arbetsutskottet", "delegat": "Delegat"}[self.value]


class Decision(SQLModel, table=True):
    """The beslut on the yttrande: who decided, at which meeting and §, and when the protokoll was justerat."""

    __tablename__ = "decision"
    # one beslut on the yttrande and one on each rättelse: an expedierat beslut is never reused
    __table_args__ = (UniqueConstraint("remiss_id", "rattelse", name="uq_decision_remiss_rattelse"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", index=True, ondelete="CASCADE")
    rattelse: int = Field(default=0, sa_column_kwargs={"server_default": "0"})  # YttrandeDraft.rattelse decided
    decided_by: str = Field(max_length=20)  # namnd | arbetsutskott | delegat (DecidedBy)
    delegat: str = Field(default="", max_length=200)  # the delegat's name and title, when decided_by is delegat
    meeting_on: date  # sammanträdets (or the delegationsbeslutets) datum
    paragraf: str = Field(default="", max_length=20)  # "§ 142"; may be empty for a delegationsbeslut
    omedelbar_justering: bool = Field(default=False)  # the paragraph was justerad at the meeting
    justerad_on: Optional[date] = None  # the day the protokoll was justerat (None: not yet, or omedelbar)
    protokollsutdrag_id: Optional[int] = Field(default=None, foreign_key="attachment.id")  # the extract as a file
    recorded_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    recorded_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))  # first recorded
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))  # last changed (documents older are stale)

    @property
    def needs_justering(self) -> bool:
        """A delegationsbeslut has no sammanträde and no protokoll to justera (it is anmält to the nämnd later)."""
        return self.decided_by != DecidedBy.delegat

    def justerad_by(self, day: date) -> bool:
        """Tell whether the beslut may be expedierat on day as far as justering goes: a delegationsbeslut at once,
        a paragraph justerad omedelbart or its protokoll justerat by then."""
        return not justering_pending(self.decided_by, self.omedelbar_justering, self.justerad_on, day)


def justering_pending(decided_by: str, omedelbar_justering: bool, justerad_on: date | None, day: date) -> bool:
    """Tell whether a recorded beslut still waits on day for its protokoll to be justerat (the expediering waits for
    that): never a delegationsbeslut nor a paragraph justerad omedelbart. Takes a Decision's columns, so that a
    list read in one query (planning.sekreterare, drafting.rattelse_todo) asks the same as Decision.justerad_by."""
    return (decided_by != DecidedBy.delegat and not omedelbar_justering
            and (justerad_on is None or justerad_on > day))
