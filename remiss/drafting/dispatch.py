"""Expediera: after the justerat beslut, freeze the approved version, keep its documents, e-mail the yttrande and
mark the remiss besvarad (without an answer address: once it is recorded as sent, drafting.sent_by_hand). Nothing is generated or queued before every check has passed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from remiss import stale_form
from remiss.calendar.swedish import format_time
from remiss.clock import local, local_today

from remiss.auth.access import Principal, require_act
from remiss.drafting import decision as decisions
from remiss.drafting import context, generate, mailing
from remiss.drafting.drafts import DraftError, find_decision, find_draft, latest_version, require_open
from remiss.drafting.rattelse import rattelse_name
from remiss.drafting.states import change_state
from remiss.drafting.models import DraftState, DraftVersion, GeneratedDocument, YttrandeDraft
from remiss.namnd.models import Namnd
from remiss.planning.service.milestones import EXPEDITED_NOTE
from remiss.remisser import archive
from remiss.remisser import service as remisser
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus, TransitionError, check_transition


def sent_by_hand_note(kind) -> str:
    """Said after expediering without an answer address, in the words of the kind (kind_words, walk18 F7)."""
    noun = noun_of(kind)
    return (f"{noun.The} saknar svarsadress, så yttrandet har inte e-postats och {noun.the} är inte "
            f"{noun.done('besvarad')} ännu. Skicka handlingarna till remittenten och registrera sedan att de är "
            "skickade (”Skickat per post eller på annat sätt”).")


@dataclass
class Expedierat:
    version_number: int
    documents: list[GeneratedDocument]
    besvarad: bool  # the remiss is besvarad (moved now, or already for a rättelse)
    status_note: str  # for API clients: "" or, without an answer address, that it waits to be recorded as sent
    mailed_to: str = ""  # the remittent's answer address the yttrande is e-mailed to ("" when none)
    copies: tuple[str, ...] = ()
    rattelse: int = 0  # 0: the yttrande; n: its n:th rättelse


class AlreadyExpedierat(DraftError):
    """Expediera sent again by the one who just expedited this version (a double click, the page sent twice):
    nothing changes; the message (str, the API's) informs, said is the page's words for it (who and when, as
    remiss.stale_form says them), and result is what the first sending said (walk21b K7)."""

    def __init__(self, message: str, result: Expedierat, said: str = ""):
        super().__init__(message)
        self.result = result
        self.said = said or message


class ExpedieratBefore(DraftError):
    """Expediera of a yttrande (rättelse) someone else expedited, or long ago: refused as before (str, the API's
    409); said names who expedited it and when, for the page that shows the refusal (remiss.stale_form)."""

    def __init__(self, message: str, said: str):
        super().__init__(message)
        self.said = said


JUST_NOW = timedelta(minutes=10)  # a sending again within this of one's own expediering is the same click
SENT_KINDS = ("tjansteskrivelse", "yttrande")  # the documents frozen at expediering


def _expedierat(session: Session, *, remiss: Remiss, draft: YttrandeDraft, version: DraftVersion,
                documents: list[GeneratedDocument]) -> Expedierat:
    """What the expediering of version did, read from what it stored (the outbox row it queued, the remiss's
    status): the same answer at the expediering and when the same click comes again."""
    mailed_to, copies = mailing.queued_for(session, remiss, version)
    besvarad = remiss.status == RemissStatus.besvarad.value  # a rättelse is sent only when it is already
    # nothing mailed: besvarad once someone records it sent (drafting.sent_by_hand), and the note says so
    note = sent_by_hand_note(remiss.kind) if not (mailed_to or draft.rattelse or besvarad) else ""
    return Expedierat(version.number, documents, besvarad, note, mailed_to, copies, draft.rattelse)


def _just_expedierat(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                     draft: YttrandeDraft | None) -> AlreadyExpedierat | None:
    """When this principal expedited the draft's sent version within JUST_NOW: what to answer (what that
    expediering stored, as it answered then); None otherwise (another person, or long ago)."""
    if (draft is None or draft.state != DraftState.expedierad or draft.frozen_version_id is None
            or principal.user_id is None):
        return None
    frozen = {d.kind: d for d in session.exec(select(GeneratedDocument).where(  # the newest of each kind
        GeneratedDocument.draft_version_id == draft.frozen_version_id, GeneratedDocument.frozen)
        .order_by(GeneratedDocument.id))}
    document = frozen.get("yttrande")
    if document is None or document.created_by_id != principal.user_id or now - document.created_at > JUST_NOW:
        return None
    version = session.get(DraftVersion, draft.frozen_version_id)
    result = _expedierat(session, remiss=remiss, draft=draft, version=version,
                         documents=[frozen[kind] for kind in SENT_KINDS if kind in frozen])
    what = _already(draft)
    return AlreadyExpedierat(f"{what} (av dig, {format_time(local(document.created_at))}).", result,
                             f"{what}{expedited_by(session, draft, principal)}.")


def _already(draft: YttrandeDraft) -> str:
    return "Rättelsen är redan expedierad" if draft.rattelse else "Yttrandet är redan expedierat"


def expedited_by(session: Session, draft: YttrandeDraft, principal: Principal) -> str:
    """" av Greta Granskare 6 december 2026 kl. 09.02" (" av dig …"): who expedited the draft's sent version and
    when, as its frozen yttrande says (remiss.stale_form.changed_by); "" when none is kept."""
    made = session.exec(select(GeneratedDocument).where(
        GeneratedDocument.draft_version_id == draft.frozen_version_id, GeneratedDocument.frozen,
        GeneratedDocument.kind == "yttrande").order_by(GeneratedDocument.id.desc())).first()
    if draft.frozen_version_id is None or made is None:
        return ""
    return stale_form.changed_by(session, made.created_by_id, made.created_at, principal.user_id)


def refusal(session: Session, *, now: datetime, remiss: Remiss, draft: YttrandeDraft | None) -> str:
    """Why the yttrande may not be expedierat now, in Swedish ("" when it may): checked before anything is
    generated, frozen or queued for mail."""
    if draft is None or draft.state != DraftState.godkand:
        if draft is not None and draft.state == DraftState.expedierad:
            return ("Yttrandet är redan expedierat. Ska det skickade yttrandet rättas, börja en rättelse "
                    "(Skicka rättelse); den beslutas och expedieras för sig.")
        return "Bara ett godkänt yttrande kan expedieras."
    noun = noun_of(remiss.kind)  # "ärendet" for a medborgarförslag (walk18 F7)
    if not remiss.our_dnr:
        return f"{noun.The} saknar diarienummer; ge {noun.it} ett innan yttrandet expedieras."
    waiting = decisions.expediering_refusal(find_decision(session, remiss.id), local_today(now))
    if waiting:
        return waiting
    status = RemissStatus(remiss.status)
    if draft.rattelse:
        if status != RemissStatus.besvarad:
            return (f"{noun.The} har status ”{status.label}”; en rättelse expedieras bara när {noun.the} är "
                    f"{noun.done('besvarad')}.")
    else:
        try:
            check_transition(status, RemissStatus.besvarad)
        except TransitionError:
            return (f"{noun.The} har status ”{status.label}” och kan inte bli ”Besvarad”; yttrandet expedieras "
                    f"när nämndens beslut är registrerat och {noun.the} är {noun.done('beslutad')}.")
    return ""


def expediera(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, files_dir: str,
              comment: str = "", archive_pdf: bool = False) -> Expedierat:
    """Freeze the approved version with its documents, archive the yttrande's PDF as it is sent (archive_pdf: the
    pages and the API pass config ARCHIVE_SENT_PDF, on unless turned off), queue its mail and move the remiss to
    besvarad; a rättelse is sent the same way, and the remiss stays besvarad."""
    require_act(principal, "expediera", remiss.namnd_id)
    draft = find_draft(session, remiss.id)
    require_open(remiss, draft)
    again = _just_expedierat(session, now=now, principal=principal, remiss=remiss, draft=draft)
    if again is not None:
        raise again
    why = refusal(session, now=now, remiss=remiss, draft=draft)
    if why and draft is not None and draft.state == DraftState.expedierad:  # by another, or long ago: named
        raise ExpedieratBefore(why, f"{_already(draft)}{expedited_by(session, draft, principal)}. "
                               + why.split(". ", 1)[-1])
    if why:
        raise DraftError(why)
    version = latest_version(session, draft)
    replaced = context.replaced_by_rattelse(session, remiss, session.get(Namnd, remiss.namnd_id))
    documents = [generate.generate(session, now=now, principal=principal, remiss=remiss, kind=kind,
                                   files_dir=files_dir, version=version, frozen=True)
                 for kind in SENT_KINDS]
    draft.frozen_version_id = version.id
    what = (rattelse_name(draft.rattelse).capitalize() + " expedierad") if draft.rattelse else "Expedierad"
    # the version keeps its author's comment; the Versioner table says who expedited it and when (walk16 #8)
    note = (f"{what} med diarienummer {remiss.our_dnr}" + (f": {comment}" if comment else ""))[:500]
    session.add(draft)
    change_state(session, now=now, principal=principal, remiss=remiss, new=DraftState.expedierad,
                 comment=note if draft.rattelse else comment)
    yttrande = next(d for d in documents if d.kind == "yttrande")
    # the PDF made once, now, and kept: the mail attaches these bytes, the remiss page offers them
    archived = archive.archive_sent_pdf(
        session, now=now, actor_id=principal.user_id, remiss=remiss, docx=generate.read(files_dir, yttrande),
        source_document_id=yttrande.id, version_number=version.number, rattelse=draft.rattelse,
        filename=mailing.attachment_name(remiss, session.get(Namnd, remiss.namnd_id), "pdf", draft.rattelse),
        files_dir=files_dir) if archive_pdf else None
    mailed_to = mailing.enqueue_yttrande(session, now=now, actor_id=principal.user_id, remiss=remiss,
                                         version=version, document=yttrande, rattelse=draft.rattelse,
                                         replaces=replaced.full if replaced else "", pdf=archived,
                                         reason=draft.rattelse_reason or "")
    if mailed_to and not draft.rattelse:  # unmailed, it is besvarad once recorded sent (drafting.sent_by_hand)
        remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.besvarad,
                               note=EXPEDITED_NOTE.format(number=version.number), by_verb=True)  # walk25b Z3
    elif not draft.rattelse:  # "Expedierad, inte skickad": late already when after the sista svarsdag
        session.flush()  # the frozen documents and the draft's state first: Remiss.answered_late's hook reads them
        flag_modified(remiss, "answered_late")
        session.add(remiss)
        session.flush()
    return _expedierat(session, remiss=remiss, draft=draft, version=version, documents=documents)
