"""The register of remissinstanser, saved sändlistor, and what each instans answered per frågeställning."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime


class Organisation(SQLModel, table=True):
    """A remissinstans in the register: who can be put on a sändlista."""

    __tablename__ = "organisation"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=300, unique=True)
    email: str = Field(default="", max_length=254)  # functional mailbox
    contact_person: str = Field(default="", max_length=200)
    group_name: str = Field(default="", max_length=200, index=True)  # "Malmö stads nämnder", "fackliga organisationer"
    postal_address: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # for letters by post
    # NULL: in the shared register; else typed on that nämnd's sändlista and shown only to it (REGISTER_SHARED off)
    namnd_id: Optional[int] = Field(default=None, foreign_key="namnd.id", index=True)
    active: bool = Field(default=True)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class SavedSandlista(SQLModel, table=True):
    """A reusable sändlista, e.g. "samtliga stadsområdesnämnder"."""

    __tablename__ = "saved_sandlista"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class SavedSandlistaMember(SQLModel, table=True):
    __tablename__ = "saved_sandlista_member"

    saved_sandlista_id: int = Field(foreign_key="saved_sandlista.id", primary_key=True, ondelete="CASCADE")
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True, ondelete="CASCADE")
    position: int = 0


class SandlistaAnswer(SQLModel, table=True):
    """What one instans said on one frågeställning."""

    __tablename__ = "sandlista_answer"
    __table_args__ = (UniqueConstraint("sandlista_entry_id", "question_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    sandlista_entry_id: int = Field(foreign_key="sandlista_entry.id", index=True, ondelete="CASCADE")
    question_id: int = Field(foreign_key="question.id", ondelete="CASCADE")
    text: str = Field(sa_column=Column(Text, nullable=False))


class Publication(SQLModel, table=True):
    """An outgoing remiss whose remissvar are shown on a public page (opt-in per remiss)."""

    __tablename__ = "outgoing_publication"

    remiss_id: int = Field(foreign_key="remiss.id", primary_key=True, ondelete="CASCADE")
    published_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    published_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    intro: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # shown above the list


class PublishedFile(SQLModel, table=True):
    """One file shown on the public page: exactly what was chosen when publishing, nothing added later."""

    __tablename__ = "outgoing_published_file"

    remiss_id: int = Field(foreign_key="outgoing_publication.remiss_id", primary_key=True, ondelete="CASCADE")
    attachment_id: int = Field(foreign_key="attachment.id", primary_key=True, ondelete="CASCADE")
    position: int = 0
