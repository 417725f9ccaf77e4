"""The remiss and what hangs on it: frågeställningar, files, the sändlista; our diarienummer series.

The tables other capabilities keep about a remiss are in their own models.py: tidplan and extensions in
remiss.planning, the register of remissinstanser and their answers in remiss.outgoing, samråd in remiss.drafting.
"""
from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Optional

from sqlalchemy import Column, Index, Text, UniqueConstraint, bindparam, event, text
from sqlmodel import Field, SQLModel

from remiss.calendar.timeliness import is_late
from remiss.clock import local
from remiss.db import UTCDateTime
from remiss.remisser import keys
from remiss.remisser.status import OPEN_VALUES


class Direction(StrEnum):
    inkommande = "inkommande"
    utgaende = "utgaende"

    @property
    def label(self) -> str:
        return {"inkommande": "Inkommande", "utgaende": "Utgående"}[self.value]


class RemissKind(StrEnum):
    remiss = "remiss"
    medborgarforslag = "medborgarforslag"

    @property
    def label(self) -> str:
        return {"remiss": "Remiss", "medborgarforslag": "Medborgarförslag"}[self.value]


class AnswerStatus(StrEnum):
    """Answer status of one remissinstans on an outgoing remiss."""

    ej_svarat = "ej_svarat"
    svarat = "svarat"
    avstar = "avstar"
    begart_anstand = "begart_anstand"
    anstand_beviljat = "anstand_beviljat"

    @property
    def label(self) -> str:
        return {
            "ej_svarat": "Ej svarat",
            "svarat": "Svarat",
            "avstar": "Avstår",
            "begart_anstand": "Begärt anstånd",
            "anstand_beviljat": "Anstånd beviljat",
        }[self.value]


# Written out with literals: a database uses a partial index only for a query naming the same values.
OPEN_PREDICATE = "status IN (%s)" % ", ".join(f"'{v}'" for v in OPEN_VALUES)


def is_open():
    """The condition "the remiss is open", sent with literals so that both databases match it to the partial
    indexes of the open remisser (ix_remiss_open_order, ix_remiss_open_deadline)."""
    return Remiss.status.in_(bindparam("open_statuses", OPEN_VALUES, expanding=True, literal_execute=True))


class Remiss(SQLModel, table=True):
    __tablename__ = "remiss"
    __table_args__ = (
        Index("ix_remiss_namnd_deadline", "namnd_id", "effective_deadline_on"),
        Index("ix_remiss_status_deadline", "status", "effective_deadline_on"),
        Index("ix_remiss_handlaggare_deadline", "handlaggare_id", "effective_deadline_on"),
        # The diarium's default order (undated last): page 1 is read from the index, not sorted.
        Index("ix_remiss_deadline_order", text("(effective_deadline_on IS NULL)"), "effective_deadline_on", "id"),
        # The open remisser in that order (start page, "Pågående"): the closed history is not walked through.
        Index("ix_remiss_open_order", text("(effective_deadline_on IS NULL)"), "effective_deadline_on", "id",
              sqlite_where=text(OPEN_PREDICATE), postgresql_where=text(OPEN_PREDICATE)),
        # ... and by deadline alone (what is due soon: the start page, the calendar, reminders).
        Index("ix_remiss_open_deadline", "effective_deadline_on", "id",
              sqlite_where=text(OPEN_PREDICATE), postgresql_where=text(OPEN_PREDICATE)),
        # "Besvarade för sent" (status=for_sent) in deadline order, read from the index
        Index("ix_remiss_answered_late_deadline", "answered_late", "effective_deadline_on"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    direction: str = Field(default=Direction.inkommande, max_length=12)  # Direction
    kind: str = Field(default=RemissKind.remiss, max_length=20)  # RemissKind
    title: str = Field(max_length=500)  # ärendemening
    remittent: str = Field(default="", max_length=300)  # who sent the remiss (incoming) or we (outgoing)
    sender_dnr: str = Field(default="", max_length=100, index=True)  # the remittent's diarienummer, free text
    our_dnr: Optional[str] = Field(default=None, max_length=100, unique=True)  # our own diarienummer
    received_on: Optional[date] = None  # our arrival stamp
    letter_date: Optional[date] = None  # the missiv's own date
    deadline_on: Optional[date] = None  # original deadline as given by the remittent
    deadline_time: Optional[time] = None  # time of day, when given ("kl 12.00")
    effective_deadline_on: Optional[date] = Field(default=None, index=True)  # in force: derived from extensions
    effective_deadline_time: Optional[time] = None
    answer_email: str = Field(default="", max_length=254)  # where the yttrande is e-mailed
    answer_address: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # postal address
    copy_emails: str = Field(default="", max_length=1000)  # comma-separated copy recipients
    contact_person: str = Field(default="", max_length=200)  # at the remittent
    contact_email: str = Field(default="", max_length=254)
    namnd_id: int = Field(foreign_key="namnd.id", index=True)  # responsible nämnd
    handlaggare_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    status: str = Field(default="registrerad", max_length=20)  # RemissStatus
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    missiv_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # pasted cover letter
    answer_instructions: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # e.g. "följ utredningens disposition"
    created_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))
    sent_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))  # outgoing: when mailed out
    answered_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))  # expedierad
    # besvarad (incoming) after the sista svarsdag in force, extensions counted, or expedierad after it without a
    # svarsadress and not yet registered as sent: kept current on every ORM write (_set_keys) so that "Besvarade för
    # sent" is a condition of the query, not a check of every row
    answered_late: bool = Field(default=False, sa_column_kwargs={"server_default": text("false")})
    # reminders: outbox rows are enqueued up to this local date; NULL = not planned yet (remiss.reminders.schedule)
    reminders_planned_until: Optional[date] = Field(default=None, index=True)
    # Lookup keys (remiss.remisser.keys), set from our_dnr, sender_dnr and title on every write (_set_keys):
    # a diarienummer typed in any case, spacing or number of leading zeros, with or without its prefix, and
    # a title already registered, are found through an index instead of by reading every remiss.
    our_dnr_key: Optional[str] = Field(default=None, max_length=100, index=True)  # "sofo-2026-6"
    our_dnr_tail: Optional[str] = Field(default=None, max_length=100, index=True)  # "2026-6"
    sender_dnr_key: Optional[str] = Field(default=None, max_length=100, index=True)  # "ks-iof-2010-15"
    sender_dnr_tail: Optional[str] = Field(default=None, max_length=100, index=True)  # "2010-15"
    title_key: Optional[str] = Field(default=None, max_length=500, index=True)  # "forslag till ny iof plan"


