"""The API's yttrande bodies (YttrandeSave, YttrandeStateChange) and response shapes, as validating models.

The sections are cleaned by the functions the yttrande form's save goes through (remiss.drafting.content); what
needs the remiss (how many frågeställningar, which question ids) is checked by the service when it saves.
"""
from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any, ClassVar

from pydantic import Field, StrictInt, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlmodel import SQLModel

from remiss.drafting import content
from remiss.drafting.models import DraftState
from remiss.drafting.states import parse_state
from remiss.remisser.input import clean_text
from remiss.remisser.status import RemissStatus
from remiss.validation import Body, cleaned, field_error, no_defaults, text_schema

SectionText = cleaned(content.clean_text, text_schema(content.MAX_TEXT), str)
LineText = cleaned(partial(content.clean_text, limit=content.MAX_LINE),
                   text_schema(content.MAX_LINE, description="en rad"), str)
Answer = cleaned(content.clean_answer, {"anyOf": [
    {"type": "string", "maxLength": content.MAX_TEXT},
    {"type": "object", "required": ["question_id"], "additionalProperties": False,
     "properties": {"question_id": {"type": "integer"}, "text": {"type": "string", "maxLength": content.MAX_TEXT}}}],
    "description": "svaret på frågeställningen på samma plats, eller på den med question_id"}, Any)
Flag = cleaned(content.clean_flag, {"type": "boolean"}, bool)


