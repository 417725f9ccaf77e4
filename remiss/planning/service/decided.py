"""The recorded beslut as the tidplan follows it, and the steps before it that the beslut passed over."""
from __future__ import annotations

from sqlmodel import Session, select

from remiss.calendar.after_beslut import Decided
from remiss.calendar.milestones import PASSED_OVER
from remiss.drafting.decision import decision_reference
from remiss.drafting.models import Decision, YttrandeDraft
from remiss.planning import approval
from remiss.planning.models import Milestone
from remiss.remisser.models import Remiss

# The work that prepares the beslut: never due after it, and ticked off by it when still open.
PREPARES_BESLUT = ("tjansteskrivelse", "granskning")
# what was never registered, in the words of "ingen tjänsteskrivelse registrerades"
NOT_REGISTERED = {"tjansteskrivelse": "ingen tjänsteskrivelse skickades till granskning",
                  "granskning": "ingen granskning registrerades"}


def decided_of(session: Session, remiss: Remiss) -> Decided | None:
    """The recorded beslut on the yttrande (not on a later rättelse, which the tidplan does not follow), with the
    day the yttrande was approved before it and whether the arbetsutskott was ticked off before it."""
    row = session.exec(select(Decision).where(Decision.remiss_id == remiss.id, Decision.rattelse == 0)).first()
    if row is None:
        return None
    draft_id = session.exec(select(YttrandeDraft.id).where(YttrandeDraft.remiss_id == remiss.id)).first()
    au_done = session.exec(select(Milestone.done_at).where(Milestone.remiss_id == remiss.id,
                                                           Milestone.kind == "arbetsutskott")).first()
    return Decided(row.decided_by, row.meeting_on, decision_reference(row), row.omedelbar_justering, row.justerad_on,
                   approved_on=approval.approved_on(session, draft_id, by=row.updated_at),
                   au_recorded=au_done is not None and au_done < row.recorded_at)


def pass_over(session: Session, rows: dict[str, Milestone], decided: Decided) -> dict[str, list]:
    """Word the steps before the beslut that are still open as passed over by it (the beslut ticks them off next,
    and they never happened); return the audit changes."""
    changes = {}
    for kind in PREPARES_BESLUT:
        row = rows.get(kind)
        if row is None or row.done_at is not None or row.explanation.startswith(PASSED_OVER):
            continue
        row.explanation = f"{PASSED_OVER} {decided.reference}; {NOT_REGISTERED[kind]} före beslutet."
        row.flagged, row.flag_reason, row.advice = False, None, ""
        session.add(row)
        changes[f"passed_over:{kind}"] = [None, decided.day.isoformat()]
    return changes
