"""Display-ready facts of the remiss page that depend on its direction."""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from remiss.calendar.swedish import count_words, format_date, format_deadline
from remiss.clock import local
from remiss.remisser.models import Direction
from remiss.remisser.status import RemissStatus


class OutgoingFacts(NamedTuple):
    """What an outgoing remiss shows where an incoming one shows Remittent and Inkom."""

    sent: str  # "3 december 2026", or that it is not sent yet
    svarstid: str  # "3 december 2026 – 15 januari 2027 kl. 12.00 (6 veckor)"


def outgoing_facts(remiss) -> OutgoingFacts:
    """Skickad and Svarstid of an outgoing remiss (a row or the model: sent_at and the deadline in force)."""
    deadline = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)
    if remiss.sent_at is None:
        return OutgoingFacts("Inte skickad ännu", f"till {deadline}" if remiss.effective_deadline_on else deadline)
    sent_on = local(remiss.sent_at).date()
    if remiss.effective_deadline_on is None:
        return OutgoingFacts(format_date(sent_on), deadline)
    days = (remiss.effective_deadline_on - sent_on).days
    length = count_words(days // 7, "vecka", "veckor") if days >= 7 and days % 7 == 0 else \
        count_words(days, "dag", "dagar")
    return OutgoingFacts(format_date(sent_on), f"{format_date(sent_on)} – {deadline} ({length})")


def lateness(remiss, today: date) -> str:
    """"" unless an open incoming remiss is past its sista svarsdag (extensions counted): then how late it is."""
    day = remiss.effective_deadline_on
    if remiss.direction != Direction.inkommande or day is None or day >= today \
            or RemissStatus(remiss.status).is_closed:
        return ""
    days = (today - day).days
    return "Sista svarsdagen var i går." if days == 1 else \
        f"Sista svarsdagen var för {count_words(days, 'dag', 'dagar')} sedan."


LATE_STEP = "Begär förlängd remisstid hos remittenten, eller svara så snart som möjligt."
