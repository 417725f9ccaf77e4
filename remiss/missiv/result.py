"""Value objects returned by the missiv parser."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Evidence:
    """Where in the input text a field's value was read."""

    field: str
    text: str
    start: int
    end: int


def format_moment(value: date | datetime | None) -> str | None:
    """Return YYYY-MM-DD for a date and YYYY-MM-DDTHH:MM for a datetime."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


@dataclass(frozen=True)
class MissivResult:
    """Registration fields read from a missiv, with evidence and Swedish warnings."""

    title: str | None
    remittent: str | None
    sender_dnr: str | None
    deadline: date | datetime | None
    answer_email: str | None
    copy_emails: list[str]
    contact_person: str | None
    sandlista: list[str]
    questions: list[str]
    letter_date: date | None
    evidence: list[Evidence]
    warnings: list[str]
    internal_deadline: date | datetime | None = field(default=None)
    extension_to: date | None = field(default=None)  # set when the letter extends the answer time of a remiss
    received_date: date | None = field(default=None)  # our arrival stamp on the letter ("2010 -01- 26")
    summary: str | None = field(default=None)  # the letter's own sentences about the matter, for the tjänsteskrivelse
    contact_email: str | None = field(default=None)  # the contact person's address, next to the name
    answer_address: str | None = field(default=None)  # the postal address an answer instruction names
    # round 26: other titles the letter offers, best first (title_candidates.py); when the title is withheld, the
    # first is the line the parser would have chosen
    title_alternatives: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return the contract JSON: the eight registration keys plus extras."""
        return {
            "title": self.title,
            "remittent": self.remittent,
            "sender_dnr": self.sender_dnr,
            "deadline": format_moment(self.deadline),
            "answer_email": self.answer_email,
            "contact_person": self.contact_person,
            "sandlista": list(self.sandlista),
            "questions": list(self.questions),
            "letter_date": format_moment(self.letter_date),
            "internal_deadline": format_moment(self.internal_deadline),
            "received_date": format_moment(self.received_date),
            "copy_emails": list(self.copy_emails),
            "extension_to": format_moment(self.extension_to),
            "contact_email": self.contact_email,
            "answer_address": self.answer_address,
            "summary": self.summary,
            "title_alternatives": list(self.title_alternatives),
            "evidence": [
                {"field": e.field, "text": e.text, "start": e.start, "end": e.end} for e in self.evidence
            ],
            "warnings": list(self.warnings),
        }
