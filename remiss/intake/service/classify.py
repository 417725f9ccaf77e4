"""The kind of an Inkorg message (automatic reply, newsletter, reminder, ordinary letter: remiss.intake.service.kinds)
applied to what was read from it, when it arrives and again for the messages read before the rules existed.

reclassify_pending (walk12 item 7) is harmless to rerun: a message classified once carries KINDS_READ in its
form_values and is not read again; only pending messages change (a decided one stays as it was decided)."""
from __future__ import annotations

import email.message
import email.parser
import email.policy
import json

from sqlmodel import Session, select

from remiss import files
from remiss.intake.models import InboxMessage
from remiss.intake.service import batches, kinds, matching

KINDS_READ = "kinds_read"  # form_values key: the kinds were applied (by receive, or by reclassify_pending)


def apply_kinds(values: dict, evidence: dict, headers, subject: str, extension_to) -> list[str]:
    """Set values' mail_kind (and clean its title) from the headers, subject and text; return the warnings."""
    warnings = []
    text = values.get("missiv_text") or ""
    auto_reply = kinds.auto_reply_reason(headers, subject)
    newsletter = "" if auto_reply else kinds.newsletter_reason(headers, subject, text)
    if auto_reply or newsletter:
        values["title"] = ""  # an automatic reply's or a newsletter's subject is no remiss's title
        evidence.pop("title", None)
        values["mail_kind"] = kinds.AUTOREPLY if auto_reply else kinds.NEWSLETTER
        values["mail_kind_reason"] = auto_reply or newsletter
        warnings.append("Meddelandet ser ut som " + ("ett automatiskt svar" if auto_reply else
                        "ett nyhetsbrev (utskick till en e-postlista)") + " och är troligen ingen remiss: "
                        + (auto_reply or newsletter) + ". Ärendemeningen är därför inte ifylld.")
    elif kinds.is_reminder(subject, values.get("title") or "", text) and \
            not matching.mentions_extension(dict(values, extension_to=extension_to), subject):
        values["mail_kind"] = kinds.REMINDER
    if values.get("title"):  # never "VB: Påminnelse: Remiss - X" as an ärendemening
        values["title"] = kinds.clean_title(values["title"])
    values[KINDS_READ] = 1
    return warnings


def _stored_headers(message: InboxMessage, files_dir: str):
    """The headers of the stored mail (an .eml's own; a .msg's through remiss.intake.outlook), else none."""
    stored = json.loads(message.files or "[]")
    if not stored:
        return email.message.Message()
    first = stored[0]
    try:
        raw = files.path_of(files_dir, first["key"]).read_bytes()
    except (OSError, KeyError, ValueError):
        return email.message.Message()
    if first.get("content_type") == "message/rfc822":
        return email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    return email.message.Message()  # a .msg: its subject and text still tell the kind


def reclassify_pending(session: Session, *, files_dir: str) -> int:
    """Apply the kinds to the pending messages read before them; return how many changed kind or title."""
    changed = 0
    for message in session.exec(select(InboxMessage).where(InboxMessage.status == "pending")).all():
        values = json.loads(message.form_values)
        if values.get(KINDS_READ):
            continue
        before = (values.get("mail_kind") or "", values.get("title") or "")
        evidence = json.loads(message.evidence)
        warnings = apply_kinds(values, evidence, _stored_headers(message, files_dir), message.subject,
                               batches.extension_value(message.extension_to, message.extension_time))
        if values.get("mail_kind") in (kinds.AUTOREPLY, kinds.NEWSLETTER):
            message.match_remiss_id = None
        elif (values.get("mail_kind") or "", values.get("title") or "") != before:
            message.match_remiss_id = matching.matching_remiss_id(session, dict(
                values, extension_to=batches.extension_value(message.extension_to, message.extension_time)))
        known = json.loads(message.warnings)
        message.warnings = json.dumps(known + [w for w in warnings if w not in known], ensure_ascii=False)
        message.form_values = json.dumps(values, ensure_ascii=False)
        message.evidence = json.dumps(evidence, ensure_ascii=False)
        session.add(message)
        changed += (values.get("mail_kind") or "", values.get("title") or "") != before
    session.flush()
    return changed
