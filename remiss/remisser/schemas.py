"""The API's remiss bodies (RemissCreate, RemissUpdate) and response shapes, as validating models (not tables).

Each field is cleaned by the function the registration form uses (remiss.remisser.input), so the API and the
form say the same thing about the same mistake.
"""
from __future__ import annotations

from datetime import date, datetime, time
from functools import partial
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator
from sqlmodel import SQLModel

from remiss.remisser.input import (LIMITS, NAMND_MISSING, TIME_WITHOUT_DATE, RemissData, clean_choice,
                                   clean_direction, clean_email, clean_emails, clean_kind, clean_lines, clean_optional,
                                   clean_sandlista, clean_text, parse_date, parse_time)
from remiss.remisser.models import AnswerStatus, Direction, RemissKind
from remiss.remisser.status import RemissStatus, parse_status
from remiss.validation import (DATE_SCHEMA, EMAIL_SCHEMA, ID_SCHEMA, TIME_SCHEMA, Body, cleaned, field_error,
                               no_defaults, text_schema)


def Text(key: str, *, required: bool = False):
    limit = LIMITS[key]
    return cleaned(partial(clean_text, limit=limit, required=required),
                   text_schema(limit, nullable=not required) | ({"minLength": 1} if required else {}), str)


OptionalDate = cleaned(partial(clean_optional, parser=parse_date), DATE_SCHEMA, date | None)
OptionalTime = cleaned(partial(clean_optional, parser=parse_time), TIME_SCHEMA, time | None)
Email = cleaned(clean_email, EMAIL_SCHEMA, str)
Emails = cleaned(clean_emails, {"anyOf": [{"type": "array", "items": {"type": "string", "format": "email"}},
                                          {"type": "string", "description": "adresser åtskilda av komma"},
                                          {"type": "null"}]}, list[str])
DirectionField = cleaned(clean_direction, {"enum": [d.value for d in Direction]}, str)
KindField = cleaned(clean_kind, {"enum": [k.value for k in RemissKind]}, str)
NamndId = cleaned(partial(clean_choice, required=NAMND_MISSING), ID_SCHEMA, int)  # as the form (walk29 A9)
HandlaggareId = cleaned(clean_choice, {"anyOf": [ID_SCHEMA, {"type": "null"}]}, int | None)
Questions = cleaned(clean_lines, {
    "anyOf": [{"type": "array", "items": {"type": "string"}},
              {"type": "string", "description": "en frågeställning per rad"}, {"type": "null"}]}, list[str])
SANDLISTA_LINES = ("en remissinstans per rad (eller ett namn per element): ”Namn”, ”Namn; e-post”, "
                   "”Namn, e-post” eller ”Namn <e-post>”; för en utgående remiss läses och kontrolleras raderna "
                   "som i formuläret (outgoing.forms.parse_new_instanser), så en rad som inte går att läsa ger 400 "
                   "på sandlista")
Sandlista = cleaned(clean_sandlista, {
    "description": SANDLISTA_LINES,
    "anyOf": [{"type": "array", "items": {"anyOf": [
        {"type": "string", "description": "Namn, Namn; e-post, Namn, e-post eller Namn <e-post>"},
        {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 300}, "email": EMAIL_SCHEMA,
            "group_name": {"type": ["string", "null"], "maxLength": 200}}}]}},
        {"type": "string", "description": SANDLISTA_LINES}, {"type": "null"}]}, list)
Status = cleaned(parse_status, {"enum": [s.value for s in RemissStatus]}, RemissStatus)


class RemissBase(Body):
    """The fields a registration and a change share; every one may be left out."""

    remittent: Text("remittent") = ""
    sender_dnr: Text("sender_dnr") = ""
    our_dnr: Text("our_dnr") = ""  # empty: the next number of the nämnd's series
    received_on: OptionalDate = None
    letter_date: OptionalDate = None
    deadline_on: OptionalDate = None
    deadline_time: OptionalTime = None
    answer_email: Email = ""
    answer_address: Text("answer_address") = ""
    copy_emails: Emails = []
    contact_person: Text("contact_person") = ""
    contact_email: Email = ""
    handlaggare_id: HandlaggareId = None
    notes: Text("notes") = ""
    missiv_text: Text("missiv_text") = ""
    answer_instructions: Text("answer_instructions") = ""
    direction: DirectionField = Direction.inkommande.value
    kind: KindField = RemissKind.remiss.value
    questions: Questions = []
    sandlista: Sandlista = []
    # true: an inkommande remiss's missiv dated after Inkom is right (the forms ask "Datumen stämmer – registrera
    # ändå"); without it the API saves that pair and warns missiv_efter_inkom (remisser.input.letter_after_arrival)
    confirm_letter_date: bool | None = None


