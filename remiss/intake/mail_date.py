"""Inkom from an e-mail: the day its Date header says it was sent to the mailbox, on the Stockholm clock – for a mail
fetched into the Inkorg and for an .eml or .msg dropped on the registration form alike (walk28 Z7)."""
from __future__ import annotations

import email.utils
import re
from datetime import datetime, timezone

from remiss.calendar.swedish import format_date_time
from remiss.clock import local

MAIL_DATE = "E-postmeddelandets datum: "  # the evidence of Inkom read from a mail's Date header


def sent_at(value: str | None) -> datetime | None:
    """The moment a mail's Date header names (UTC), or None when it has none or an unreadable one."""
    try:
        moment = email.utils.parsedate_to_datetime(re.sub(r"\s+", " ", str(value or "")).strip())
    except (ValueError, TypeError, IndexError):
        return None
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def mail_date_evidence(moment: datetime) -> str:
    """Inkom's evidence: the mail's Date in Swedish on the Stockholm clock ("… 5 december 2026 kl. 07.55"), not the
    header's English RFC 2822 words (walk25 Y5)."""
    return MAIL_DATE + format_date_time(moment)


def take_mail_date(values: dict, evidence: dict, moment: datetime) -> None:
    """Propose the mail's day as Inkom, with the mail's date as its evidence."""
    values["received_on"] = local(moment).date().isoformat()
    evidence["received_on"] = mail_date_evidence(moment)
