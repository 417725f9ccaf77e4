"""A missiv held back because the nämnd's missiv template could not make it is made anew when that template changes.

When the template cannot make the missiv, the queued missiv mails are held back (amendments.HELD) and the user is
told to put the template right and press "Skapa missivet på nytt". Putting a missiv template in use (uploading or
replacing it, an earlier version, the standard template) does that press for every open utgående remiss of the
nämnd that holds a missiv back, through the same amendments.remake, so the held missiv goes out by itself. A
template that still cannot make it leaves them held, with its own reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from remiss.auth.access import Action, Principal
from remiss.calendar.swedish import join_words
from remiss.documents import RenderError
from remiss.outgoing.service import amendments, lifecycle, sending
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.remisser.models import Direction, Remiss

KIND = "missiv"  # the document kind whose template makes the missiv (documents.kinds)


@dataclass(frozen=True)
class HeldRemade:
    """What putting a missiv template in use did to the missiv held back in the Utkorg."""

    sent: list[str] = field(default_factory=list)  # "SOFÖ 2026/0003 (till Trafiknämnden och Miljönämnden)"
    sent_count: int = 0  # the missiv mails made anew, that go out now
    kept: list[str] = field(default_factory=list)  # the remisser whose held missiv the template still cannot make
    kept_count: int = 0
    error: str = ""  # why (the first failing remiss's RenderError, as it says it)


def holding(session: Session, namnd_id: int) -> list[Remiss]:
    """The nämnd's utgående remisser that can still be sent and hold a missiv back (held.is_held), oldest first."""
    ids = session.exec(select(OutboxMessage.remiss_id).join(Remiss, Remiss.id == OutboxMessage.remiss_id).where(
        Remiss.namnd_id == namnd_id, Remiss.direction == Direction.utgaende, Remiss.status.in_(lifecycle.SENDS),
        OutboxMessage.kind == sending.MISSIV_KIND, OutboxMessage.status == OutboxStatus.failed.value,
        OutboxMessage.last_error.startswith(amendments.HELD_MARK)).distinct()).all()
    return list(session.exec(select(Remiss).where(Remiss.id.in_(sorted(ids))).order_by(Remiss.id))) if ids else []


def remake_held(session: Session, *, now: datetime, principal: Principal, namnd_id: int, template_name: str,
                files_dir: str, base_url: str) -> HeldRemade:
    """Make anew, with the missiv template now in use (template_name: "nämndens mall för missiv, version 3" or
    "standardmallen"), the held-back missiv of the nämnd's remisser; they go out at the next sweep."""
    sent, kept, sent_count, kept_count, error = [], [], 0, 0, ""
    if not principal.may(Action.edit, namnd_id):  # only who may make a missiv of the nämnd makes them anew
        return HeldRemade()
    for remiss in holding(session, namnd_id):
        names = amendments.held_back(session, remiss.id)[0]
        label = remiss.our_dnr or remiss.title
        note = (f"Missivet till {join_words(names)} hölls kvar och är gjort om med {template_name}, som nu används "
                f"för missiv: det skickas.")
        try:
            done = amendments.remake(session, now=now, principal=principal, remiss=remiss, files_dir=files_dir,
                                     base_url=base_url, note=note)
        except RenderError as exc:
            kept.append(f"{label} (till {join_words(names)})")
            kept_count += len(names)
            error = error or str(exc)
            continue
        remade = [n for n in done.rebuilt if n in names]
        if remade:
            sent.append(f"{label} (till {join_words(remade)})")
            sent_count += len(remade)
    return HeldRemade(sent, sent_count, kept, kept_count, error)


def remade_words(done: HeldRemade) -> list[tuple[str, str]]:
    """The flash messages (text, category) of remake_held: "Missivet som hölls kvar har gjorts om och skickas: …"."""
    said = []
    # one missiv of a remiss to its instanser, as the panel and the history say it (walk25b Z8: not "2 missiv")
    if done.sent:
        said.append((f"{_the(done.sent)} som hölls kvar har gjorts om och skickas: {join_words(done.sent)}.",
                     "success"))
    if done.kept:
        said.append((f"{_the(done.kept)} hålls fortfarande kvar: mallen som används nu kan inte heller göra "
                     f"missivet för {join_words(done.kept)}. {done.error}", "error"))
    return said


def _the(remisser: list[str]) -> str:
    """"Missivet" of one remiss, "Missiven" of several."""
    return "Missivet" if len(remisser) == 1 else "Missiven"