class RemissCreate(RemissBase):
    """POST /api/v1/remisser: register a remiss."""

    title: Text("title", required=True)
    namnd_id: NamndId

    @model_validator(mode="after")
    def _time_needs_date(self):
        if self.deadline_time and not self.deadline_on:
            raise field_error("deadline_on", TIME_WITHOUT_DATE)
        return self

    def to_data(self) -> RemissData:
        return RemissData(**{name: getattr(self, name) for name in RemissData.__dataclass_fields__})


class RemissUpdate(RemissBase):
    """PATCH (or PUT) /api/v1/remisser/{id}: change the fields given; "status" moves it through the workflow.

    A status the remiss already has is accepted without a change, also when the fields given (a handläggare)
    already moved it there.
    """

    model_config = {"json_schema_extra": no_defaults}  # a field left out is left as it is

    title: Text("title", required=True) = None
    namnd_id: NamndId = None
    status: Status | None = None
    # true: a new deadline_on/deadline_time corrects a typing error in the registered (original) sista svarsdag
    deadline_correction: bool | None = None
    # true: "status": "avslutad" closes an utgående remiss although instanser may still answer in time, or its
    # sammanställning is older than an answer or the frågeställningar, without the warning avslutad_fore_svaren
    confirm_close: bool | None = None

    def changes(self) -> dict[str, Any]:
        """The fields given, for remiss.remisser.service.update."""
        return {name: getattr(self, name) for name in self.model_fields_set
                if name not in NOT_CHANGES}


# the names of a PATCH's body that change nothing of the remiss by themselves: its move and the confirmations
NOT_CHANGES = frozenset({"status", "deadline_correction", "confirm_letter_date", "confirm_close"})


# Response shapes (documentation: the views build these dicts in remiss.api.serialize)

Moment = str  # 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM', Europe/Stockholm wall time
MOMENT = Field(pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$",
               description="ÅÅÅÅ-MM-DD, med klockslag ÅÅÅÅ-MM-DDT12:00 (svensk tid)")


class RemissPublic(SQLModel):
    """A remiss as the list and the detail show it."""

    id: int
    direction: Direction
    kind: RemissKind
    title: str
    remittent: str
    sender_dnr: str
    our_dnr: str | None
    status: RemissStatus
    status_label: str
    namnd_id: int
    handlaggare_id: int | None
    received_on: date | None = Field(description="Inkom; null för en utgående remiss (den kom inte in)")
    drawn_up_on: date | None = Field(default=None, description="Upprättad: en utgående remiss (null för inkommande)")
    deadline: Moment | None = MOMENT
    deadline_in_force: Moment | None = MOMENT
    answered_at: datetime | None = None  # expedierad (status besvarad)
    # expedierad after deadline_in_force; null while not besvarad (true already when expedierad late, unsent)
    answered_late: bool | None = None
    deadline_passed: bool = Field(default=False, description=(
        "en öppen inkommande remiss vars sista svarsdag (deadline_in_force, med klockslag) har passerat"))
    svarstid_ended: bool | None = Field(default=None, description=(
        "en öppen utgående remiss: remissinstansernas svarstid (deadline_in_force, med klockslag) har gått ut; "
        "den är instansernas, inte vår – deadline_passed är alltid false för en utgående remiss (null för "
        "inkommande)"))


class RemissListItem(RemissPublic):
    namnd: str
    handlaggare: str | None