@event.listens_for(Remiss, "before_insert")
@event.listens_for(Remiss, "before_update")
def _set_keys(mapper, connection, remiss: Remiss) -> None:
    """Every ORM write of a remiss (pages, API, intake, imports) keeps its lookup keys current."""
    remiss.our_dnr_key, remiss.our_dnr_tail = keys.dnr_key(remiss.our_dnr), keys.dnr_tail(remiss.our_dnr)
    remiss.sender_dnr_key, remiss.sender_dnr_tail = keys.dnr_key(remiss.sender_dnr), keys.dnr_tail(remiss.sender_dnr)
    remiss.title_key = keys.title_key(remiss.title)
    remiss.answered_late = answered_late(remiss) or _expedited_late_unsent(connection, remiss)


def answered_late(remiss: Remiss) -> bool:
    """Whether the remiss is besvarad (incoming) after the sista svarsdag in force: its clock time, or the end of its
    day, in Stockholm (remisser.present.answered_late says None where this says False)."""
    return (remiss.direction == Direction.inkommande and remiss.status == "besvarad"
            and remiss.answered_at is not None and remiss.effective_deadline_on is not None
            and is_late(local(remiss.answered_at), remiss.effective_deadline_on, remiss.effective_deadline_time))


def _expedited_late_unsent(connection, remiss: Remiss) -> bool:
    """Whether the yttrande of a beslutad (incoming) remiss was expedierat without a svarsadress after the sista
    svarsdag in force, its sending not registered yet: "Expedierad för sent, inte skickad än", late from the
    expediering as the e-mailed case is, so that "Besvarade för sent" lists it too and every status word reads it
    here (walk26b X1; migration z005 set it on the rows there were). The expediering's moment is read only for such a
    remiss."""
    if (remiss.id is None or remiss.direction != Direction.inkommande or remiss.status != "beslutad"
            or remiss.effective_deadline_on is None):
        return False
    from remiss.drafting.mail_state import expedierat_unsent_at  # drafting builds on remisser

    made = expedierat_unsent_at(connection, remiss.id)
    return made is not None and is_late(local(made), remiss.effective_deadline_on, remiss.effective_deadline_time)


