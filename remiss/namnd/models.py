"""Nämnder, their sammanträdesplan, closed days and Word templates."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Column, LargeBinary, UniqueConstraint
from sqlmodel import Field, SQLModel

from remiss.db import UTCDateTime


class Namnd(SQLModel, table=True):
    __tablename__ = "namnd"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)  # "Stadsområdesnämnd Öster"
    short_name: str = Field(default="", max_length=30)  # "SON Öster"
    organisation: str = Field(default="", max_length=200)  # "Malmö stad"
    forvaltning: str = Field(default="", max_length=200)  # "Stadsområdesförvaltning Öster"
    email: str = Field(default="", max_length=254)  # functional mailbox of the nämnd
    dnr_prefix: str = Field(default="", max_length=20)  # series prefix for our diarienummer, e.g. "SOFÖ"
    ics_token: str = Field(max_length=64, unique=True)  # retired shared feed secret: feeds go through members' own
    # Planning rules (see remiss.calendar.planner.PlanningRules)
    tjansteskrivelse_workdays_before_au: int = Field(default=10)
    granskning_workdays: int = Field(default=3)
    omedelbar_justering_usual: bool = Field(default=False)
    justering_workdays_after_meeting: int = Field(default=10)
    expediering_workdays: int = Field(default=1)
    # Reminder policy
    remind_workdays_before: str = Field(default="10,5,2", max_length=50)  # comma list of working days
    overdue_every_workdays: int = Field(default=3)  # repeat overdue reminders this often
    escalate_after_workdays: int = Field(default=2)  # escalate to granskare/registrator after this many
    weekly_digest: bool = Field(default=True)  # Monday digest to registratorer
    chase_workdays_before: str = Field(default="5", max_length=50)  # outgoing: chasers before the deadline
    chase_workdays_after: str = Field(default="2", max_length=50)  # outgoing: chasers after the deadline
    # The footer of the nämnd's Word documents, and how their dates are written
    postal_address: str = Field(default="", max_length=300)  # "Stadsområdesförvaltning Öster, 205 80 Malmö"
    phone: str = Field(default="", max_length=50)  # växel, "040-34 10 00"
    org_number: str = Field(default="", max_length=20)  # organisationsnummer, "212000-1124"
    website: str = Field(default="", max_length=200)  # "malmo.se"
    iso_dates: bool = Field(default=False)  # documents dated "2026-12-03" instead of "3 december 2026"
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class Meeting(SQLModel, table=True):
    """A meeting of a nämnd or its arbetsutskott (sammanträdesplan)."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("namnd_id", "kind", "starts_at"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    namnd_id: int = Field(foreign_key="namnd.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=10)  # "namnd" or "au"
    starts_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    place: str = Field(default="", max_length=200)
    handlingar_deadline: Optional[date] = None  # last day to submit handlingar


class ClosedDay(SQLModel, table=True):
    """An extra non-working day (klämdag) the municipality closes on."""

    __tablename__ = "closed_day"

    id: Optional[int] = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    reason: str = Field(default="", max_length=200)


class DocumentTemplate(SQLModel, table=True):
    """A nämnd's own Word template for one document kind; newest active one is used."""

    __tablename__ = "document_template"

    id: Optional[int] = Field(default=None, primary_key=True)
    namnd_id: int = Field(foreign_key="namnd.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=30)  # one of remiss.documents.DOCUMENT_KINDS
    filename: str = Field(max_length=255)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str = Field(max_length=64)
    version: int = Field(default=1)
    active: bool = Field(default=True)
    uploaded_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    uploaded_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


def name_with_organisation(namnd) -> str:
    """"Kommunstyrelsen, Malmö stad": the nämnd (a row or the model) as those outside know it – a remittent asks for
    the remissinstans's name, and "Kommunstyrelsen" names none of 290 kommuner (walk25 Y3). The name alone when no
    organisation is set or the name already says it ("Malmö stads revisorer", "Region Skånes regionstyrelse")."""
    name, organisation = namnd.name.strip(), " ".join((namnd.organisation or "").split())
    if not organisation or organisation.casefold() in " ".join(name.split()).casefold():
        return name
    return f"{name}, {organisation}"
