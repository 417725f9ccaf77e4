"""The API's bodies for an outgoing remiss's sändlista (InstansAnswer, InstansDecline, InstansExtension) and the
response shapes, as validating models (not tables).

Fields are cleaned by the functions of the outgoing forms (remiss.outgoing.forms): the page and the API say the
same about the same mistake. Sending (POST …/sandlista/send) takes no body.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import partial
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator
from sqlmodel import SQLModel

from remiss.outgoing.service.answers import AnswerData
from remiss.outgoing.forms import (TEXT_LIMIT, clean_answers, clean_date, clean_flag, clean_note, clean_text,
                                   clean_time)
from remiss.remisser.models import AnswerStatus
from remiss.validation import DATE_SCHEMA, TIME_SCHEMA, Body, cleaned, text_schema

FORM_ANSWER = re.compile(r"^q_([0-9]+)$")


def Text(limit: int = TEXT_LIMIT):
    return cleaned(partial(clean_text, limit=limit), text_schema(limit), str)


Note = cleaned(clean_note, text_schema(description="de första 5000 tecknen sparas"), str)
Flag = cleaned(clean_flag, {"type": "boolean", "description": "true, eller som i formuläret \"1\", \"on\", \"ja\""},
               bool)
Answers = cleaned(clean_answers, {
    "type": ["object", "null"], "propertyNames": {"pattern": "^[0-9]+$"},
    "additionalProperties": {"type": "string", "maxLength": TEXT_LIMIT},
    "description": "frågans id (se sandlista_status.questions) → svaret"}, dict[int, str])


def _form_answers(schema: dict) -> None:
    schema["patternProperties"] = {FORM_ANSWER.pattern: {"type": "string", "description": "som i formuläret"}}


class InstansAnswer(Body):
    """POST …/sandlista/{entry}/answer: register the answer a remissinstans sent in.

    The answers per question come as "answers": {"<id>": text}, or as the form's "q_<id>" fields."""

    model_config = {"json_schema_extra": _form_answers}

    answered_on: cleaned(partial(clean_date, required=False), DATE_SCHEMA, date | None) = Field(
        None, description="svarsdagen; utan: i dag")
    no_comments: Flag = False
    summary: Text(5000) = ""
    other_comments: Text() = ""
    answers: Answers = {}
    confirm_date: Flag = Field(False, description="true: svarsdagen före utskicket stämmer (annars 400 med frågan)")

    @model_validator(mode="before")
    @classmethod
    def _form_fields(cls, data: Any) -> Any:
        # "q_12": "…" as the form sends it; a filled-in one wins over "answers", as on the page
        if not isinstance(data, dict):
            return data
        form = {key: FORM_ANSWER.match(str(key)) for key in data}
        if not any(form.values()):
            return data
        rest = {key: value for key, value in data.items() if form[key] is None}
        filled = {form[key].group(1): value for key, value in data.items()
                  if form[key] and isinstance(value, str) and value.strip()}
        answers = rest.get("answers")
        if filled and (answers is None or isinstance(answers, dict)):
            rest["answers"] = {**(answers or {}), **filled}
        return rest

    def data(self, *, today: date) -> AnswerData:
        return AnswerData(answered_on=self.answered_on or today, no_comments=self.no_comments,
                          summary=self.summary, other_comments=self.other_comments, answers=dict(self.answers),
                          date_confirmed=self.confirm_date)


class InstansDecline(Body):
    """POST …/sandlista/{entry}/decline: the remissinstans avstår (declines to answer)."""

    note: Note = ""
    declined_on: cleaned(partial(clean_date, required=False), DATE_SCHEMA, date | None) = Field(
        None, description="dagen beskedet kom in (som formulärets Beskedet inkom); utan: i dag")


class InstansExtension(Body):
    """POST …/sandlista/{entry}/extension: grant one remissinstans anstånd until a later day."""

    until_on: cleaned(clean_date, DATE_SCHEMA | {"type": "string"}, date)
    until_time: cleaned(clean_time, TIME_SCHEMA, time | None) = None
    reason: Note = ""


# Response shapes (documentation: remiss.outgoing.api and remiss.outgoing.overview build these dicts)

class EntryStatus(SQLModel):
    id: int
    name: str
    group_name: str
    email: str
    answer_status: AnswerStatus
    answered_on: date | None
    no_comments: bool
    extended_until: date | None = Field(description="anståndets dag (klockslaget i extended_until_time)")
    extended_until_time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$", description="anståndets klockslag")
    deadline_in_force: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$",
                                          description="svarsdagen som gäller för instansen, med klockslag")
    sent_at: datetime | None
    delivery: Literal["epost", "post"] | None = Field(default=None, description="hur missivet skickades")
    missiv_mail: str | None = Field(default=None, description=(
        "utkorgens status för det e-postade missivet: pending/sending (i utkorgen, inte skickat än), sent, failed; "
        "null utan e-postat missiv"))
    missiv_held: bool = Field(default=False, description=(
        "missivet hålls kvar i utkorgen (missiv_mail är då failed): nämndens mall för missiv kan inte göra "
        "det, så inget har försökts skickas; det skickas när mallen är rättad och missivet gjort om"))
    reminders_planned: list[str] = Field(default_factory=list, description=(
        "påminnelserna som är planerade till instansen (ISO 8601, Europe/Stockholm); inga medan dess e-postade "
        "missiv inte kunde skickas (missiv_mail failed); en vars tid har kommit medan missivet är pending eller "
        "sending väntar och skickas efter missivet"))


