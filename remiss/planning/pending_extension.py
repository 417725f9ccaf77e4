"""A förlängning asked of the remittent and not yet answered: the Tidplan's advice says it is requested and waiting,
instead of telling the handläggare to ask for one (truth16 F22)."""
from __future__ import annotations

from sqlmodel import Session, select

from remiss.calendar.swedish import format_weekday_date
from remiss.planning.models import Extension
from remiss.planning.service.extensions import extensions_of, reached
from remiss.remisser.models import Remiss

ASK = "Begär förlängd remisstid"  # how the planner's advice to ask begins (calendar.planner, calendar.passed)


def pending_request(session: Session, remiss_id: int) -> Extension | None:
    """The latest remiss-wide förlängning requested and still waiting for the remittent's answer: not one the
    sista svarsdag in force already reaches (extensions.reached, walk19 G4)."""
    remiss = session.get(Remiss, remiss_id)
    return next((e for e in reversed(extensions_of(session, remiss_id))
                 if e.decision == "pending" and not e.is_general and not reached(remiss, e)), None)


def pending_requests(session: Session, remiss_ids) -> dict[int, Extension]:
    """pending_request of each of many remisser, in one statement (the start page's lists): remiss id → the latest
    remiss-wide förlängning requested and not yet answered."""
    ids = sorted(set(remiss_ids))
    if not ids:
        return {}
    found: dict[int, Extension] = {}
    for e, remiss in session.exec(select(Extension, Remiss).join(Remiss, Remiss.id == Extension.remiss_id)
                                  .where(Extension.remiss_id.in_(ids), Extension.decision == "pending",
                                         Extension.sandlista_entry_id.is_(None), Extension.is_general.is_(False))
                                  .order_by(Extension.created_at, Extension.id)):
        if not reached(remiss, e):
            found[e.remiss_id] = e  # the latest wins, as in pending_request
    return found


def waiting_words(extension: Extension) -> str:
    """"Förlängning till onsdag 30 juni 2027 kl. 10.00 är begärd och väntar på besked.\""""
    until = format_weekday_date(extension.requested_until_on) if extension.requested_until_on else ""
    if until and extension.requested_until_time:
        until += f" kl. {extension.requested_until_time:%H.%M}"
    return f"Förlängning {'till ' + until + ' ' if until else ''}är begärd och väntar på besked."


def instead_of_asking(text: str, waiting: str) -> str:
    """text with its advice to ask for a förlängning (and what follows it) said as requested and waiting; as it is
    when nothing is waiting."""
    at = text.find(ASK) if waiting else -1
    return text if at < 0 else (text[:at] + waiting).strip()


def advice_while_waiting(texts: list[str], waiting: str) -> list[str]:
    """Stored proposals or warnings with the advice to ask replaced, said once (as they are without waiting)."""
    if not waiting:
        return texts
    said, result = False, []
    for text in texts:
        changed = instead_of_asking(text, waiting)
        if changed.endswith(waiting) and changed != text:
            if said and changed == waiting:
                continue
            said = True
        result.append(changed)
    return result
