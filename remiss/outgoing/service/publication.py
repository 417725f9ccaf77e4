"""Publish an outgoing remiss's remissvar on a page that needs no login (opt-in per remiss), or take it down.

Only the files chosen when publishing are shown; an answer registered later appears after publishing again.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.documents.superseded import replaced_at
from remiss.outgoing.models import Publication, PublishedFile
from remiss.remisser.input import InputErrors, too_long
from remiss.remisser.models import Attachment, Direction, Remiss
from remiss.remisser.status import RemissStatus

PUBLISHABLE = ("remisshandling", "missiv", "svar", "sammanstallning")
INTRO_LIMIT = 5000
RAW_MAIL_ENDINGS = (".eml", ".msg")
RAW_MAIL_TYPES = ("message/rfc822", "application/vnd.ms-outlook")
RAW_MAIL_NOTE = "hela e-postmeddelandet med adresser och rubriker – kontrollera personuppgifter"


def is_raw_mail(attachment: Attachment) -> bool:
    """A whole e-mail as it came in (.eml/.msg): every address and header, signatures, quoted threads (walk17 F18)."""
    return attachment.filename.lower().endswith(RAW_MAIL_ENDINGS) or attachment.content_type in RAW_MAIL_TYPES


def ticked_at_first(attachment: Attachment, *, compilation_id: int | None) -> bool:
    """Whether a file is pre-ticked before the first publishing: the remisshandlingar, the missiv, the answers and
    the current sammanställning (compilation_id, None when there is none or it is out of date) – never a raw e-mail,
    which holds personal data the public page must not offer unless someone has looked (walk17 F18)."""
    if attachment.purpose == "sammanstallning":
        return attachment.id == compilation_id
    return not is_raw_mail(attachment)


def form_choices(session: Session, remiss_id: int, candidates: list[Attachment], *, shown: set[int] | None,
                 current: Attachment | None, stale) -> list[tuple[Attachment, bool, str]]:
    """Each file the publishing form offers: (file, ticked, a word after its name). Before the first publishing
    (shown None) as ticked_at_first; after it, the files on the public page, except a sammanställning out of date
    (compiled.staleness, as publishing reads it): it is not ticked as if current but says why, and the current one,
    when there is one, is ticked in place of a published one gone out of date, so nothing else chosen is lost."""
    current_id = current.id if current is not None and not stale else None
    dated = outdated(session, remiss_id, candidates)
    swap = shown is not None and bool(dated & shown)
    found = []
    for attachment in candidates:
        note = ""
        if attachment.id in dated:
            note = (f"äldre: {stale.reason}, sammanställ igen" if current is not None and attachment.id == current.id
                    else "ersatt av en senare sammanställning")
        if shown is None:
            checked = ticked_at_first(attachment, compilation_id=current_id)
        else:
            checked = (attachment.id in shown and attachment.id not in dated) or (swap and attachment.id == current_id)
        found.append((attachment, checked, note))
    return found


def raw_mails(session: Session, remiss_id: int) -> list[str]:
    """The names of the raw e-mails among the published files, to warn about after publishing."""
    return [a.filename for f in files_of(session, remiss_id)
            if (a := session.get(Attachment, f.attachment_id)) is not None and is_raw_mail(a)]


def publishable_files(session: Session, remiss_id: int) -> list[Attachment]:
    """The files that may be put on the public page: remisshandlingar, the missiv in force (not one made anew
    since), answers, the sammanställning."""
    found = list(session.exec(select(Attachment).where(Attachment.remiss_id == remiss_id,
                                                       Attachment.purpose.in_(PUBLISHABLE))
                              .order_by(Attachment.uploaded_at, Attachment.id)))
    replaced = replaced_at(found)
    return [a for a in found if a.id not in replaced]


def publish(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, attachment_ids: list[int],
            intro: str = "") -> Publication:
    """Show exactly the chosen files (of this remiss) on the public page, replacing what was shown before."""
    require(principal, Action.edit, remiss.namnd_id)
    if remiss.direction != Direction.utgaende:
        raise InputErrors({"direction": "Bara utgående remisser kan publiceras."})
    if remiss.status in (RemissStatus.utkast, RemissStatus.aterkallad):
        raise InputErrors({"status": "Remissen kan publiceras först när den är skickad."})
    allowed = {a.id for a in publishable_files(session, remiss.id)}
    chosen = list(dict.fromkeys(i for i in attachment_ids if i in allowed))
    if not chosen:
        raise InputErrors({"attachment_ids": "Välj minst en fil att publicera."})
    _refuse_stale(session, remiss, chosen)
    if len(intro) > INTRO_LIMIT:
        raise InputErrors({"intro": too_long(INTRO_LIMIT, len(intro))})
    publication = session.get(Publication, remiss.id)
    before = [f.attachment_id for f in files_of(session, remiss.id)] if publication else []
    if publication is None:
        publication = Publication(remiss_id=remiss.id, published_at=now)
    publication.published_at, publication.published_by_id, publication.intro = now, principal.user_id, intro.strip()
    session.add(publication)
    session.flush()
    session.exec(delete(PublishedFile).where(PublishedFile.remiss_id == remiss.id))
    for position, attachment_id in enumerate(chosen, 1):
        session.add(PublishedFile(remiss_id=remiss.id, attachment_id=attachment_id, position=position))
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                 remiss_id=remiss.id, action="publish", changes={"published_files": [before, chosen]},
                 note=f"{len(chosen)} filer publicerade")
    return publication


def _refuse_stale(session: Session, remiss: Remiss, chosen: list[int]) -> None:
    """A sammanställning that an answer registered since (or a changed question) has made out of date is not
    published (walk12b #5, walk19 G7)."""
    from remiss.outgoing.service import compiled

    for attachment_id in chosen:
        attachment = session.get(Attachment, attachment_id)
        if attachment is not None and attachment.purpose == "sammanstallning":
            stale = compiled.staleness(session, remiss.id, attachment).text
            if stale:
                raise InputErrors({"attachment_ids": f"{attachment.filename} publicerades inte. {stale} "
                                   "Sammanställ svaren på nytt och publicera den nya sammanställningen."})


def outdated(session: Session, remiss_id: int, attachments: list[Attachment]) -> set[int]:
    """The published sammanställningar an answer registered (or a question changed) since has made out of date: the public page no longer
    offers them (walk16 #5), until the answers are compiled and published again."""
    from remiss.outgoing.service import compiled

    return {a.id for a in attachments
            if a.purpose == "sammanstallning" and compiled.staleness(session, remiss_id, a)}


def unpublish(session: Session, *, now: datetime, principal: Principal, remiss: Remiss) -> None:
    """Take the public page down."""
    require(principal, Action.edit, remiss.namnd_id)
    publication = session.get(Publication, remiss.id)
    if publication is None:
        return
    session.exec(delete(PublishedFile).where(PublishedFile.remiss_id == remiss.id))
    session.delete(publication)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                 remiss_id=remiss.id, action="unpublish", note="Den öppna sidan är borttagen")


def files_of(session: Session, remiss_id: int) -> list[PublishedFile]:
    return list(session.exec(select(PublishedFile).where(PublishedFile.remiss_id == remiss_id)
                             .order_by(PublishedFile.position)))
