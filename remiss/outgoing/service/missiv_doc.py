"""The missiv of an utgående remiss: what it says (its context and Kontaktperson), making it from the nämnd's
template or the default one, and whether the one made still holds (split from sending.py, which sends it)."""
from __future__ import annotations

import hashlib
from datetime import datetime

from sqlmodel import Session, select

from remiss import files
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.auth.models import User
from remiss.auth.service import users_named
from remiss.calendar.swedish import format_date_time, format_deadline
from remiss.clock import local_today
from remiss.documents import render_document
from remiss.namnd.models import DocumentTemplate, Namnd, name_with_organisation
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Attachment, Direction, Remiss, SandlistaEntry

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def namnd_template(session: Session, namnd_id: int, kind: str) -> DocumentTemplate | None:
    """Return the nämnd's newest active Word template of a kind, if it has one."""
    return session.exec(select(DocumentTemplate).where(DocumentTemplate.namnd_id == namnd_id,
                                                       DocumentTemplate.kind == kind, DocumentTemplate.active)
                        .order_by(DocumentTemplate.version.desc(), DocumentTemplate.id.desc()).limit(1)).first()


MADE_FROM = {True: "nämndens mall", False: "standardmallen"}  # a missiv made now, by bool(namnd_template(…))


def grouped_names(entries: list[SandlistaEntry]) -> list[dict]:
    """The sändlista as printed: groups in order of first appearance, names in list order."""
    groups: dict[str, list[str]] = {}
    for entry in entries:
        groups.setdefault(entry.group_name, []).append(entry.name)
    return [{"grupp": group, "namn": names} for group, names in groups.items()]


def missiv_context(session: Session, *, now: datetime, remiss: Remiss) -> dict:
    namnd = session.get(Namnd, remiss.namnd_id)
    officer = session.get(User, remiss.handlaggare_id or remiss.created_by_id or -1)
    handlingar = [a.filename for a in remisshandlingar(session, remiss.id)]
    return {
        "organisation": namnd.organisation, "forvaltning": namnd.forvaltning, "namnd": namnd.name,
        # "Missivets datum" from the form when one was given (walk12b #7), otherwise the day it is made
        "datum": remiss.letter_date or local_today(now), "diarienummer": remiss.our_dnr or "",
        "remittent_diarienummer": remiss.sender_dnr, "remittent": remiss.remittent or namnd.name,
        "titel": remiss.title,
        "var_referens": var_referens(remiss, officer, email=contact_address(session, remiss)[0]),
        "inledning": remiss.missiv_text or (f"{remiss.title} överlämnas härmed till ovanstående för yttrande."),
        "sista_svarsdag": format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time),
        "svar_till_epost": remiss.answer_email or namnd.email,
        "fragor": [q.text for q in remisser.questions_of(session, remiss.id)],
        "sandlista": grouped_names(remisser.entries(session, remiss.id)),
        "kontaktperson": contact(*missiv_contact(session, remiss, officer)[:2]),
        "handlingar": handlingar,  # none: the default template leaves the heading out (walk9)
    }


def missiv_contact(session: Session, remiss: Remiss, officer: User | None) -> tuple[str, str, str]:
    """The missiv's Kontaktperson as (name, e-mail, a note for the page): the one given on the remiss (its address:
    contact_address), otherwise the officer (the handläggare, before one is assigned the one who registered it);
    the remiss page shows the same (walk12b #12: it said "Kontaktperson –" while the missiv named the
    handläggare)."""
    if remiss.contact_person.strip():
        email, note = contact_address(session, remiss)
        return remiss.contact_person, email, note
    if officer is None:
        return "", "", ""
    return officer.name, officer.email, \
        ("handläggaren" if remiss.handlaggare_id == officer.id else "den som registrerade remissen")


def contact_address(session: Session, remiss: Remiss) -> tuple[str, str]:
    """The e-mail of the Kontaktperson named on the remiss, and what the page says when there is none: the address
    given; else that of the one active user with that name ("kontaktpersonens e-post från kontot"); else none.
    Never another person's address under the name (walk17 F9: "Jesper Lindkvist, sekreterare@…" went out to every
    instans)."""
    if remiss.contact_email or not remiss.contact_person.strip():
        return remiss.contact_email, ""
    named = users_named(session, remiss.contact_person)
    if len(named) == 1:
        return named[0].email, ""
    why = "flera användare heter så" if named else "ingen användare i Remiss heter så"
    return "", f"ingen e-post i missivet: {why}; ange Kontaktpersonens e-post under Ändra uppgifter"


def page_contact(session: Session, remiss: Remiss) -> tuple[str, str, str]:
    """missiv_contact for the remiss page."""
    return missiv_contact(session, remiss, session.get(User, remiss.handlaggare_id or remiss.created_by_id or -1))


def var_referens(remiss: Remiss, officer: User | None, *, email: str | None = None) -> dict:
    """The missiv's "Vår referens": the contact person it names (as in seed 003, "Vår referens Ivana Baukart
    ivana.baukart@…"), with the officer's title when that is the officer; without one, the officer. email: the
    contact person's address (contact_address), when looked up."""
    if remiss.contact_person.strip():
        same = officer is not None and officer.name.strip().casefold() == remiss.contact_person.strip().casefold()
        return {"namn": remiss.contact_person.strip(), "titel": (officer.title or "") if same else "",
                "epost": email if email is not None else remiss.contact_email or (officer.email if same else "")}
    return {"namn": officer.name if officer else "", "titel": getattr(officer, "title", "") or "",
            "epost": officer.email if officer else ""}


