"""E-mail the expedierat yttrande to the remittent through the outbox: the frozen .docx and its tagged PDF.

One outbox row per expedierad version (key ``yttrande:<remiss>:<version>``), so a yttrande is
mailed once however often the sweep runs; the copy addresses go as Cc on the same mail.
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.models import User
from remiss.calendar.swedish import title_in_sentence  # noqa: F401 - also used from here by others
from remiss.clock import local
from remiss.documents import PdfUnavailable, RenderError, convert_to_pdf
from remiss.drafting import generate
from remiss.files import portable_name
from remiss.drafting.models import DraftVersion, GeneratedDocument
from remiss.namnd.models import Namnd, name_with_organisation
from remiss.reminders.mail import letter_html
from remiss.reminders.message import new_message
from remiss.reminders.models import OutboxMessage
from remiss.reminders.outbox import enqueue
from remiss.reminders.queued import queued
from remiss.remisser.kind_words import noun_of
from remiss.remisser import archive
from remiss.remisser.models import ArchivedDocument, Remiss

KIND = "yttrande_expedierat"
ADDRESS = re.compile(r"[^\s,;<>]+@[^\s,;<>]+\.[^\s,;<>]+")


def copies_of(remiss: Remiss) -> list[str]:
    """The copy addresses of the remiss ("a@x.se, b@y.se"), each once, not the answer address itself."""
    seen, copies = {remiss.answer_email.strip().lower()}, []
    for address in ADDRESS.findall(remiss.copy_emails or ""):
        if address.lower() not in seen:
            seen.add(address.lower())
            copies.append(address)
    return copies


# Ärendemeningar open with a common noun ("Remiss av förslag …", "Förslag till …"): after "över" in mid-sentence it
# takes a small letter. Any other first word may be a name ("Malmö stads …", "Region Skåne …") and stays as written.
COMMON_OPENINGS = frozenset((
    "remiss", "remissen", "förslag", "utredning", "utredningen", "betänkande", "betänkandet", "delbetänkande",
    "slutbetänkande", "promemoria", "promemorian", "handlingsplan", "handlingsprogram", "plan", "program",
    "programmet", "strategi", "riktlinjer", "riktlinje", "policy", "översyn", "begäran", "ansökan", "motion",
    "medborgarförslag", "redovisning", "rapport", "rapporten", "revidering", "uppdrag", "ändring", "ändringar",
    "ny", "nytt", "nya", "reviderad", "reviderat", "reviderade", "gemensam", "gemensamt", "gemensamma",
    "detaljplan", "översiktsplan", "budget", "taxa", "taxor", "reglemente", "vägledning", "föreskrifter",
    "lagrådsremiss", "samråd", "samrådshandling", "kommunövergripande", "regional", "regionalt", "regionala",
    "kommunal", "kommunalt", "kommunala", "nationell", "nationella", "yttrande", "information", "utkast"))


def title_after_preposition(title: str) -> str:
    """The ärendemening as it reads after "Yttrande över": "Remiss av förslag …" → "remiss av förslag …"; a name
    or an abbreviation first stays as written (walk11 finding 18)."""
    title = title.strip()
    first, space, rest = title.partition(" ")
    if first.casefold() in COMMON_OPENINGS and first[:1].isupper() and first[1:] == first[1:].lower():
        return first[0].lower() + first[1:] + space + rest
    return title


def subject_of(remiss: Remiss, namnd: Namnd, rattelse: int = 0) -> str:
    """The remittent's diarienummer and our name first (as Regeringskansliet asks), then title and our dnr; a
    rättelse says so first, so it is not taken for the yttrande sent before."""
    lead = " ".join(p for p in (remiss.sender_dnr.strip(), name_with_organisation(namnd)) if p)
    what = "Rättelse av yttrande" if rattelse else "Yttrande"
    return f"{lead} – {what} över {title_after_preposition(remiss.title)} (vårt diarienummer {remiss.our_dnr})"


def attachment_name(remiss: Remiss, namnd: Namnd, suffix: str, rattelse: int = 0) -> str:
    """'Stadsområdesnämnd Öster, Malmö stad – yttrande Fi2024-01234.pdf': our name with the organisation's
    (name_with_organisation) and their diarienummer, as remittents ask, in a name every system can save
    (files.portable_name); '… – rättelse av yttrande …' for a rättelse."""
    dnr = remiss.sender_dnr or remiss.our_dnr or f"remiss {remiss.id}"
    what = "rättelse av yttrande" if rattelse else "yttrande"
    return portable_name(f"{name_with_organisation(namnd)} – {what} {dnr}.{suffix}")


def _paragraphs(session: Session, remiss: Remiss, namnd: Namnd, filename: str, pdf_filename: str,
                replaces: str = "", reason: str = "") -> list[str]:
    theirs = f", er beteckning {remiss.sender_dnr}" if remiss.sender_dnr.strip() else ""
    noun = noun_of(remiss.kind).the  # "över ärendet ”Medborgarförslag om …”" (walk18 F7)
    if replaces:
        sent = (f"Härmed översänds en rättelse av yttrandet från {namnd.name} över {noun} ”{remiss.title}”"
                f"{theirs}. Rättelsen ersätter {replaces}. Vårt diarienummer är {remiss.our_dnr}.")
    else:
        sent = (f"Härmed översänds yttrande från {namnd.name} över {noun} ”{remiss.title}”{theirs}. "
                f"Vårt diarienummer är {remiss.our_dnr}.")
    lines = [f"Till {remiss.remittent}" if remiss.remittent else "Hej!", sent,
             f"{'Rättelsen finns bifogad' if replaces else 'Yttrandet finns bifogat'} i Word- och PDF-format: "
             f"{filename} och {pdf_filename}."]
    reason = " ".join(reason.split()) if replaces else ""
    if reason:  # what was corrected, as typed when the rättelse was begun: the remittent need not compare the two
        lines.insert(2, f"Rättelsen gäller: {reason}" + ("" if reason.endswith((".", "!", "?")) else "."))
    officer = session.get(User, remiss.handlaggare_id) if remiss.handlaggare_id else None
    if officer is not None:
        lines.append(f"Frågor om yttrandet besvaras av {officer.name}"
                     + (f", {title_in_sentence(officer.title)}" if officer.title else "") + f", {officer.email}.")
    lines.append("\n".join(p for p in (namnd.name, namnd.forvaltning, namnd.organisation, namnd.email) if p))
    return lines


def outbox_key(remiss: Remiss, version: DraftVersion) -> str:
    """The key of the outbox row that mails an expedierad version: one row a version, however often it is queued."""
    return f"yttrande:{remiss.id}:{version.id}"


def queued_for(session: Session, remiss: Remiss, version: DraftVersion) -> tuple[str, tuple[str, ...]]:
    """The address and copies the version's mail was queued for when it was expedierat (("", ()) when none was):
    the outbox row says it, whatever the remiss's addresses are now."""
    row = session.exec(select(OutboxMessage).where(OutboxMessage.key == outbox_key(remiss, version))).first()
    if row is None:
        return "", ()
    return row.recipient_email, tuple(json.loads(row.payload or "{}").get("cc", ()))


