"""The body of POST /api/v1/missiv/parse (MissivText) and what it returns (MissivFields), as models."""
from __future__ import annotations

from sqlmodel import SQLModel
from pydantic import Field

from remiss.remisser.schemas import MOMENT, Moment
from remiss.validation import Body, cleaned

MAX_TEXT = 2_000_000
MISSING = "Ange missivets text i fältet 'text'."


def clean_missiv_text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(MISSING)
    if len(value) > MAX_TEXT:
        raise ValueError("Texten är för lång (högst 2 miljoner tecken).")
    return value


class MissivText(Body):
    """The missiv as text (a file goes as multipart/form-data in the field "file")."""

    text: cleaned(clean_missiv_text, {"type": "string", "minLength": 1, "maxLength": MAX_TEXT,
                                      "pattern": r"\S"}, str)


class EvidencePublic(SQLModel):
    field: str
    text: str
    start: int
    end: int


class MissivFields(SQLModel):
    """The fields read from the missiv: the same JSON as `remiss parse-missiv`; a field not found is null ([])."""

    title: str | None
    remittent: str | None
    sender_dnr: str | None
    deadline: Moment | None = MOMENT
    answer_email: str | None
    contact_person: str | None
    sandlista: list[str]
    questions: list[str]
    letter_date: Moment | None = MOMENT
    internal_deadline: Moment | None = MOMENT
    received_date: Moment | None = MOMENT  # our arrival stamp on the letter, "2010 -01- 26"
    copy_emails: list[str]
    extension_to: Moment | None = Field(default=None, description=(
        "satt när brevet förlänger svarstiden (förlängd remisstid/svarstid): den nya sista dagen; "
        "finns remissen redan (remittentens diarienummer) ska den förlängas i stället för att registreras igen"))
    contact_email: str | None = Field(default=None, description="kontaktpersonens egen e-post, skriven vid namnet")
    summary: str | None = Field(default=None, description=(
        "brevets egna meningar om ärendet (ingressen) till tjänsteskrivelsens sammanfattning; null när brevet bara "
        "har instruktioner och kontaktuppgifter"))
    evidence: list[EvidencePublic]
    warnings: list[str] = Field(description="varningar på svenska, t.ex. om ett datum som inte gick att tolka")