class Section(Body):
    """A free section (avsnitt) of the yttrande."""

    text: SectionText = ""
    rubrik: LineText = Field("", validate_default=True)
    # the section's id as read (GET): sent back, a save on an older version merges the section with itself even
    # when sections were added, removed or moved meanwhile; without it the section is matched by its rubrik
    id: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]{1,32}$")

    @model_validator(mode="before")
    @classmethod
    def _is_object(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise PydanticCustomError("invalid", content.SECTION_SHAPE)
        return data

    @field_validator("rubrik")
    @classmethod
    def _text_needs_rubrik(cls, rubrik: str, info: ValidationInfo) -> str:
        if info.data.get("text") and not rubrik:
            raise PydanticCustomError("invalid", content.SECTION_NEEDS_RUBRIK)
        return rubrik


class YttrandeContent(Body):
    """The sections of the yttrande; a section left out keeps its text."""

    model_config = {"json_schema_extra": no_defaults}

    sammanfattning: SectionText = None
    forslag_till_beslut: SectionText = None
    beslutsunderlag: SectionText = None
    arendet: SectionText = None
    remiss_sammanfattning: SectionText = None
    ovriga_synpunkter: SectionText = None
    ansvariga: SectionText = None
    reservationer: SectionText = None
    ordforande: LineText = None
    forvaltningschef: LineText = None
    forvaltningschef_titel: LineText = None
    svar: list[Answer] | None = Field(None, max_length=content.MAX_SECTIONS * 10,
                                      description="ett svar per frågeställning, i remissens ordning")
    avsnitt: list[Section] | None = Field(None, max_length=content.MAX_SECTIONS)
    inga_synpunkter: Flag = None

    def sections(self) -> dict[str, Any]:
        """The sections given, for remiss.drafting.versions.save."""
        given = self.model_fields_set & set(YttrandeContent.model_fields)
        return {name: ([s.model_dump(exclude_none=True) for s in self.avsnitt]
                       if name == "avsnitt" and self.avsnitt is not None
                       else getattr(self, name)) for name in given}


class YttrandeSave(YttrandeContent):
    """PUT /api/v1/remisser/{id}/yttrande: save the sections given as a new version.

    The sections come directly in the body or inside "content". "base_version" is the version the text was
    based on: when someone has saved a newer one since, the save is refused (400) instead of overwriting it."""

    error_prefixes_dropped: ClassVar[frozenset[str]] = frozenset({"content"})

    base_version: StrictInt | None = Field(None, ge=0)
    comment: cleaned(clean_text, text_schema(description="versionens kommentar; de första 500 tecknen sparas"),
                     str) = ""
    content: YttrandeContent | None = None

    @model_validator(mode="after")
    def _one_place(self):
        if self.content is not None and self.model_fields_set & set(YttrandeContent.model_fields):
            raise field_error("content", "Ange avsnitten antingen i 'content' eller direkt i begäran, inte båda.")
        return self

    def sections(self) -> dict[str, Any]:
        return self.content.sections() if self.content is not None else super().sections()


STATE_MESSAGE = ("Ange 'state' (utkast, granskning, godkand, expedierad, inga_synpunkter) "
                 "och eventuellt 'comment' som text.")
STATES = [s.value for s in DraftState] + ["inga_synpunkter"]


def clean_state(value) -> str:
    if not isinstance(value, str):
        raise ValueError(STATE_MESSAGE)
    return value if value == "inga_synpunkter" else parse_state(value).value


class YttrandeStateChange(Body):
    """POST /api/v1/remisser/{id}/yttrande/state: send for review, approve, return, expediera, or answer
    "inga synpunkter". Returning it to utkast needs a comment."""

    state: cleaned(clean_state, {"enum": STATES}, str)
    comment: cleaned(clean_text, text_schema(description="de första 2000 tecknen sparas"), str) = ""
    # for granskning/godkand with unanswered frågeställningar: "utelamna" (left out of the yttrande) or, when sending,
    # "inga_synpunkter" ("<nämnd> lämnar inga synpunkter på denna fråga."); any other value is refused with 400.
    # Left out, nothing is asked (as before): see unanswered_questions in the answer
    unanswered: str | None = None


class DecisionRecord(Body):
    """POST /api/v1/remisser/{id}/yttrande/beslut: the nämnd's (arbetsutskottets, a delegat's) beslut on the
    approved yttrande. Dates as YYYY-MM-DD; the paragraf as written in the protokoll ("§ 142" or "142")."""

    decided_by: str = "namnd"  # namnd | arbetsutskott | delegat
    meeting_on: str | None = None
    paragraf: str = ""
    delegat: str = ""
    omedelbar_justering: bool = False
    justerad_on: str | None = None
    # the beslut was taken on a day without such a meeting in the sammanträdesplan (an extra sammanträde);
    # without it such a date is refused with 400 and the reason under confirm_meeting
    confirm_meeting: bool = False
    # the beslut was taken before the yttrande was approved in Remiss; without it such a date is refused with 400
    # and the reason under confirm_before_approval
    confirm_before_approval: bool = False


class RattelseStart(Body):
    """POST /api/v1/remisser/{id}/yttrande/rattelse: start a rättelse of the expedierat yttrande, saying what is to
    be corrected. The sent version, its documents and its beslut stay; the rättelse needs its own beslut."""

    comment: cleaned(clean_text, text_schema(description="vad som ska rättas; de första 2000 tecknen sparas"), str) = ""


class JusteringRecord(Body):
    """POST /api/v1/remisser/{id}/yttrande/justering: the day the protokoll was justerat (YYYY-MM-DD)."""

    justerad_on: str | None = None


class MailNow(Body):
    """POST /api/v1/remisser/{id}/yttrande/skicka-nu: e-mail the expedierat yttrande to the svarsadress added after
    the expediering (mail_now_to); an empty object."""


class SentByHand(Body):
    """POST /api/v1/remisser/{id}/yttrande/skickat: the expedierat yttrande of a remiss without an answer address
    was sent by post (way "post"), "bud", "lamnat" or "annat" on sent_on (YYYY-MM-DD); the remiss becomes besvarad."""

    sent_on: str = ""
    way: str = "post"


# Response shapes (documentation: remiss.drafting.api builds these dicts)

class LabelledSection(SQLModel):
    label: str
    text: str


class SentPublic(SQLModel):
    rattelse: int = Field(description="0: yttrandet; n: den n:te rättelsen")
    version: int
    expedierad_at: datetime
    decision_reference: str | None
    title: str = Field("", description="ärendemeningen som handlingarna expedierades med (de behåller den)")
    title_changed_since: bool = Field(False, description="remissens ärendemening har ändrats efter expedieringen")
    mail_state: str | None = Field(None, description="e-postmeddelandet till svarsadressen: waiting (i utkorgen), "
                                   "sent, failed, stopped; null när inget e-postades")
    mailed_at: datetime | None = Field(None, description="när e-postmeddelandet lämnade utkorgen; null tills dess")


class YttrandePublic(SQLModel):
    state: DraftState
    state_label: str
    version: int | None
    frozen_version_id: int | None
    rattelse: int = Field(0, description="0: yttrandet; n: den n:te rättelsen, som är i arbete eller expedierad")
    sent: list[SentPublic] = Field(default_factory=list, description="varje expediering, den första först")
    review_comment: str
    sent_by_hand_pending: bool = Field(False, description="expedierat utan svarsadress och inte registrerat som "
                                                          "skickat: remissen är inte besvarad ännu")
    mail_now_to: str | None = Field(None, description="svarsadressen som lades till efter expedieringen: POST "
                                                      "…/yttrande/skicka-nu e-postar yttrandet dit (annars null)")
    unanswered_questions: list[dict[str, Any]] = Field(
        default_factory=list, description="frågeställningar utan svar ({number, fraga}); yttrandet tar inte med dem")
    missing_signatures: list[str] = Field(
        default_factory=list, description="underskrifter utan namn (”ordförande”, ”förvaltningschef”): tomma rader i "
                                          "yttrandet; ett delegationsbeslut undertecknas av delegaten")
    sections: list[LabelledSection]
    content: dict[str, Any] = Field(description="avsnitten som JSON, samma fält som i YttrandeContent")


class VersionPublic(SQLModel):
    number: int
    author_id: int | None
    created_at: datetime
    comment: str


class YttrandeWithVersions(YttrandePublic):
    versions: list[VersionPublic]


class YttrandeStateResult(YttrandePublic):
    """After "expedierad" also what was sent and where."""

    remiss_status: RemissStatus | None = None
    status_note: str | None = None
    documents: list[int] | None = None
    mailed_to: str | None = Field(None, description="svarsadressen: yttrandet läggs i utkorgen och e-postas dit "
                                                    "inom några minuter (när schemaläggaren sveper), inte genast")
    copies: list[str] | None = None
