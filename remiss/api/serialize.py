"""JSON shapes of the API."""
from __future__ import annotations

from datetime import datetime

from remiss.clock import deadline_iso
from remiss.remisser.models import Remiss
from remiss.remisser.present import answered_late, deadline_passed, svarstid_ended
from remiss.remisser.status import status_label


def _iso(value):
    return value.isoformat() if value is not None else None


def remiss_summary(remiss: Remiss, now: datetime, *, unsent: bool = False) -> dict:
    """unsent: its expedierat yttrande waits in the Utkorg (drafting.mail_state.unsent): status stays "besvarad",
    status_label says "Expedierad, inte skickad" as the pages do (walk25 Y9); "Expedierad för sent, inte skickad
    än" when Remiss.answered_late (expedierad late, e-mailed or without a svarsadress)."""
    outgoing = remiss.direction == "utgaende"
    return {
        "id": remiss.id, "direction": remiss.direction, "kind": remiss.kind, "title": remiss.title,
        "remittent": remiss.remittent, "sender_dnr": remiss.sender_dnr, "our_dnr": remiss.our_dnr,
        "status": remiss.status, "status_label": status_label(remiss.status, unsent=unsent,
                                                              late=remiss.answered_late),
        "namnd_id": remiss.namnd_id, "handlaggare_id": remiss.handlaggare_id,
        # an utgående remiss came in nowhere: its received_on is the day it was drawn up (Upprättad, as the export)
        "received_on": None if outgoing else _iso(remiss.received_on),
        "drawn_up_on": _iso(remiss.received_on) if outgoing else None,
        "deadline": deadline_iso(remiss.deadline_on, remiss.deadline_time),
        "deadline_in_force": deadline_iso(remiss.effective_deadline_on, remiss.effective_deadline_time),
        # expedierad; answered_late compares it with deadline_in_force (null while not besvarad, but true for one
        # expedierad late without a svarsadress and not yet sent: Remiss.answered_late, as status=for_sent lists it)
        "answered_at": _iso(remiss.answered_at), "answered_late": remiss.answered_late or answered_late(remiss),
        # an open incoming remiss past deadline_in_force now, its clock time counted (as the lists' "passerad")
        "deadline_passed": deadline_passed(remiss, now),
        # an open utgående remiss: the deadline is the remissinstansernas svarstid, run out now (null for incoming)
        "svarstid_ended": svarstid_ended(remiss, now) if outgoing else None,
    }


def remiss_detail(remiss: Remiss, now: datetime, *, questions, sandlista, attachments, extra: dict | None = None,
                  unsent: bool = False) -> dict:
    body = remiss_summary(remiss, now, unsent=unsent)
    outgoing = remiss.direction == "utgaende"
    body.update({
        "letter_date": _iso(remiss.letter_date),
        "answer_email": remiss.answer_email, "answer_address": remiss.answer_address,
        "copy_emails": [e.strip() for e in remiss.copy_emails.split(",") if e.strip()],
        "contact_person": remiss.contact_person, "contact_email": remiss.contact_email,
        "notes": remiss.notes, "answer_instructions": remiss.answer_instructions,
        "questions": [q.text for q in questions],
        # an incoming remiss's sändlista names the others the remittent asked; whether they answered is not ours to
        # track, so no answer_status is claimed for them (null; walk34 #1)
        "sandlista": [{"name": e.name, "email": e.email, "group_name": e.group_name,
                       "answer_status": e.answer_status if outgoing else None} for e in sandlista],
        "files": [{"id": a.id, "filename": a.filename, "size": a.size, "content_type": a.content_type,
                   "purpose": a.purpose} for a in attachments],
        "created_at": _iso(remiss.created_at), "updated_at": _iso(remiss.updated_at),
        "sent_at": _iso(remiss.sent_at),
    })
    if extra:
        body.update(extra)
    return body