def enqueue_yttrande(session: Session, *, now: datetime, actor_id: int | None, remiss: Remiss,
                     version: DraftVersion, document: GeneratedDocument, rattelse: int = 0,
                     replaces: str = "", pdf=None, reason: str = "") -> str:
    """Put the mail of the expedierat yttrande (or rättelse: replaces names the yttrande it replaces) in the outbox
    and log it; return the address ("" when none)."""
    what = "Rättelsen" if rattelse else "Yttrandet"
    to = remiss.answer_email.strip()
    if not to:
        audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id, remiss_id=remiss.id,
                     action="yttrande_mail",
                     note=f"{what} e-postades inte: {noun_of(remiss.kind).the} saknar svarsadress.")
        return ""
    namnd = session.get(Namnd, remiss.namnd_id)
    copies = copies_of(remiss)
    filename, pdf_filename = (attachment_name(remiss, namnd, "docx", rattelse),
                              attachment_name(remiss, namnd, "pdf", rattelse))
    payload = {"document_id": document.id, "filename": filename, "pdf_filename": pdf_filename, "cc": copies,
               "reply_to": namnd.email,
               # the PDF archived at expediering (remisser.archive): attached as it is, never made again
               **({"pdf_archive_id": pdf.id} if pdf is not None else {}),
               "paragraphs": _paragraphs(session, remiss, namnd, filename, pdf_filename,
                                         replaces if rattelse else "", reason if rattelse else "")}
    added = enqueue(session, now=now, key=outbox_key(remiss, version), recipient_email=to, kind=KIND,
                    due_at=now, subject=subject_of(remiss, namnd, rattelse), payload=payload, remiss_id=remiss.id)
    if added:
        audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id, remiss_id=remiss.id,
                     action="yttrande_mail", changes={"till": [None, to], "kopia": [None, ", ".join(copies)]},
                     note=f"{what} (version {version.number}) e-postas till {to}"
                          + (f" med kopia till {', '.join(copies)}" if copies else "") + ".")
    return to


