"""The nämnd's own Word templates: upload (checked), versions, the one in force."""
from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from remiss import files
from remiss.audit import service as audit
from remiss.auth.access import BORROWED_ACTS, Principal, require_act
from remiss.documents import TemplateReport, check_template
from remiss.namnd.models import DocumentTemplate, Namnd

# The kinds an incoming remiss produces, then those of an outgoing remiss (its missiv to the sändlista and the
# sammanställning of the answers; remiss.outgoing takes the nämnd's own version of them when there is one).
KINDS = {"tjansteskrivelse": "Tjänsteskrivelse", "yttrande": "Yttrande", "missiv": "Missiv",
         "sammanstallning": "Sammanställning"}
# Managing templates is the registrator's job, like registering: admins and registratorer may.
MANAGE = BORROWED_ACTS["templates"][0]
# What every document of a kind needs from its template: a version without one of these is kept but put in use
# only after a confirmation that names what is missing (walk11 finding 11). The same check for every kind.
_DNR = "diarienumret ({{ diarienummer }})"
_DATUM = "datumet ({{ datum }})"
REQUIRED = {
    "yttrande": {
        "diarienummer": _DNR, "datum": _DATUM,
        "fragor": "frågorna med svaren ({%p for f in fragor %} … {%p endfor %})",
        "avsnitt": "de fria avsnitten, som används när remissen saknar frågor ({%p for a in avsnitt %} … {%p endfor %})",
    },
    "tjansteskrivelse": {
        "diarienummer": _DNR, "datum": _DATUM,
        "forslag_till_beslut": "förslaget till beslut ({{ forslag_till_beslut }})",
    },
    "missiv": {  # what a remissinstans needs to answer at all
        "diarienummer": _DNR, "datum": _DATUM,
        "sista_svarsdag": "sista svarsdagen ({{ sista_svarsdag }})",
        "svar_till_epost": "adressen dit svaren ska skickas ({{ svar_till_epost }})",
        "fragor": "frågeställningarna ({%p for f in fragor %} … {%p endfor %})",
    },
    "sammanstallning": {
        "diarienummer": _DNR, "datum": _DATUM,
        "fragor": "svaren fråga för fråga ({%p for f in fragor %} … {%p endfor %})",
        "ovriga": "de övriga synpunkterna, där svar utan frågor hamnar ({%p for o in ovriga %} … {%p endfor %})",
    },
}


class TemplateRejected(ValueError):
    """An uploaded template that failed the check; report holds the exact reasons."""

    def __init__(self, report: TemplateReport):
        super().__init__("; ".join(report.errors))
        self.report = report


def missing_fields(kind: str, placeholders: list[str]) -> list[str]:
    """What the template lacks of REQUIRED[kind], as Swedish phrases; placeholders as in TemplateReport."""
    used = {p.split("[")[0].split(".")[0] for p in placeholders}
    return [label for name, label in REQUIRED.get(kind, {}).items() if name not in used]


def missing_in(template: DocumentTemplate) -> list[str]:
    """missing_fields for a stored version (checked again: the list of fields may have grown since)."""
    report = check_template(template.kind, template.data, max_bytes=max(len(template.data), 1))
    return missing_fields(template.kind, report.placeholders)


def _put_in_use(session: Session, template: DocumentTemplate) -> None:
    for old in session.exec(select(DocumentTemplate).where(
            DocumentTemplate.namnd_id == template.namnd_id, DocumentTemplate.kind == template.kind,
            DocumentTemplate.active, DocumentTemplate.id != template.id)):
        old.active = False
        session.add(old)
    template.active = True
    session.add(template)


def active_template(session: Session, namnd_id: int, kind: str) -> DocumentTemplate | None:
    """Return the nämnd's newest active template of a kind, or None for the shipped default."""
    return session.exec(select(DocumentTemplate).where(
        DocumentTemplate.namnd_id == namnd_id, DocumentTemplate.kind == kind, DocumentTemplate.active)
        .order_by(DocumentTemplate.version.desc())).first()


def templates_of(session: Session, namnd_id: int) -> list[DocumentTemplate]:
    return list(session.exec(select(DocumentTemplate).where(DocumentTemplate.namnd_id == namnd_id)
                             .order_by(DocumentTemplate.kind, DocumentTemplate.version.desc())))


def upload(session: Session, *, now: datetime, principal: Principal, namnd: Namnd, kind: str, filename: str,
           data: bytes, max_bytes: int, confirmed: bool = False) -> tuple[DocumentTemplate, TemplateReport]:
    """Check and store a template as the nämnd's new version for kind, or raise TemplateRejected. It is put in
    use at once unless it lacks a REQUIRED field and the upload was not confirmed."""
    require_act(principal, "templates", namnd.id)
    if kind not in KINDS:
        raise TemplateRejected(TemplateReport(ok=False, errors=["Välj vilken handling mallen gäller."]))
    name = files.safe_name(filename)
    if not name.lower().endswith((".docx", ".dotx")):
        raise TemplateRejected(TemplateReport(ok=False, errors=[
            f"Filen {name} är inte en Word-mall: ladda upp en .docx-fil."]))
    report = check_template(kind, data, max_bytes=max_bytes)
    if not report.ok:
        raise TemplateRejected(report)
    last = session.exec(select(func.max(DocumentTemplate.version)).where(
        DocumentTemplate.namnd_id == namnd.id, DocumentTemplate.kind == kind)).one()
    template = DocumentTemplate(namnd_id=namnd.id, kind=kind, filename=name, data=data,
                                sha256=hashlib.sha256(data).hexdigest(), version=(last or 0) + 1, active=False,
                                uploaded_by_id=principal.user_id, uploaded_at=now)
    session.add(template)
    session.flush()
    if confirmed or not missing_fields(kind, report.placeholders):
        _put_in_use(session, template)
        session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="document_template", entity_id=template.id,
                 action="upload", changes={"kind": [None, kind], "version": [None, template.version],
                                           "filename": [None, name], "active": [None, template.active]},
                 note=namnd.name)
    return template, report


def activate(session: Session, *, now: datetime, principal: Principal, namnd: Namnd, template: DocumentTemplate,
             confirmed: bool = False) -> list[str]:
    """Put an earlier (or held back) version in use again without uploading it. Returns what it lacks of
    REQUIRED; then, unless confirmed, nothing changes."""
    require_act(principal, "templates", namnd.id)
    missing = missing_in(template)
    if missing and not confirmed:
        return missing
    _put_in_use(session, template)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="document_template", entity_id=template.id,
                 action="activate", changes={"active": [False, True], "version": [None, template.version]},
                 note=namnd.name + (" (bekräftat trots att mallen saknar: " + "; ".join(missing) + ")"
                                    if missing else ""))
    return []


def use_default(session: Session, *, now: datetime, principal: Principal, namnd: Namnd, kind: str) -> int:
    """Deactivate the nämnd's templates of kind so the shipped default is used; return how many."""
    require_act(principal, "templates", namnd.id)
    rows = list(session.exec(select(DocumentTemplate).where(DocumentTemplate.namnd_id == namnd.id,
                                                            DocumentTemplate.kind == kind, DocumentTemplate.active)))
    for row in rows:
        row.active = False
        session.add(row)
        audit.record(session, now=now, user_id=principal.user_id, entity="document_template", entity_id=row.id,
                     action="deactivate", changes={"active": [True, False]}, note=namnd.name)
    session.flush()
    return len(rows)
