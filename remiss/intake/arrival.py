"""What the Inkorg proposes as Inkom and shows as Från for a mail: for a forwarded mail, the day the remittent's own
mail was sent and who sent it (the innermost forwarded message), not the colleague who forwarded it (walk12
findings 8 and 16). Pure code over a stored InboxMessage; no parser change.
"""
from __future__ import annotations

import email.utils
import json
from dataclasses import dataclass
from datetime import date, timedelta

from remiss.calendar.swedish import format_date, format_date_time
from remiss.clock import local
from remiss.missiv.email import innermost

ATTACHED = "\n--- Bilaga: "  # where the mail's own text ends in the read text (remiss.intake.formats._mail)
OLDEST_FORWARD = timedelta(days=120)  # an older quoted mail is history, not this remiss's arrival


@dataclass(frozen=True)
class Arrival:
    """The proposed Inkom, the mail's own day and, for a forward, the remittent's day and sender."""

    proposed: date
    mailbox_day: date  # the day the mail (or the forward) came to the mailbox
    remittent_day: date | None = None  # the day the innermost forwarded message was sent, when earlier
    remittent_sender: str = ""  # "Sundsvalls kommun <kommunstyrelsen@sundsvall.se>" of the innermost message

    def note(self, message) -> str:
        """The hint under Inkom on the proposal page."""
        if message.sent_at is None and self.remittent_day is None:
            return "Meddelandet saknar datum: fyll i den dag brevet kom in till er."
        if message.sent_at is None:
            return (f"Meddelandet saknar eget datum; Inkom är satt till den dag remittentens e-post skickades, "
                    f"{format_date(self.remittent_day)} – kontrollera.")
        mailbox = format_date_time(message.sent_at)
        if self.remittent_day is None:
            return f"Dagen e-postmeddelandet skickades till brevlådan, {mailbox}."
        return (f"Remittentens e-post skickades {format_date(self.remittent_day)}; vidarebefordrad {mailbox}. "
                f"Inkom är satt till den dag remittentens e-post skickades – ändra till "
                f"{self.mailbox_day.isoformat()} om brevet kom in till oss först när det vidarebefordrades.")


def arrival(message) -> Arrival:
    """Inkom for an Inkorg message: the innermost forwarded message's day when the mail is a forward whose inner
    message was sent earlier (within OLDEST_FORWARD), else the mail's own day (its Date header, else when fetched)."""
    mailbox_day = local(message.sent_at or message.fetched_at).date()
    envelope = _envelope(message)
    if envelope is None:
        return Arrival(mailbox_day, mailbox_day)
    sender = _sender(envelope)
    if not _other_sender(envelope, message.sender):
        return Arrival(mailbox_day, mailbox_day)
    day = envelope.sent
    if day is None or day >= mailbox_day or mailbox_day - day > OLDEST_FORWARD:
        return Arrival(mailbox_day, mailbox_day, None, sender)
    return Arrival(day, mailbox_day, day, sender)


def _envelope(message):
    text = json.loads(message.form_values).get("missiv_text") or ""
    own = text.split(ATTACHED, 1)[0]  # a forwarded block inside an attached letter is not this mail's
    try:
        return innermost(own)
    except Exception:  # noqa: BLE001 - a text the reader cannot split is simply not a forward
        return None


def _sender(envelope) -> str:
    if envelope.sender_name and envelope.sender_email:
        return f"{envelope.sender_name} <{envelope.sender_email}>"
    return envelope.sender_name or envelope.sender_email or ""


def _other_sender(envelope, outer: str) -> bool:
    """Whether the innermost message is someone else's than the mail's own From (a forward, not the mail itself)."""
    name, address = email.utils.parseaddr(outer or "")
    if envelope.sender_email:
        return envelope.sender_email.casefold() != address.casefold()
    return bool(envelope.sender_name) and envelope.sender_name.casefold() != (name or address).casefold()


def remittent_of(message) -> str:
    """Who the mail is from for the Inkorg's list: the remittent read from it, else the innermost forwarded
    message's sender, else the mail's own From."""
    remittent = (json.loads(message.form_values).get("remittent") or "").strip()
    if remittent:
        return remittent
    envelope = _envelope(message)
    if envelope is not None and _other_sender(envelope, message.sender):
        return _sender(envelope) or message.sender
    return message.sender


def answer_sender(message, instans: str = "") -> str:
    """Who an instans's answer to a remiss we sent is from, for the Inkorg's list: the instans it is matched to, with
    the mail's own sender (the innermost one of a forward); never the remittent read from its text, which for an
    answer is our own organisation (walk24 V18: "Från: Malmö stad" for a mail from parkering@example.se)."""
    envelope = _envelope(message)
    sender = _sender(envelope) if envelope is not None and _other_sender(envelope, message.sender) else message.sender
    return f"{instans} ({sender})" if instans and sender else instans or sender


def forwarded_by(message) -> str:
    """The one who forwarded the mail, shown as "via …" in the Inkorg's list: its own From when it is a forward of
    someone else's message, else "" (walk14 finding 10: a mail the remittent's officer sent herself is no forward)."""
    envelope = _envelope(message)
    return message.sender if envelope is not None and _other_sender(envelope, message.sender) else ""
