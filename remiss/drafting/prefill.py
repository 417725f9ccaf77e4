"""What a new yttrande is prefilled with from the remiss: the deadline in force, the Beslutsunderlag."""
from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import bindparam, exists
from sqlmodel import Session, select

from remiss.audit.models import AuditEvent
from remiss.documents.fields import svenskt_datum
from remiss.drafting.models import DraftVersion, YttrandeDraft
from remiss.files import portable_name
from remiss.remisser import page
from remiss.remisser.models import Remiss


def deadline_text(remiss: Remiss) -> str:
    return _moment_text(remiss.effective_deadline_on, remiss.effective_deadline_time)


def _moment_text(day, at) -> str:
    if day is None:
        return ""
    return svenskt_datum(day) + (f" kl. {at.strftime('%H.%M')}" if at else "")


def arendet_in_force(session: Session, remiss: Remiss, text: str) -> str:
    """The "Ärendet" text with its pre-filled deadline sentence naming the deadline in force.

    The sentence ("… tillhanda senast den 26 februari 2027 kl. 12.00.") is written into the draft when it is
    first filled in; after a förlängning it would name a deadline no longer in force next to a Beslutsplanering
    with the new meetings. Only that sentence with an earlier deadline of the remiss (the original or an earlier
    granted extension) is changed; anything else the handläggare wrote stays as written."""
    from remiss.planning.models import Extension  # planning depends on drafting; the model alone is safe

    current = deadline_text(remiss)
    if not current or "tillhanda senast den " not in text:
        return text
    earlier = {_moment_text(remiss.deadline_on, remiss.deadline_time)}
    earlier |= {_moment_text(day, at) for day, at in session.exec(
        select(Extension.granted_until_on, Extension.granted_until_time).where(
            Extension.remiss_id == remiss.id, Extension.sandlista_entry_id.is_(None),
            Extension.decision == "granted"))}
    for old in sorted(earlier - {current, ""}, key=len, reverse=True):  # "… kl. 12.00" before the bare day
        text = re.sub(rf"tillhanda senast den {re.escape(old)}(?![\d])(?! kl\.)", f"tillhanda senast den {current}",
                      text)
    return text


EXTENSION_LETTER = "Besked om förlängd svarstid till {day}"


def beslutsunderlag(session: Session, remiss: Remiss) -> list[str]:
    """The remisshandlingar as the Beslutsunderlag lists them: each once, by a name that says what it is.

    A granted förlängning's letter is "Besked om förlängd svarstid till 30 april 2027", wherever it was filed: the
    file linked to the extension, else the first file that came with it (a merged letter comes first in its batch,
    added in the same moment as the extension), else the besked alone. Two files of one name ("Missiv.txt" from
    the missiv and from a supplement) are listed once."""
    from remiss.planning.models import Extension  # planning depends on drafting; the model alone is safe

    files = page.attachments(session, remiss.id)
    letters: dict[int, str] = {}
    unfiled: list[str] = []
    for ext in session.exec(select(Extension).where(
            Extension.remiss_id == remiss.id, Extension.sandlista_entry_id.is_(None),
            Extension.decision == "granted").order_by(Extension.created_at, Extension.id)):
        name = EXTENSION_LETTER.format(day=svenskt_datum(ext.granted_until_on))
        batch = [a.id for a in files if a.purpose == "remisshandling" and a.uploaded_at == ext.created_at]
        filed = ext.evidence_attachment_id or min(batch, default=None)
        if filed is None or filed in letters:
            unfiled.append(name)
        else:
            letters[filed] = name
    subjects = _mail_subjects(session, remiss.id)
    names = [letters.get(a.id) or handling_name(a.filename, subjects, (remiss.sender_dnr, remiss.our_dnr))
             for a in files if a.id in letters or a.purpose == "remisshandling"]
    listed, seen = [], set()
    for name in names + unfiled:
        if _same_key(name) not in seen:
            seen.add(_same_key(name))
            listed.append(name)
    return listed