class Question(SQLModel, table=True):
    """A frågeställning of the remiss, in the remittent's order."""

    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("remiss_id", "position"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", index=True, ondelete="CASCADE")
    position: int  # 1-based order
    text: str = Field(sa_column=Column(Text, nullable=False))


class Attachment(SQLModel, table=True):
    """A stored file: remisshandling, answer from an instans, or extension evidence."""

    __tablename__ = "attachment"

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", index=True, ondelete="CASCADE")
    sandlista_entry_id: Optional[int] = Field(default=None, foreign_key="sandlista_entry.id", index=True)
    purpose: str = Field(default="remisshandling", max_length=30)  # remisshandling | svar | bevis
    filename: str = Field(max_length=255)  # the name the user gave it
    content_type: str = Field(default="application/octet-stream", max_length=150)
    size: int
    sha256: str = Field(max_length=64)
    storage_key: str = Field(max_length=200, unique=True)  # path below FILES_DIR, outside the web root
    uploaded_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    uploaded_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))


class SandlistaEntry(SQLModel, table=True):
    """One remissinstans on the sändlista of a remiss, incoming or outgoing; for outgoing remisser also its answer.

    It stays with the remiss: registration writes the sändlista of both directions (remisser.service) and the
    remiss page shows it; only the answer columns are outgoing's.
    """

    __tablename__ = "sandlista_entry"
    __table_args__ = (
        UniqueConstraint("remiss_id", "position"),
        Index("ix_sandlista_entry_remiss_status", "remiss_id", "answer_status"),
    )

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", ondelete="CASCADE")
    organisation_id: Optional[int] = Field(default=None, foreign_key="organisation.id", index=True)
    position: int  # order on the list
    name: str = Field(max_length=300)  # as printed on the sändlista
    email: str = Field(default="", max_length=254)
    group_name: str = Field(default="", max_length=200)
    answer_status: str = Field(default=AnswerStatus.ej_svarat, max_length=20)  # AnswerStatus
    answered_on: Optional[date] = None
    no_comments: bool = Field(default=False)  # "inga synpunkter"
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    other_comments: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # övriga synpunkter
    extended_until_on: Optional[date] = None  # this instans's own extension
    extended_until_time: Optional[time] = None
    sent_at: Optional[datetime] = Field(default=None, sa_column=Column(UTCDateTime))  # missiv mailed or posted
    postal_address: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))  # as sent by post
    delivery: str = Field(default="", max_length=10)  # how the missiv went: "" (not yet), "epost" or "post"
    own_address: bool = Field(default=False)  # set on this remiss by hand: not read from the register at sending


class DiarieSeries(SQLModel, table=True):
    """The last number handed out per prefix and year."""

    __tablename__ = "diarie_series"
    __table_args__ = (UniqueConstraint("prefix", "year"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    prefix: str = Field(max_length=20)
    year: int
    last_number: int = 0


class ArchivedDocument(SQLModel, table=True):
    """A document exactly as it was sent, stored at expediering and never made again: the PDF of the expedierat
    yttrande (remisser.archive). A later template or setting of the nämnd changes new documents, never this."""

    __tablename__ = "archived_document"

    id: Optional[int] = Field(default=None, primary_key=True)
    remiss_id: int = Field(foreign_key="remiss.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=30)  # "yttrande": the yttrande (or a rättelse of it) as expedierat
    rattelse: int = Field(default=0)  # 0: the yttrande; n: its n:th rättelse
    version_number: int  # the frozen DraftVersion.number that was sent
    source_document_id: Optional[int] = Field(default=None, foreign_key="generated_document.id")  # the .docx
    filename: str = Field(max_length=300)  # as the remittent got it
    content_type: str = Field(max_length=100)
    sha256: str = Field(max_length=64)
    size: int
    storage_key: str = Field(max_length=200)  # in FILES_DIR (remiss.files)
    created_by_id: Optional[int] = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False))  # the moment of expediering


class FormSubmission(SQLModel, table=True):
    """A Registrera form claimed by the request that registers with it (remisser.sent_once): a second sending of
    the same form finds the row and is shown the remiss registered. Written in the registering transaction."""

    __tablename__ = "form_submission"
    __table_args__ = (UniqueConstraint("user_id", "token"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", ondelete="CASCADE")
    token: str = Field(max_length=64)  # the form's hidden one-time token
    remiss_id: Optional[int] = Field(default=None, foreign_key="remiss.id", ondelete="CASCADE")
    created_at: datetime = Field(sa_column=Column(UTCDateTime, nullable=False, index=True))
