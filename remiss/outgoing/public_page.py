"""The public page of a published outgoing remiss (/remissvar/N): the instanser, what each said, and the files
published (split from outgoing.present, which still offers both functions)."""
from __future__ import annotations

from sqlmodel import Session, select

from remiss.calendar.swedish import format_date, format_deadline
from remiss.clock import local
from remiss.namnd.models import Namnd
from remiss.outgoing.models import Publication, PublishedFile
from remiss.outgoing.service import publication
from remiss.remisser import page
from remiss.remisser.models import AnswerStatus, Attachment, Direction, Remiss, SandlistaEntry


def _possible(entry: SandlistaEntry, today) -> bool:
    """Whether an answer's date can be true: not after today, not before the remiss was sent to the instans (a
    date registered before these were checked is left off the public page rather than shown wrong)."""
    return bool(entry.answered_on and entry.answered_on <= today
                and (entry.sent_at is None or entry.answered_on >= local(entry.sent_at).date()))


def public_page(session: Session, remiss_id: int, today=None) -> dict | None:
    """The public list of a published outgoing remiss: the instanser and the files published; None if none."""
    published = session.get(Publication, remiss_id)
    remiss = session.get(Remiss, remiss_id)
    if published is None or remiss is None or remiss.direction != Direction.utgaende:
        return None
    shown = session.exec(select(Attachment).join(PublishedFile, PublishedFile.attachment_id == Attachment.id)
                         .where(PublishedFile.remiss_id == remiss_id).order_by(PublishedFile.position)).all()
    stale = publication.outdated(session, remiss_id, list(shown))  # walk16 #5: not served once out of date
    shown = [a for a in shown if a.id not in stale]
    by_entry: dict[int, list[Attachment]] = {}
    general = []
    for attachment in shown:
        if attachment.purpose == "svar" and attachment.sandlista_entry_id:
            by_entry.setdefault(attachment.sandlista_entry_id, []).append(attachment)
        else:
            general.append(attachment)
    entries = []
    for entry in page.entries(session, remiss_id):
        if entry.answer_status == AnswerStatus.svarat and entry.id in by_entry:
            said = "Remissvar" + (f" inkom {format_date(entry.answered_on)}"
                                  if _possible(entry, today or entry.answered_on) else "")
        elif entry.answer_status == AnswerStatus.svarat:  # answered, but no file of the answer is published
            said = "Har svarat (svaret publiceras inte här)"
        elif entry.answer_status == AnswerStatus.avstar:
            said = "Avstår från att yttra sig"
        else:
            said = "Har inte svarat"
        entries.append({"name": entry.name, "group": entry.group_name, "said": said,
                        "files": by_entry.get(entry.id, [])})
    namnd = session.get(Namnd, remiss.namnd_id)
    return {"remiss": remiss, "namnd": namnd.name if namnd else "", "intro": published.intro,
            "published_on": format_date(local(published.published_at).date()),
            "sent_on": format_date(local(remiss.sent_at).date()) if remiss.sent_at else "",
            "deadline": format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)
            if remiss.effective_deadline_on else "",
            "entries": entries, "files": general, "compilation_outdated": bool(stale)}


def is_published_file(session: Session, remiss_id: int, attachment_id: int) -> Attachment | None:
    """The attachment, if it is one of the files published for the remiss."""
    if session.get(PublishedFile, (remiss_id, attachment_id)) is None:
        return None
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.remiss_id != remiss_id or publication.outdated(session, remiss_id,
                                                                                       [attachment]):
        return None
    return attachment