MAIL_SUFFIXES = (".eml", ".msg")
_DASHES = re.compile(r"\s*[-–—]+\s*")
_UNSAFE = str.maketrans({c: "-" for c in '\\/:*?"<>|'})


def _same_key(name: str) -> str:
    """Names that differ only in case, dashes and spacing are one handling: a mail's .eml and the .html missiv it
    carried ("Remiss Avfallsplan 2027–2030" and "… 2027-2030", walk25 Y4)."""
    safe = name.translate(_UNSAFE)  # as a file name has them: "Remiss: X" is "Remiss- X" (files.portable_name)
    return " ".join(_DASHES.sub("-", safe).casefold().split()).rstrip(".")


def _mail_subjects(session: Session, remiss_id: int) -> list[str]:
    """The subjects of the mails from the Inkorg registered as, or brought into, the remiss: a mail's file is named
    from its subject, made safe for a file system (files.portable_name) and perhaps cut short."""
    from remiss.intake.models import InboxMessage  # intake depends on remisser; the model alone is safe

    return [s for s in session.exec(select(InboxMessage.subject).where(InboxMessage.remiss_id == remiss_id)) if s]


def handling_name(filename: str, subjects: list[str], dnrs: tuple[str, ...]) -> str:
    """A remisshandling as the Beslutsunderlag names it: a mail by its subject, as written; another file by its
    name without suffix, with a diarienummer the file name had to change written as the remiss has it again
    ("(KN2026-04578)" → "(KN2026/04578)", walk25 Y4)."""
    stem = Path(filename).stem
    if Path(filename).suffix.lower() in MAIL_SUFFIXES:
        for subject in subjects:
            if Path(portable_name(f"{subject}.eml")).stem.startswith(stem.rstrip()):
                return " ".join(subject.split())
    for dnr in filter(None, (d.strip() for d in dnrs)):
        mangled = portable_name(dnr)
        if mangled != dnr and mangled in stem:
            stem = stem.replace(mangled, dnr)
    return stem


SIGNATURES = ("ordforande", "forvaltningschef", "forvaltningschef_titel")
_V = DraftVersion.__table__.c
_D = YttrandeDraft.__table__.c
_R = Remiss.__table__.c
_A = AuditEvent.__table__.c
# A remiss's versions saved up to its move to another nämnd (remisser.service.update records the move as a change
# of namnd_id) were written for the nämnd it came from, with that nämnd's people: never a source for this one's.
_MOVED_SINCE = exists().where(_A.remiss_id == _R.id, _A.entity == "remiss", _A.action == "update",
                              _A.changes.like('%"namnd_id"%'), _A.at >= _V.created_at)
# Built once: a remiss without a draft reads them on every view of its page.
_SIGNATURES_BEFORE = (select(_V.content).select_from(DraftVersion.__table__)
                      .join(YttrandeDraft.__table__, _V.draft_id == _D.id).join(Remiss.__table__, _D.remiss_id == _R.id)
                      .where(_R.namnd_id == bindparam("namnd_id"), _R.id != bindparam("remiss_id"), ~_MOVED_SINCE)
                      .order_by(_V.id.desc()).limit(20))


def signatures_used_before(session: Session, remiss: Remiss | None = None, *, namnd_id: int | None = None) -> dict:
    """The signatures of the nämnd's most recent other draft that names any, to prefill a new one: only drafts
    written for this nämnd (walk11 finding 3: not a remiss moved here from another nämnd, before the move)."""
    params = {"namnd_id": remiss.namnd_id if remiss is not None else namnd_id,
              "remiss_id": remiss.id if remiss is not None else -1}
    for content in session.connection().execute(_SIGNATURES_BEFORE, params).scalars():
        old = json.loads(content)
        found = {k: old.get(k, "") for k in SIGNATURES}
        if any(found.values()):
            return found
    return {}