class RemissList(SQLModel):
    """GET /api/v1/remisser: one page of the remisser the caller may see."""

    items: list[RemissListItem]
    total: int
    more: bool = Field(description="en sökning träffade fler än total (räkningen slutar där)")
    page: int
    per_page: int
    pages: int
    unsent_left_out: int = Field(0, description="status=besvarad eller beslutad: så många remisser med den statusen "
                                                "listas inte för att det expedierade yttrandet inte har skickats än; "
                                                "de listas under status=expedierad (tillagt i session 29)")


class SandlistaRow(SQLModel):
    name: str
    email: str
    group_name: str
    answer_status: AnswerStatus | None = Field(description="en utgående remiss: instansens svar; null på en "
                                                           "inkommande remiss, vars sändlista bara namnger de andra "
                                                           "remissinstanserna (deras svar följs inte här; tillagt "
                                                           "i session 34)")


class FileInfo(SQLModel):
    id: int
    filename: str
    size: int
    content_type: str
    purpose: str


class RemissDetail(RemissPublic):
    """One remiss. The capabilities add their parts (milestones, extensions, yttrande, sandlista_status);
    remiss.api.openapi documents those from the app factory's wiring."""

    letter_date: date | None
    answer_email: str
    answer_address: str
    copy_emails: list[str]
    contact_person: str
    contact_email: str
    notes: str
    answer_instructions: str
    questions: list[str]
    sandlista: list[SandlistaRow]
    files: list[FileInfo]
    created_at: datetime | None
    updated_at: datetime | None
    sent_at: datetime | None = Field(default=None, description="en utgående remiss: när den skickades första gången")

    extras: ClassVar[tuple[str, ...]] = ()


class ListQuery(SQLModel):
    """The query of GET /api/v1/remisser: the diarium's filters (read by RemissFilter.from_args) and paging."""

    status: Literal[("open", "closed", "for_sent", "expedierad", *(s.value for s in RemissStatus))] | None = Field(
        None, description="en status, open (pågående), closed (avslutade), for_sent (besvarade efter sista "
                          "svarsdagen, förlängd svarsdag räknad) eller expedierad (expedierade, inte skickade: "
                          "yttrandet i utkorgen, eller utan svarsadress och inte registrerat som skickat); besvarad "
                          "tar bara med remisser vars yttrande har lämnat utkorgen, for_sent också de som "
                          "expedierades för sent och väntar där eller på att registreras som skickade")
    namnd_id: int | None = None
    handlaggare_id: int | None = None
    mine_id: int | None = Field(None, description="en användares remisser som Mina remisser visar dem: där hen är "
                                                   "handläggare eller kontaktperson för en utgående remiss")
    handlaggare: str | None = Field(None, description="namn eller e-postadress")
    direction: Direction | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    q: str | None = Field(None, description="fritext")
    sort: str | None = None
    page: int = Field(1, ge=1)
    per_page: int = Field(50, ge=1, le=200)


class DuplicateQuery(SQLModel):
    """The query of GET /api/v1/remisser/mojliga-dubbletter: what the registration form holds so far."""

    sender_dnr: str | None = Field(None, description="remittentens diarienummer (de första 100 tecknen)")
    title: str | None = Field(None, description="ärendemening (de första 500 tecknen)")


class Duplicate(SQLModel):
    id: int
    our_dnr: str | None
    title: str
    remittent: str
    sender_dnr: str
    url: str = Field(description="remissens sida")


class DuplicateList(SQLModel):
    """Remisser already registered with the same remittent's diarienummer or the same title (case,
    punctuation, spacing, å/ä/ö and leading zeros aside), newest first, at most five."""

    items: list[Duplicate]
    said: str = Field("", description="hur många och vad, som formuläret säger det: ”en remiss”, ”2 ärenden” "
                                      "(tom när inget hittades)")


class ArchivedPublic(SQLModel):
    """A document exactly as it was expedierat (remisser.archive): "Expedierat yttrande (arkiverat)"."""

    id: int
    kind: str  # "yttrande"
    label: str
    rattelse: int  # 0: the yttrande; n: its n:th rättelse
    version: int  # the version that was expedierad
    filename: str
    content_type: str
    sha256: str
    size: int
    archived_at: datetime  # the moment of expediering
    url: str  # the stored bytes, never made again
