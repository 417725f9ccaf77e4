"""A remiss moved to another nämnd ("Ändra uppgifter", walk11 finding 3): what happens to its handläggare and
(through events.remiss_moved, drafting.moved) to its yttrande, said in the message after the move."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from remiss import events
from remiss.auth.access import Principal
from remiss.auth.models import NamndMembership, User
from remiss.namnd.models import Namnd
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus


def drop_outsider(session: Session, remiss: Remiss, changes: dict) -> None:
    """A handläggare who is not in the new nämnd does not follow the remiss there (the form clears one it cannot
    match; the API may send the nämnd alone)."""
    if "handlaggare_id" in changes:
        return
    if remiss.handlaggare_id and session.get(NamndMembership, (remiss.handlaggare_id, changes["namnd_id"])) is None:
        changes["handlaggare_id"] = None


def moved(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, old_namnd_id: int,
          old_handlaggare_id: int | None) -> list[str]:
    """After the move: a Tilldelad remiss without its handläggare is Registrerad again, and the yttrande follows
    (drafting.moved). Return the sentences that say so."""
    from remiss.remisser.service import change_status  # service calls this module

    old, new = session.get(Namnd, old_namnd_id), session.get(Namnd, remiss.namnd_id)
    noun = noun_of(remiss.kind)  # "Ärendet hör nu till …" for a medborgarförslag (kind_words, walk18 F7)
    notes = [f"{noun.The} hör nu till {new.name}."]
    # a finished remiss needs no new handläggare: it is only told that it has none (walk18 F13)
    assign = "." if RemissStatus(remiss.status).is_closed else f": tilldela en handläggare i {new.name}."
    if old_handlaggare_id and remiss.handlaggare_id is None:
        user = session.get(User, old_handlaggare_id)
        who = f"Handläggaren {user.name}" if user is not None else "Handläggaren"
        outside = session.get(NamndMembership, (old_handlaggare_id, new.id)) is None
        notes.append(f"{who} " + (f"är inte med i {new.name} och " if outside else "")
                     + f"är inte längre handläggare{assign}")
        if remiss.status == RemissStatus.tilldelad:
            change_status(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.registrerad,
                          note=f"Flyttad till {new.name}; handläggaren följde inte med")
    elif remiss.handlaggare_id:  # kept, or chosen on the same form: then it did not "follow"
        user = session.get(User, remiss.handlaggare_id)
        notes.append(f"Handläggaren {user.name} följer med." if remiss.handlaggare_id == old_handlaggare_id
                     else f"{user.name} är nu handläggare.")
    else:  # none before the move either (a handläggare dropped by an earlier move does not come back)
        notes.append(f"{noun.The} har ingen handläggare{assign}")
    for _, said in events.remiss_moved.send(remiss, session=session, now=now, principal=principal,
                                            old_namnd=old.name, new_namnd=new.name):
        if said:
            notes.append(said)
    return notes