def contact(namn: str, epost: str, *, titel: str = "", telefon: str = "") -> dict:
    """The missiv's kontaktperson; `rad` joins the parts that are there ("Jesper Lindkvist, jesper@…"), no
    dangling commas."""
    parts = [namn, titel, epost, f"telefon {telefon}" if telefon else ""]
    return {"namn": namn, "titel": titel, "epost": epost, "telefon": telefon,
            "rad": ", ".join(part.strip() for part in parts if part.strip())}


def remisshandlingar(session: Session, remiss_id: int) -> list[Attachment]:
    """The remisshandlingar, in the order they were added: what a mail carries and a letter by post encloses."""
    return list(session.exec(select(Attachment).where(Attachment.remiss_id == remiss_id,
                                                      Attachment.purpose == "remisshandling")
                             .order_by(Attachment.uploaded_at, Attachment.id)))


def current_missiv(session: Session, remiss_id: int) -> Attachment | None:
    """The missiv in force: the newest made (an older one stays kept, marked "ersatt" among the handlingar)."""
    return session.exec(select(Attachment).where(Attachment.remiss_id == remiss_id, Attachment.purpose == "missiv")
                        .order_by(Attachment.id.desc()).limit(1)).first()


def file_name(remiss: Remiss, namnd: Namnd) -> str:
    """'Stadsområdesnämnd Öster, Malmö stad – missiv SOFÖ 2026-0006.docx': who sends it, as the yttrande's file is
    named (drafting.mailing.attachment_name), so a receiving registrator sees it (walk25b Z7: "Missiv SOFÖ …")."""
    return files.portable_name(f"{name_with_organisation(namnd)} – missiv {remiss.our_dnr or remiss.id}.docx")


def generate_missiv(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                    files_dir: str) -> Attachment:
    """Render the missiv from the nämnd's template (or the default) and keep it as a file on the remiss."""
    require(principal, Action.edit, remiss.namnd_id)
    check_outgoing(remiss)
    template = namnd_template(session, remiss.namnd_id, "missiv")
    before = current_missiv(session, remiss.id)
    data = render_document("missiv", missiv_context(session, now=now, remiss=remiss),
                           template.data if template else None,
                           own=(template.version, template.filename) if template else None)
    stored = files.store(files_dir, data, content_type=DOCX)
    name = file_name(remiss, session.get(Namnd, remiss.namnd_id))
    attachment = Attachment(remiss_id=remiss.id, purpose="missiv", filename=name, content_type=DOCX,
                            size=stored.size, sha256=hashlib.sha256(data).hexdigest(), storage_key=stored.key,
                            uploaded_by_id=principal.user_id, uploaded_at=now)
    session.add(attachment)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="attachment", entity_id=attachment.id,
                 remiss_id=remiss.id, action="missiv", changes={"filename": [None, name]},
                 note="Missivet skapat från " + MADE_FROM[bool(template)]
                 # the one before stays among the handlingar, marked as replaced (remiss.documents.superseded)
                 + (f"; det ersätter missivet från {format_date_time(before.uploaded_at)}" if before else ""))
    return attachment


def stale_reason(session: Session, remiss: Remiss, missiv: Attachment) -> str:
    """Why the missiv made is out of date, as a clause ("" while it holds): the remiss or its remisshandlingar
    changed since it was made (a new svarsdag, an instans added, a handling uploaded), so sending makes it anew and
    it never states old facts. "remissen har ändrats efter att det skapades 3 december 2026 kl. 10.15", "en
    remisshandling har lagts till efter att det skapades …"."""
    made = missiv.uploaded_at
    added = sum(1 for a in remisshandlingar(session, remiss.id) if a.uploaded_at > made)
    said = (["remissen har ändrats"] if remiss.updated_at > made else []) + \
        ([("en remisshandling" if added == 1 else f"{added} remisshandlingar") + " har lagts till"] if added else [])
    return f"{' och '.join(said)} efter att det skapades {format_date_time(made)}" if said else ""


def made_from(session: Session, remiss: Remiss) -> str:
    """The template a missiv made now comes from, as the pages name it: "nämndens mall" or "standardmallen"."""
    return MADE_FROM[bool(namnd_template(session, remiss.namnd_id, "missiv"))]


def made_on_sending(session: Session, remiss: Remiss, missiv: Attachment | None) -> tuple[str, str]:
    """What sending makes of the missiv: (the template a new one is made from, why the one made does not hold) —
    ("standardmallen", "") when none is made yet, ("", "") when the one made is sent as it is."""
    why = stale_reason(session, remiss, missiv) if missiv is not None else ""
    return (made_from(session, remiss), why) if missiv is None or why else ("", "")


def check_outgoing(remiss: Remiss) -> None:
    if remiss.direction != Direction.utgaende:
        raise InputErrors({"direction": "Det här går bara för utgående remisser."})
