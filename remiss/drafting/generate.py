"""Render the tjänsteskrivelse and the yttrande, store them as GeneratedDocument, convert to PDF."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from remiss import events, files
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.clock import local_today
from remiss.documents import render_document
from remiss.documents.render import DocumentProperties, default_template
from remiss.drafting.drafts import DraftError, current_content, find_decision
from remiss.drafting.context import BUILDERS
from remiss.drafting.models import DraftState, DraftVersion, GeneratedDocument
from remiss.drafting.namnd_templates import active_template
from remiss.remisser.models import Remiss

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KIND_NAMES = {"tjansteskrivelse": "Tjänsteskrivelse", "yttrande": "Yttrande"}
NONE_OF = {"tjansteskrivelse": "ingen tjänsteskrivelse", "yttrande": "inget yttrande"}


class OutgoingRemiss(DraftError):
    """The remiss is utgående: we are the remittent and write neither tjänsteskrivelse nor yttrande."""


def check_kind(kind: str, remiss: Remiss | None = None) -> None:
    """Refuse an unknown kind, and any of them on an utgående remiss (walk18 F14: the web built a yttrande "till
    [blank]" about our own outgoing remiss while the API refused): the one rule for the web and the API."""
    if kind not in BUILDERS:
        raise DraftError(f"Okänd handling: {kind}. Välj tjänsteskrivelse eller yttrande.")
    if remiss is not None and remiss.direction == "utgaende":
        raise OutgoingRemiss(f"Remissen är utgående: vi är remittenten och skriver {NONE_OF[kind]}. "
                             "Svaren och sammanställningen finns under Utskick och svar på remissens sida.")


def filename_of(remiss: Remiss, kind: str, suffix: str = "docx") -> str:
    """'Yttrande SOFÖ 2015-0811.docx' ("SOFÖ 2015/0811"), in a name every system can save."""
    return files.portable_name(f"{KIND_NAMES[kind]} {remiss.our_dnr or f'remiss-{remiss.id}'}.{suffix}")


@dataclass(frozen=True)
class Rendered:
    kind: str
    data: bytes
    version_id: int | None
    version_number: int | None
    template_id: int | None
    template_sha256: str


def document_day(session: Session, remiss: Remiss, kind: str, version: DraftVersion | None, today: date) -> date:
    """The day a document is dated: the day it is made, except the tjänsteskrivelse, dated the day its text was
    finished (the version it renders) and never after the beslut it proposed: frozen at the expediering it still
    says "föreslås besluta", which is true of a proposal made before the meeting."""
    if kind != "tjansteskrivelse" or version is None:
        return today
    day = min(today, local_today(version.created_at))
    decision = find_decision(session, remiss.id)
    # a text finished before a beslut recorded later with an earlier meeting day (back-dated, walk11 finding 9)
    # keeps the day it was written: the meeting day would be a date the text did not yet exist
    if decision is None or version.created_at <= decision.recorded_at:
        return day
    return min(day, decision.meeting_on)


def render(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, kind: str,
           version: DraftVersion | None = None) -> Rendered:
    """Render kind from version (default: the latest, or the prefilled draft) without storing it."""
    require(principal, Action.view, remiss.namnd_id)
    check_kind(kind)
    if version is None:
        _, version, content = current_content(session, remiss)
    else:
        content = json.loads(version.content)
    template = active_template(session, remiss.namnd_id, kind)
    template_bytes = template.data if template else default_template(kind)
    context = BUILDERS[kind](session, remiss, content, document_day(session, remiss, kind, version, local_today(now)))
    properties = DocumentProperties(title=remiss.title, author=context["namnd"], created=now,
                                    subject=KIND_NAMES[kind], company=context["organisation"])
    data = render_document(kind, context, template.data if template else None, properties=properties,
                           own=(template.version, template.filename) if template else None)
    return Rendered(kind, data,
                    version.id if version else None, version.number if version else None,
                    template.id if template else None, hashlib.sha256(template_bytes).hexdigest())


def store(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, rendered: Rendered,
          files_dir: str, frozen: bool = False) -> GeneratedDocument:
    """Keep a rendered document in the file store and record it."""
    stored = files.store(files_dir, rendered.data, content_type=DOCX)
    document = GeneratedDocument(
        remiss_id=remiss.id, kind=rendered.kind, draft_version_id=rendered.version_id,
        template_id=rendered.template_id, template_sha256=rendered.template_sha256, sha256=stored.sha256,
        size=stored.size, storage_key=stored.key, frozen=frozen, created_by_id=principal.user_id, created_at=now)
    session.add(document)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="generated_document", entity_id=document.id,
                 remiss_id=remiss.id, action="generate",
                 changes={"kind": [None, rendered.kind], "version": [None, rendered.version_number]},
                 note="expedierad" if frozen else "")
    events.document_generated.send(remiss, session=session, now=now, actor_id=principal.user_id, document=document)
    return document


def generate(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, kind: str, files_dir: str,
             version: DraftVersion | None = None, frozen: bool = False) -> GeneratedDocument:
    """Render kind and store it as a GeneratedDocument."""
    rendered = render(session, now=now, principal=principal, remiss=remiss, kind=kind, version=version)
    return store(session, now=now, principal=principal, remiss=remiss, rendered=rendered, files_dir=files_dir,
                 frozen=frozen)


def reusable(session: Session, *, now: datetime, remiss: Remiss, kind: str) -> GeneratedDocument | None:
    """Return a stored document still matching the latest version, the template and today's date; once the
    yttrande is expedierat, the frozen document that was sent (a rättelse in work shows its own draft)."""
    draft, version, _ = current_content(session, remiss)
    if version is None:
        return None
    if draft.state == DraftState.expedierad and draft.frozen_version_id is not None:
        sent = session.exec(select(GeneratedDocument).where(
            GeneratedDocument.remiss_id == remiss.id, GeneratedDocument.kind == kind, GeneratedDocument.frozen,
            GeneratedDocument.draft_version_id == draft.frozen_version_id).order_by(GeneratedDocument.id.desc())).first()
        if sent is not None:
            return sent
    if draft.rattelse and version.id == draft.corrects_version_id:
        return None  # the sent version's files say what was sent, not that a rättelse is proposed
    template = active_template(session, remiss.namnd_id, kind)
    template_sha = template.sha256 if template else hashlib.sha256(default_template(kind)).hexdigest()
    rows = session.exec(select(GeneratedDocument).where(
        GeneratedDocument.remiss_id == remiss.id, GeneratedDocument.kind == kind,
        GeneratedDocument.draft_version_id == version.id, GeneratedDocument.template_sha256 == template_sha)
        .order_by(GeneratedDocument.id.desc()))
    today = local_today(now)
    # a beslut (or justering) recorded after a document was made changes its wording and date, and a change of
    # the remiss (its frågeställningar, walk18 F10; its title) what the document says
    decision = find_decision(session, remiss.id)
    changed = max(filter(None, [decision.updated_at if decision is not None else None, remiss.updated_at]),
                  default=None)
    return next((d for d in rows if local_today(d.created_at) == today
                 and (changed is None or d.created_at >= changed)), None)


def documents_of(session: Session, remiss_id: int) -> list[GeneratedDocument]:
    """Return the stored documents of a remiss, newest first."""
    return list(session.exec(select(GeneratedDocument).where(GeneratedDocument.remiss_id == remiss_id)
                             .order_by(GeneratedDocument.id.desc())))


def read(files_dir: str, document: GeneratedDocument) -> bytes:
    return files.path_of(files_dir, document.storage_key).read_bytes()
