"""The API's extension bodies (ExtensionRequest, ExtensionDecision) and the tidplan's response shapes.

Fields are cleaned by the functions of the extension forms (remiss.planning.forms): the same message for the
same mistake on the page and in the API.
"""
from __future__ import annotations

from datetime import date, datetime, time
from functools import partial
from typing import Any, Literal

from pydantic import Field, model_validator
from sqlmodel import SQLModel

from remiss.planning.forms import (LIMITS, REQUESTED_BY_MISSING, UNTIL_MISSING, clean_date,
                                   clean_decision, clean_text, clean_time)
from remiss.remisser.schemas import MOMENT, Moment
from remiss.validation import DATE_SCHEMA, TIME_SCHEMA, Body, cleaned, text_schema


def Text(key: str, *, required: str | None = None):
    return cleaned(partial(clean_text, limit=LIMITS[key], required=required),
                   text_schema(LIMITS[key], nullable=not required) | ({"minLength": 1} if required else {}), str)


Date = cleaned(clean_date, DATE_SCHEMA, date | None)
Time = cleaned(clean_time, TIME_SCHEMA, time | None)
MOMENT_SCHEMA = {"type": ["string", "null"],
                 "pattern": r"^(19|20|21)\d{2}-\d{2}-\d{2}(T([01][0-9]|2[0-3]):[0-5][0-9])?$",
                 "description": "datum och klockslag i ett: ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDT12:00"}


def _split_moment(data: Any, key: str, day_key: str, time_key: str) -> Any:
    """Accept "until": "2015-09-28T12:00" as well as separate date and time fields (those win)."""
    if not isinstance(data, dict) or key not in data:
        return data
    data = dict(data)
    value = data.pop(key)
    if isinstance(value, str) and value:
        day, _, at = value.partition("T")
        data.setdefault(day_key, day)
        if at:
            data.setdefault(time_key, at[:5])
    return data


def _one_of(*keys: str):
    def extra(schema: dict) -> None:
        schema["anyOf"] = [{"required": [key]} for key in keys]
    return extra


MomentIn = cleaned(lambda value: value, MOMENT_SCHEMA, str | None)  # split into the two fields before validation


class ExtensionBase(Body):
    evidence_text: Text("evidence_text") = ""  # the e-mail or letter that asked or answered, pasted


class ExtensionRequest(ExtensionBase):
    """POST /api/v1/remisser/{id}/extensions: record that someone asked for förlängd remisstid.

    The new deadline is "until_on" (and "until_time") or both in one as "until". With "general": true it is the
    remittent's notice to everyone, in force at once."""

    model_config = {"json_schema_extra": _one_of("until_on", "until")}

    requested_by: Text("requested_by", required=REQUESTED_BY_MISSING)
    requested_on: Date = None
    until_on: cleaned(partial(clean_date, required=UNTIL_MISSING), DATE_SCHEMA, date) = Field(
        None, validate_default=True)
    until_time: Time = None
    until: MomentIn = None
    reason: Text("reason") = ""
    general: bool = False

    @model_validator(mode="before")
    @classmethod
    def _until(cls, data: Any) -> Any:
        return _split_moment(data, "until", "until_on", "until_time")

    def values(self) -> dict:
        """Keyword arguments for remiss.planning.service.extensions.request_extension."""
        return {"requested_by": self.requested_by, "requested_on": self.requested_on, "until_on": self.until_on,
                "until_time": self.until_time, "reason": self.reason}


class ExtensionDecision(ExtensionBase):
    """POST /api/v1/remisser/{id}/extensions/{eid}/decision: granted or denied, and until when.

    Granted without a date grants what was asked for."""

    decision: cleaned(clean_decision, {"enum": ["granted", "denied"]}, str)
    granted_until_on: Date = None
    granted_until_time: Time = None
    granted_until: MomentIn = None
    decided_on: Date = None

    @model_validator(mode="before")
    @classmethod
    def _until(cls, data: Any) -> Any:
        return _split_moment(data, "granted_until", "granted_until_on", "granted_until_time")

    def values(self) -> dict:
        """Keyword arguments for remiss.planning.service.extensions.decide_extension."""
        return {"granted": self.decision == "granted", "until_on": self.granted_until_on,
                "until_time": self.granted_until_time, "decided_on": self.decided_on}


# Response shapes (documentation: remiss.planning.api builds these dicts)

class MilestonePublic(SQLModel):
    id: int
    kind: str
    label: str
    due: Moment | None = MOMENT
    planned: Moment | None = MOMENT
    override: date | None
    override_reason: str | None
    owner_role: str
    explanation: str
    flagged: bool
    # why it is flagged, null when it is not: omedelbar_justering | inget_sammantrade | fore_ankomst | efter_svarsdag
    # | efter_sammantrade | utanfor_tidplan | redan_passerat | ej_arbetsdag | sent_sammantrade | preliminar (null too for a flag stored
    # without a reason)
    flag_reason: str | None = None
    flag_reason_text: str | None = None  # the reason in Swedish: "omedelbar justering behövs"; "se tidplanen"
    advice: str = ""
    done_at: datetime | None  # null for a milestone that never happened (cancelled)
    # "Utgår": ticked off only because the remiss was withdrawn (återkallad) or declined (avstår), or an expediering
    # a remiss set to Besvarad by hand never had (its explanation says so)
    cancelled: bool = False
    cancelled_at: datetime | None = None  # when the remiss closed and called it off
    status: Literal["open", "done", "cancelled"] = "open"
    # why it is done only by the expediering, never marked by hand (expediering, sista_svarsdag), while it is open;
    # why the registered beslut keeps a done step done; null otherwise
    not_by_hand: str | None = None
    # a done sammanträde (arbetsutskott, nämnd, justering): the day it was held; done_at is when it was registered
    held_on: date | None = None
    # the Sista svarsdag, done at the expediering, while the expedierat yttrande's e-mail waits in the Utkorg: the
    # pages say "Väntar på e-post", not "Klar" (walk25b Z4); false otherwise
    waiting_for_mail: bool = False


class ExtensionPublic(SQLModel):
    id: int
    general: bool
    requested_by: str
    requested_on: date | None
    requested_until: Moment | None = MOMENT
    reason: str
    decision: Literal["pending", "granted", "denied", "superseded"]
    granted_until: Moment | None = MOMENT
    decided_on: date | None
    evidence_text: str | None
    evidence_attachment_id: int | None


class ExtensionResult(SQLModel):
    extension: ExtensionPublic
    effective_deadline: Moment | None = MOMENT
    milestones: list[MilestonePublic]


class RemissWarningPublic(SQLModel):
    """Something about the remiss that is not as it should be (planning.beslut_link), and where to put it right."""

    code: str  # "beslut_utan_sammantrade": decided, but no sammanträde and § (or delegationsbeslut) registered
    message: str
    link_text: str
    url: str  # the place on the remiss page where it is put right