def compose(session: Session, row, *, config, now: datetime) -> EmailMessage:
    """Build the mail of a yttrande row (a reminders COMPOSERS entry): text, HTML and the frozen .docx."""
    payload = json.loads(row.payload or "{}")
    document = session.get(GeneratedDocument, payload["document_id"])
    paragraphs = payload.get("paragraphs", [])
    message = new_message()  # headers on one line: a title with line breaks must not stop the mail
    message["Subject"] = row.subject
    message["From"] = config.get("MAIL_FROM", "Remiss <remiss@localhost>")
    message["To"] = row.recipient_email
    if payload.get("cc"):
        message["Cc"] = ", ".join(payload["cc"])
    if payload.get("reply_to"):
        message["Reply-To"] = payload["reply_to"]
    message["Message-ID"] = row.message_id
    message["Date"] = format_datetime(local(now))
    message["X-Remiss-Outbox-Id"] = str(row.id)
    message["X-Remiss-Kind"] = row.kind
    data = generate.read(config["FILES_DIR"], document)
    pdf = None
    archived = session.get(ArchivedDocument, payload["pdf_archive_id"]) if payload.get("pdf_archive_id") else None
    if archived is not None:
        pdf = archive.read(config["FILES_DIR"], archived)
    elif payload.get("pdf_filename"):  # rows queued before the PDF was sent carry Word only
        try:
            pdf = convert_to_pdf(data)
        except (PdfUnavailable, RenderError):
            paragraphs = [*paragraphs, "PDF-versionen kunde inte skapas när brevet skickades; "
                                       "Word-filen är den fullständiga handlingen."]
    message.set_content("\n\n".join(paragraphs) + "\n")
    message.add_alternative(letter_html(paragraphs), subtype="html")
    message.add_attachment(data, maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename=payload.get("filename") or "Yttrande.docx")
    if pdf is not None:
        message.add_attachment(pdf, maintype="application", subtype="pdf", filename=payload["pdf_filename"])
    return message


def expediera_confirmation(remiss, rattelse: int = 0, *, down=None) -> str:
    """The question asked before expediering (a row or the model): who the mail goes to at once, or that none goes;
    either way it cannot be undone (the version is locked)."""
    what = "rättelsen" if rattelse else "yttrandet"
    to = (remiss.answer_email or "").strip()
    if not to:
        return (f"Expediera {what}? {noun_of(remiss.kind).The} saknar svarsadress, så inget e-postas: skicka "
                "handlingarna på annat sätt och registrera sedan att de är skickade. Det går inte att ångra.")
    copies = copies_of(remiss)
    return (f"Expediera {what}? {queued('Det', to, down=down)}"
            + (f" med kopia till {', '.join(copies)}" if copies else "")
            + ". Det går inte att ångra.")
