"""Display-ready values for the Yttrande panel of the remiss page and the edit page."""
from __future__ import annotations

import shutil

from sqlmodel import Session, select

from remiss.auth.access import Action, Principal
from remiss.auth.models import User
from remiss.display import sv_date, sv_datetime
from remiss.drafting import forms, generate, service
from remiss.drafting.models import DraftState
from remiss.namnd.models import DocumentTemplate
from remiss.drafting.namnd_templates import KINDS
from remiss.remisser.models import Direction


def _names(session: Session, user_ids: set) -> dict[int, str]:
    """The names of these users in one query."""
    ids = {i for i in user_ids if i}
    return dict(session.exec(select(User.id, User.name).where(User.id.in_(ids))).all()) if ids else {}


def _active_templates(session: Session, namnd_id: int) -> dict[str, tuple[str, int]]:
    """(filename, version) of the nämnd's newest active template of each kind, in one query without the files."""
    rows = session.exec(select(DocumentTemplate.kind, DocumentTemplate.filename, DocumentTemplate.version)
                        .where(DocumentTemplate.namnd_id == namnd_id, DocumentTemplate.active)
                        .order_by(DocumentTemplate.version)).all()
    return {kind: (filename, version) for kind, filename, version in rows}  # the newest wins


def form_context(session: Session, remiss, content: dict, values: dict | None = None) -> dict:
    """Return what the draft form shows: one textarea per question or free sections."""
    values = forms.values_of(content) if values is None else values
    questions = [item["fraga"] for item in content.get("svar", [])]
    return {"values": values, "questions": questions, "has_sections": not questions,
            "section_slots": range(1, forms.section_slots(values) + 1)}


def panel_context(session: Session, principal: Principal, remiss, now) -> dict:
    """Return the Yttrande panel: state, form, versions, samråd, documents and allowed actions."""
    if remiss.direction == Direction.utgaende:
        return None  # we send outgoing remisser; others write the yttrande
    draft, version, content = service.current_content(session, remiss)
    state = DraftState(draft.state) if draft else DraftState.utkast
    may_edit = principal.may(Action.edit, remiss.namnd_id)
    may_review = principal.may(Action.review, remiss.namnd_id)
    versions = service.versions_of(session, draft.id) if draft else []
    authors = _names(session, {v.author_id for v in versions})
    frozen_id = draft.frozen_version_id if draft else None
    documents = [d for d in generate.documents_of(session, remiss.id) if d.frozen]
    templates = _active_templates(session, remiss.namnd_id)
    return {
        "state": state.value, "state_label": state.label, "saved": draft is not None,
        "review_comment": draft.review_comment if draft else "",
        "version": version.number if version else None,
        "inga_synpunkter": bool(content.get("inga_synpunkter")),
        "may_edit": may_edit and state == DraftState.utkast,
        "may_submit": may_edit and state == DraftState.utkast and draft is not None,
        "may_review": may_review and state == DraftState.granskning,
        "may_reopen": may_review and state in (DraftState.godkand, DraftState.expedierad),
        "may_expediera": may_review and state == DraftState.godkand,
        "versions": [{"number": v.number, "author": authors.get(v.author_id, "okänd"), "at": sv_datetime(v.created_at),
                      "comment": v.comment, "frozen": v.id == frozen_id} for v in versions],
        "consultations": [{"id": c.id, "party": c.party, "on": sv_date(c.consulted_on), "note": c.note}
                          for c in service.consultations_of(session, remiss.id)],
        "frozen_documents": [{"id": d.id, "kind": generate.KIND_NAMES[d.kind], "at": sv_datetime(d.created_at),
                              "size_kb": max(1, d.size // 1024)} for d in documents if d.kind in KINDS],
        "kinds": [(kind, label, f"{templates[kind][0]} (version {templates[kind][1]})"
                   if kind in templates else "Standardmall") for kind, label in KINDS.items()],
        "pdf_available": bool(shutil.which("soffice") or shutil.which("libreoffice")),
        **form_context(session, remiss, content),
    }
