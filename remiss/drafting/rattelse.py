"""Start a rättelse of the expedierat yttrande."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from remiss import events, stale_form
from remiss.audit import service as audit
from remiss.auth.access import Principal, require_act
from remiss.drafting.drafts import S, DraftError, find_draft, latest_version
from remiss.drafting.models import YttrandeDraft
from remiss.remisser import finished
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Remiss

# expedierat without an answer address and not yet registered as sent: nothing has reached the remittent, and a
# rättelse started then left the start page saying "Expediera yttrandet" (refused) and lost the sending (truth17 F2)
NOT_SENT_YET = ("Yttrandet är expedierat men inte skickat: registrera först att det är skickat (”Skickat per post "
                "eller på annat sätt”) och börja sedan rättelsen.")


def start_rattelse(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                   comment: str) -> YttrandeDraft:
    """Start a rättelse of the expedierat yttrande: a new version to write, review, decide and expediera.

    The sent version, its documents and its beslut stay as they were. The remiss stays besvarad (it was answered,
    in time or not, when the yttrande went out), so its tidplan and reminders are not opened again; the
    rättelse's own steps show in the Yttrande panel, "Att granska" and the history.
    """
    require_act(principal, "rattelse", remiss.namnd_id)
    finished.require_open(remiss, correcting=True)
    draft = find_draft(session, remiss.id)
    if draft is not None and draft.rattelse and draft.state != S.expedierad:  # sent twice, or from a second tab
        raise _started(session, principal, remiss, draft, comment)
    if draft is None or draft.state != S.expedierad:
        raise DraftError(ONLY_EXPEDIERAT)
    from remiss.drafting.sent_by_hand import pending

    if pending(remiss, draft.state, draft.rattelse):
        raise DraftError(NOT_SENT_YET)
    comment = (comment or "").strip()[:2000]
    if not comment:
        raise InputErrors({"comment": "Skriv vad som ska rättas i det expedierade yttrandet."})
    sent = latest_version(session, draft)
    draft.rattelse += 1
    draft.corrects_version_id = sent.id
    draft.state, draft.review_comment, draft.updated_at = S.utkast.value, comment, now
    draft.rattelse_reason = comment  # the review comment changes in granskning; the reason stays
    session.add(draft)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="yttrande_draft", entity_id=draft.id,
                 remiss_id=remiss.id, action="rattelse",
                 changes={"state": [S.expedierad.value, S.utkast.value], "rattelse": [None, draft.rattelse]},
                 note=f"{rattelse_name(draft.rattelse).capitalize()} av yttrandet (version {sent.number}) påbörjad: "
                      f"{comment}")
    events.draft_state_changed.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                    old=S.expedierad, new=S.utkast, comment=comment)
    return draft


ONLY_EXPEDIERAT = "Bara ett expedierat yttrande kan rättas; ändra utkastet i stället."


class AlreadyStarted(DraftError):
    """Skicka rättelse sent again while the rättelse it started is being written (a double click, a second tab):
    nothing changes. str is the refusal the API has always given (409); said is the page's words: which rättelse,
    who started it and when (remiss.stale_form), and a comment typed that was not saved."""

    def __init__(self, said: str, by_other: bool = False):
        super().__init__(ONLY_EXPEDIERAT)
        self.said = said
        self.by_other = by_other  # started by someone else: the page answers 409 (stale_form.twice_status)


def _started(session: Session, principal: Principal, remiss: Remiss, draft: YttrandeDraft,
             comment: str) -> AlreadyStarted:
    started = stale_form.last_change(session, remiss_id=remiss.id, entity="yttrande_draft", entity_id=draft.id,
                                     key="rattelse")
    reason = (draft.rattelse_reason or "").strip()
    said = (f"{rattelse_definite(draft.rattelse).capitalize()} är redan påbörjad"
            f"{stale_form.event_by(session, started, principal.user_id)}" + (f": ”{reason}”" if reason else "")
            + (". Skriv den rättade texten under Yttrande." if draft.state == S.utkast
               else f". Den är nu ”{S(draft.state).label}”."))
    typed = " ".join((comment or "").split())
    if typed and typed != " ".join(reason.split()):
        said += f" Det du skrev sparades inte: ”{typed}”."
    return AlreadyStarted(said, stale_form.by_other(started.user_id if started else None, principal.user_id))


def rattelse_name(number: int) -> str:
    """'rättelse' for the first, 'rättelse 2' for the next ones."""
    return "rättelse" if number <= 1 else f"rättelse {number}"


def rattelse_definite(number: int) -> str:
    """'rättelsen' for the first ("Rättelsen är påbörjad."), 'rättelse 2' for the next ones."""
    return "rättelsen" if number <= 1 else rattelse_name(number)
