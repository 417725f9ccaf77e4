"""Yttrande drafts, their versions, the generated Word documents and who was consulted (samråd)."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Optional

from sqlalchemy import Column, Text, UniqueConstraint
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

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", unique=True, ondelete="CASCADE")
    state: str = Field(default=DraftState.utkast, max_length=12)
    review_comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    frozen_version_id: Optional[int] = Field(default=None)  # the version sent (expedierad)


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