class QuestionPublic(SQLModel):
    id: int
    position: int
    text: str


class SandlistaStatus(SQLModel):
    """How far the remissinstanser of an outgoing remiss have answered (null on an incoming remiss)."""

    total: int
    answered: int
    declined: int
    waiting: int = Field(description="varken svarat eller avstått")
    percent: int = Field(description="andel av asked som har svarat")
    by_status: dict[AnswerStatus, int]
    asked: int = Field(default=0, description="remissen skickad eller ska skickas till: total utom de som avstod "
                                              "före utskicket")
    declined_before_sending: int = Field(default=0, description="avstod utan att ha fått remissen")
    declined_asked: int = Field(default=0, description="avstår, utom de som avstod utan att ha fått remissen")
    missiv_failed: int = Field(default=0, description="har inte svarat och har inte fått remissen: det e-postade "
                                                      "missivet kunde inte skickas eller hålls kvar (inte i asked)")
    missiv_held: int = Field(default=0, description="av missiv_failed: de vars missiv hålls kvar (missiv_held)")
    not_sent: int = Field(default=0, description="satta på sändlistan efter utskicket och inte skickade remissen än, "
                                                 "varken svarat eller avstått (inte i asked)")
    entries: list[EntryStatus]
    questions: list[QuestionPublic]


class SendResult(SQLModel):
    queued: int = Field(description="hur många missiv som lades i utkorgen")
    posted: int = Field(default=0, description="hur många som ska få missivet per post (utskrivna brev)")
    letters_id: int | None = Field(default=None, description="id för Word-filen med breven (/filer/<id>)")
    missiv_made_from: str | None = Field(default=None, description=(
        "utskicket skapade missivet (från ”nämndens mall” eller ”standardmallen”), så ingen har läst det: inget var "
        "skapat, eller det skapade var inaktuellt (missiv_stale); null när det skapade missivet skickades"))
    missiv_stale: str | None = Field(default=None, description=(
        "varför det skapade missivet var inaktuellt (”remissen har ändrats efter att det skapades …”); null annars"))
    sandlista_status: SandlistaStatus


class AnswerResult(SQLModel):
    entry_id: int
    answer_status: AnswerStatus
    answered_on: date
    answers: dict[str, str] = Field(description="frågans id → svaret")


class DeclineResult(SQLModel):
    entry_id: int
    answer_status: AnswerStatus
    answered_on: date | None = Field(None, description="dagen beskedet kom in")


class ExtensionGranted(SQLModel):
    entry_id: int
    answer_status: AnswerStatus
    extended_until: date
    extended_until_time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$", description="anståndets klockslag")
    deadline_in_force: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$",
                                          description="svarsdagen som gäller för instansen, med klockslag")


class CompilationStatus(SQLModel):
    """The saved remissammanställning of an outgoing remiss (null on an incoming remiss, which has a yttrande
    instead; an outgoing remiss's "yttrande" is null)."""

    compiled: bool = Field(description="om svaren har sammanställts och sammanställningen sparats")
    file_id: int | None = Field(default=None, description="den sparade sammanställningen (/filer/<id>)")
    filename: str | None = None
    made_at: datetime | None = None
    out_of_date: bool = Field(default=False, description="ett svar har registrerats, ändrats eller ångrats sedan, "
                                                         "eller något av remissen som den visar har ändrats sedan")
    changed_since: list[str] = Field(default_factory=list, description="instanser vars svar ändrats sedan")
    questions_changed: bool = Field(default=False, description="frågeställningarna har ändrats sedan")
    changed_parts: list[str] = Field(default_factory=list, description=(
        "det av remissen som den visar och som ändrats sedan: namnd, title, our_dnr, deadline (svarstiden), "
        "questions, sandlista; anstand (ett anstånd har begärts eller beviljats sedan), sent (remissen har skickats "
        "till fler instanser sedan)"))
    anstand_since: list[str] = Field(default_factory=list, description=(
        "instanser (som inte har svarat sedan) vars anstånd har begärts eller beviljats sedan"))
    sent_since: list[str] = Field(default_factory=list, description="instanser som remissen har skickats till sedan")
    message: str = Field(default="", description="”Sammanställningen är äldre än svaret från … – sammanställ igen.”")


# What GET /api/v1/remisser/<id> adds beside the stored answer_email, contact_person and contact_email (added in
# session 34, truth34 #2: an utgående remiss with them empty said "" where the page and the missiv name the nämnd's
# funktionsbrevlåda and the one who registered it)
IN_FORCE_ANSWER_EMAIL = Annotated[str, Field(description=(
    "Svar till som sidan och missivet visar det: answer_email, eller för en utgående remiss utan den nämndens "
    "funktionsbrevlåda"))]
IN_FORCE_CONTACT_PERSON = Annotated[str, Field(description=(
    "Kontaktperson som sidan och missivet visar den: contact_person, eller för en utgående remiss utan den "
    "handläggaren, före tilldelning den som registrerade remissen"))]
IN_FORCE_CONTACT_EMAIL = Annotated[str, Field(description=(
    "Kontaktpersonens e-post som sidan och missivet visar den (contact_person_in_force)"))]
