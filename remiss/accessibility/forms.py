"""The tillgänglighetsredogörelse form parsed into plain values, with Swedish messages per field."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from remiss.remisser.input import InputErrors, parse_date, parse_email, too_long
from remiss.field_order import in_field_order

# the form's fields in the order templates/accessibility/form.html shows them: its error summary's order
FIELDS = ("organisation_name", "contact_email", "contact_phone", "contact_note", "known_issues", "reviewed_on")
LIMITS = {"organisation_name": 200, "contact_phone": 50, "contact_note": 5000, "known_issues": 20000}


@dataclass(frozen=True)
class StatementData:
    organisation_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_note: str = ""
    known_issues: str = ""
    reviewed_on: date | None = None


def parse_statement(form) -> StatementData:
    """Read the form; raise InputErrors naming each bad field."""
    errors: dict[str, str] = {}
    values = {key: str(form.get(key, "")).strip() for key in LIMITS}
    for key, limit in LIMITS.items():
        if len(values[key]) > limit:
            errors[key] = too_long(limit, len(values[key]))
    if not values["organisation_name"]:
        errors["organisation_name"] = "Ange organisationens namn."
    email = str(form.get("contact_email", "")).strip()
    if email:
        try:
            email = parse_email(email)
        except ValueError as exc:
            errors["contact_email"] = str(exc)
    if not email and not values["contact_phone"]:
        errors["contact_email"] = "Ange en e-postadress eller ett telefonnummer dit man kan anmäla brister."
    reviewed_on = None
    if str(form.get("reviewed_on", "")).strip():
        try:
            reviewed_on = parse_date(str(form.get("reviewed_on")))
        except ValueError as exc:
            errors["reviewed_on"] = str(exc)
    if errors:
        raise InputErrors(in_field_order(errors, FIELDS))
    return StatementData(contact_email=email, reviewed_on=reviewed_on, **values)
