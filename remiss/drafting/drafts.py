"""Find a remiss's yttrande draft, its versions, content and beslut; refuse work where the remiss is finished."""
from __future__ import annotations

import json

from sqlalchemy import bindparam
from sqlmodel import Session, select

from remiss.db import read_once
from remiss.drafting import content as sections
from remiss.drafting.prefill import beslutsunderlag, deadline_text, signatures_used_before
from remiss.drafting.models import Decision, DraftState, DraftVersion, YttrandeDraft
from remiss.namnd.models import Namnd
from remiss.remisser import finished, page
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss
from remiss.remisser.sandlista import questions_of

S = DraftState


class DraftError(ValueError):
    """A draft action that is refused, with a Swedish message."""


def find_draft(session: Session, remiss_id: int) -> YttrandeDraft | None:
    return session.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == remiss_id)).first()


def versions_of(session: Session, draft_id: int) -> list[DraftVersion]:
    """Return the versions of a draft, newest first."""
    return list(session.exec(select(DraftVersion).where(DraftVersion.draft_id == draft_id)
                             .order_by(DraftVersion.number.desc())))


def version_by_number(session: Session, draft_id: int, number: int) -> DraftVersion | None:
    return session.exec(select(DraftVersion).where(DraftVersion.draft_id == draft_id,
                                                   DraftVersion.number == number)).first()


def latest_version(session: Session, draft: YttrandeDraft | None) -> DraftVersion | None:
    if draft is None:
        return None
    return session.exec(select(DraftVersion).where(DraftVersion.draft_id == draft.id)
                        .order_by(DraftVersion.number.desc()).limit(1)).first()


def _questions(session: Session, remiss: Remiss) -> list[tuple[int, str]]:
    return [(q.id, q.text) for q in page.questions(session, remiss.id)]


_N = Namnd.__table__.c
_NAMND_NAME = select(_N.name).where(_N.id == bindparam("namnd_id"))


def defaults_for(session: Session, remiss: Remiss) -> sections.Defaults:
    namnd = read_once(session, ("namnd_name", remiss.namnd_id), lambda: session.connection().execute(
        _NAMND_NAME, {"namnd_id": remiss.namnd_id}).scalar_one())
    handlingar = beslutsunderlag(session, remiss)
    return sections.Defaults(namnd=namnd, remittent=remiss.remittent, title=remiss.title,
                             questions=_questions(session, remiss), handlingar=handlingar,
                             deadline=deadline_text(remiss), instructions=remiss.answer_instructions,
                             missiv=remiss.missiv_text, noun=noun_of(remiss.kind).the,
                             **signatures_used_before(session, remiss))


def content_of(session: Session, remiss: Remiss, version_content: str | None) -> dict:
    """The sections of the latest version's stored content (None: nothing saved, prefilled)."""
    if version_content is None:
        return sections.with_section_ids(sections.initial_content(defaults_for(session, remiss)))
    return sections.with_section_ids(sections.align_questions(json.loads(version_content), _questions(session, remiss)))


def current_content(session: Session, remiss: Remiss) -> tuple[YttrandeDraft | None, DraftVersion | None, dict]:
    """Return the draft, its latest version and its sections (prefilled when nothing is saved)."""
    draft = find_draft(session, remiss.id)
    version = latest_version(session, draft)
    return draft, version, content_of(session, remiss, version.content if version else None)


def answers_note(session: Session, remiss: Remiss) -> str:
    """What a change of the frågeställningar did to the drafted yttrande's answers, in a sentence (walk18 F10)."""
    version = latest_version(session, find_draft(session, remiss.id))
    if version is None:
        return ""
    moved, orphaned = sections.answers_followed(
        json.loads(version.content), [(q.id, q.text) for q in questions_of(session, remiss.id)])
    said = []
    if moved:
        their = "sin fråga" if moved == 1 else "sina frågor"
        said.append(f"{moved} svar i utkastet till yttrande flyttades med {their}")
    if orphaned:
        which = "en fråga" if orphaned == 1 else "frågor"
        said.append(f"{orphaned} svar i utkastet hör till {which} som inte finns kvar och visas för handläggaren "
                    f"som ”{sections.WITHOUT_QUESTION}”")
    return "; ".join(said) + "." if said else ""


def require_open(remiss: Remiss, draft: YttrandeDraft | None) -> None:
    """Refuse work on a finished remiss; a besvarad one still takes its rättelse (and an expedierat draft's own
    refusals, which point to it)."""
    finished.require_open(remiss, correcting=draft is not None and (draft.rattelse > 0 or draft.state == S.expedierad))


def decision_of(session: Session, remiss_id: int, rattelse: int) -> Decision | None:
    return session.exec(select(Decision).where(Decision.remiss_id == remiss_id,
                                               Decision.rattelse == rattelse)).first()


def find_decision(session: Session, remiss_id: int) -> Decision | None:
    """The beslut on the version now in work: the yttrande's, or the rättelse's once one is started."""
    draft = find_draft(session, remiss_id)
    return decision_of(session, remiss_id, draft.rattelse if draft else 0)


def decisions_of(session: Session, remiss_id: int) -> list[Decision]:
    """Every beslut on the yttrande and its rättelser, the first first."""
    return list(session.exec(select(Decision).where(Decision.remiss_id == remiss_id).order_by(Decision.rattelse)))
