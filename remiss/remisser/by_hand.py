"""'Ändra status för hand' on the remiss page: the status table's moves, with what a hand-set status needs."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from remiss import stale_form
from remiss.auth.access import Action, Principal, require, require_status_move
from remiss.remisser import service
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import Noun, noun_of
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus, TransitionError, check_transition

S = RemissStatus


# in the words of the kind: "Ärendet har ingen handläggare", "ärendet är återkallat" (kind_words, walk18 F7)
def _no_handlaggare(n: Noun) -> str:
    return (f"{n.The} har ingen handläggare. Välj en handläggare under ”Tilldela handläggare”: då blir status "
            "Tilldelad och handläggaren får veta det.")


# Closing a remiss without an answer: the reason is asked for (it stands in the history) and a confirmation.
REASON_NEEDED = {
    S.avstar: lambda n: "Skriv varför nämnden avstår från att svara.",
    S.aterkallad: lambda n: (f"Skriv varför {n.the} är {n.done('återkallad')} (t.ex. vem som återkallade {n.it} "
                             "och när)."),
}
CONFIRM_NEEDED = {
    S.avstar: lambda n: f"Bekräfta att nämnden avstår från att svara: {n.the} avslutas utan yttrande.",
    S.aterkallad: lambda n: f"Bekräfta att {n.the} är {n.done('återkallad')}: {n.it} avslutas utan yttrande.",
}


class AlreadyInStatus(TransitionError):
    """The status form sent again (a double click, a second tab): the remiss has the status asked for already, and
    nothing changes; the message names who set it and when (remiss.stale_form), as information. by_other: set by
    someone else (the page answers 409, stale_form.twice_status)."""

    def __init__(self, message: str, by_other: bool = False):
        super().__init__(message)
        self.by_other = by_other


def _already(session: Session, principal: Principal, remiss: Remiss) -> AlreadyInStatus:
    noun = noun_of(remiss.kind)
    event = stale_form.last_change(session, remiss_id=remiss.id, entity="remiss", key="status")
    set_by = stale_form.event_by(session, event, principal.user_id)
    said = f" (satt{set_by})" if set_by else ""
    return AlreadyInStatus(f"{noun.The} har redan status ”{RemissStatus(remiss.status).label}”{said}. Inget mer "
                           "behöver göras.", stale_form.by_other(event.user_id if event else None, principal.user_id))


def change_status_by_hand(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, new: str,
                          note: str = "", confirmed: bool = False) -> Remiss:
    """Move the remiss as its page's form asks (walk11 finding 8): Tilldelad only with a handläggare (assigning
    sets it, and tells him); Avstår and Återkallad only with a reason, stored as the history's note, and a
    confirmation. Else InputErrors under status, note and confirm."""
    known = str(getattr(new, "value", new)) in {s.value for s in S}
    if known and not principal.may(Action.edit, remiss.namnd_id):  # a läsare is refused the move asked for, with
        require_status_move(principal, remiss.namnd_id, remiss.status, new, remiss.kind)  # who makes it (walk28 Z5)
    require(principal, Action.edit, remiss.namnd_id)
    if not known:  # none of the list's (an empty value)
        raise InputErrors({"status": "Välj en ny status i listan."})
    if str(getattr(new, "value", new)) == remiss.status:
        raise _already(session, principal, remiss)
    wanted = check_transition(remiss.status, new, remiss.direction, remiss.kind)
    # who may, before why
    require_status_move(principal, remiss.namnd_id, RemissStatus(remiss.status), wanted, remiss.kind)
    note = note.strip()[:500]
    if wanted == S.tilldelad and not remiss.handlaggare_id:
        raise InputErrors({"status": _no_handlaggare(noun_of(remiss.kind))})
    if wanted in REASON_NEEDED:
        errors = {}
        if not note:
            errors["note"] = REASON_NEEDED[wanted](noun_of(remiss.kind))
        if not confirmed:
            errors["confirm"] = CONFIRM_NEEDED[wanted](noun_of(remiss.kind))
        if errors:
            raise InputErrors(errors)
        note = f"Skäl: {note}"
    if wanted == S.avslutad:  # an utgående remiss closes as its button closes it: asked about an old sammanställning
        from remiss.outgoing.service import closing

        try:
            return closing.close(session, now=now, principal=principal, remiss=remiss, note=note,
                                 stale_ok=confirmed, early_ok=confirmed)
        except closing.CloseQuestion as exc:  # asked at the form's checkbox, as the button asks (walk19 G13)
            raise InputErrors({"confirm": f"{exc.said} Kryssa i ”Avsluta ärendet ändå” och ändra status igen om "
                                          "ärendet ska avslutas ändå."}) from None
    return service.change_status(session, now=now, principal=principal, remiss=remiss, new=wanted, note=note,
                                 by_hand=True)
