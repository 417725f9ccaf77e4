"""Move the yttrande draft between utkast, granskning and godkänd."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from remiss import events, stale_form
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.drafting import content as sections
from remiss.drafting.decision import decision_reference
from remiss.drafting.drafts import S, DraftError, content_of, decision_of, find_decision, find_draft, latest_version, require_open
from remiss.drafting.models import DraftState, YttrandeDraft
from remiss.drafting.versions import add_version, catch_up, move_remiss
from remiss.namnd.models import Namnd
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus

# (from, to) -> the action needed; going back to utkast always needs a comment.
STATE_MOVES: dict[tuple[DraftState, DraftState], Action] = {
    (S.utkast, S.granskning): Action.edit,
    (S.granskning, S.godkand): Action.review,
    (S.granskning, S.utkast): Action.review,
    (S.godkand, S.utkast): Action.review,
    (S.godkand, S.expedierad): Action.review,
    # an expedierat yttrande is a record: it is never reopened, it is corrected by a rättelse (start_rattelse)
}


# what each move is, for a refusal by the role ("du kan inte längre godkänna yttranden", walk26 W6)
MOVE_WORDS: dict[tuple[DraftState, DraftState], str] = {
    (S.utkast, S.granskning): "skicka yttranden till granskning",
    (S.granskning, S.godkand): "godkänna yttranden",
    (S.granskning, S.utkast): "skicka tillbaka yttranden från granskningen",
    (S.godkand, S.utkast): "öppna godkända yttranden igen",
    (S.godkand, S.expedierad): "expediera yttranden",
}


class AlreadyInState(DraftError):
    """The draft is already in the state asked for (a double click): nothing changes, and the message informs (the
    API's status_note); said: the same with who moved it there and when, as the page says it (remiss.stale_form)."""

    def __init__(self, message: str, said: str = "", by_other: bool = False):
        super().__init__(message)
        self.said = said or message
        self.by_other = by_other  # moved there by someone else: the page answers 409 (stale_form.twice_status)


# A request for the state the draft is already in: what to say, and who may ask for it.
ALREADY = {S.granskning: ("Yttrandet är redan skickat till granskning.", Action.edit),
           S.godkand: ("Yttrandet är redan godkänt.", Action.review),
           S.utkast: ("Yttrandet är redan tillbaka som utkast.", Action.review)}


def parse_state(value) -> DraftState:
    """Return value as a draft state, or raise DraftError naming it."""
    try:
        return DraftState(value)
    except (ValueError, TypeError):
        raise DraftError(f"Okänt läge för yttrandet: {value}.") from None


# What the page asks before a yttrande with an unanswered frågeställning goes to granskning or is approved.
UNANSWERED_CHOICES = ("utelamna", "inga_synpunkter")


def check_unanswered(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                      draft: YttrandeDraft, new: DraftState, choice: str | None) -> None:
    """Refuse sending or approving a yttrande with an unanswered frågeställning until the user has chosen: leave
    the question out of the yttrande ("utelamna"), or, when sending, answer it with "<nämnd> lämnar inga
    synpunkter på denna fråga." (a new version). None: the caller does not ask (the API, which shows
    unanswered_questions instead)."""
    if choice is None or new not in (S.granskning, S.godkand):
        return
    content = content_of(session, remiss, latest_version(session, draft).content)
    which = sections.unanswered_text(content)
    if not which:
        return
    if choice == "inga_synpunkter" and new == S.granskning:
        namnd = session.get(Namnd, remiss.namnd_id)
        add_version(session, now=now, principal=principal, remiss=remiss, draft=draft,
                     content=sections.answer_unanswered(content, namnd.name),
                     comment="Inga synpunkter på obesvarade frågor")
        return
    if choice != "utelamna":
        verb = "skickas till granskning" if new == S.granskning else "godkänns"
        raise InputErrors({"unanswered": f"{which[0].upper()}{which[1:]} saknar svar. Välj vad yttrandet ska säga "
                                         f"om {'den' if which.startswith('fråga ') else 'dem'} innan det {verb}."})


def without_question_refusal(content: dict, new: DraftState) -> str:
    """Why the draft cannot go to granskning or be approved: it holds an answer whose frågeställning was removed
    ("Svar utan fråga: …", composing.align_questions), which the yttrande would send as a section of its own
    (walk18 F10). The handläggare moves the text to the right question or removes the section first. "" if none."""
    if new not in (S.granskning, S.godkand):
        return ""
    stray = [item.get("rubrik", "") for item in content.get("avsnitt", [])
             if (item.get("rubrik") or "").startswith(sections.WITHOUT_QUESTION) and (item.get("text") or "").strip()]
    if not stray:
        return ""
    verb = "skickas till granskning" if new == S.granskning else "godkännas"
    these = (f"avsnittet ”{stray[0]}”: ett svar vars fråga inte längre finns bland frågeställningarna"
             if len(stray) == 1 else
             f"{len(stray)} avsnitt med svar vars frågor inte längre finns bland frågeställningarna ("
             + ", ".join(f"”{r}”" for r in stray) + ")")
    return (f"Yttrandet kan inte {verb} medan det har {these}. Öppna Redigera yttrandet, flytta texten till den "
            f"fråga den hör till eller ta bort {'avsnittet' if len(stray) == 1 else 'avsnitten'}, och spara.")


def reopen_refusal(decision) -> str:
    """Why a decided yttrande (or rättelse) is not opened again as utkast: the nämnd (or delegat) decided this
    text, so a changed text needs a beslut of its own – after expediering, a rättelse (walk16 finding 1)."""
    if decision is None:
        return ""
    if decision.rattelse:
        return (f"Rättelsen är redan beslutad {decision_reference(decision)} och kan inte öppnas igen som utkast: "
                "det som beslutades är den godkända texten. Expediera rättelsen; behöver den i sin tur rättas, "
                "skicka en ny rättelse efter expedieringen. Är bara uppgifterna om beslutet fel, rätta dem under "
                "Beslut.")
    return (f"Yttrandet är redan beslutat {decision_reference(decision)} och kan inte öppnas igen som utkast: "
            "det som beslutades är den godkända texten. Ska texten ändras behövs ett nytt beslut – expediera det "
            "beslutade yttrandet och skicka sedan en rättelse, som granskas och beslutas för sig. Är bara "
            "uppgifterna om beslutet fel, rätta dem under Beslut.")


def refuse_reopening_decided(session: Session, remiss: Remiss, draft: YttrandeDraft) -> None:
    message = reopen_refusal(decision_of(session, remiss.id, draft.rattelse))
    if message:
        raise DraftError(message)


def change_state(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                 new: DraftState | str, comment: str = "", unanswered: str | None = None) -> YttrandeDraft:
    """Move the draft between utkast, granskning and godkänd (expediering: see dispatch). unanswered: the user's
    choice for unanswered frågeställningar (check_unanswered)."""
    new = parse_state(new)
    draft = find_draft(session, remiss.id)
    # who may, before why: a läsare gets 403, not "Spara utkastet …" (walk22 L12b); no draft is an utkast
    move = (S(draft.state) if draft else S.utkast, new)
    require(principal, STATE_MOVES.get(move, Action.edit), remiss.namnd_id, doing=MOVE_WORDS.get(move, ""))
    require_open(remiss, draft)
    if draft is None:
        raise DraftError("Spara utkastet innan det skickas vidare.")
    old = DraftState(draft.state)
    if old == new and new in ALREADY:
        message, needed = ALREADY[new]
        require(principal, needed, remiss.namnd_id)
        moved = stale_form.last_change(session, remiss_id=remiss.id, entity="yttrande_draft", entity_id=draft.id,
                                       key="state")
        raise AlreadyInState(message, message.removesuffix(".")
                             + stale_form.event_by(session, moved, principal.user_id) + ".",
                             stale_form.by_other(moved.user_id if moved else None, principal.user_id))
    action = STATE_MOVES.get((old, new))
    if action is None:
        if old == S.expedierad:
            raise DraftError("Yttrandet är expedierat och kan inte öppnas igen. Börja en rättelse (Skicka rättelse) "
                             "om det skickade yttrandet behöver rättas.")
        raise DraftError(f"Yttrandet kan inte gå från ”{old.label}” till ”{new.label}”.")
    require(principal, action, remiss.namnd_id, doing=MOVE_WORDS.get((old, new), ""))
    if old == S.godkand and new == S.utkast:
        refuse_reopening_decided(session, remiss, draft)
    latest = latest_version(session, draft)
    if new == S.granskning and draft.rattelse and latest.id == draft.corrects_version_id:
        raise DraftError("Rättelsen har ingen ändring ännu: spara den rättade texten innan den skickas till "
                         "granskning.")
    if new == S.expedierad and (latest is None or draft.frozen_version_id != latest.id):
        raise DraftError("Yttrandet expedieras med knappen Expediera, som också sparar de skickade handlingarna.")
    comment = comment.strip()[:2000]
    if new == S.utkast and not comment:
        raise InputErrors({"comment": "Skriv en kommentar om vad som ska ändras."})
    content = content_of(session, remiss, latest.content if latest else None)
    stray = without_question_refusal(content, new)
    if stray:
        raise DraftError(stray)
    # a rubrik without text would be printed as a bare heading: written or removed before granskning (walk20 H10)
    if new == S.granskning and (bare := sections.without_text(content)):
        raise DraftError(bare)
    check_unanswered(session, now=now, principal=principal, remiss=remiss, draft=draft, new=new,
                      choice=unanswered)
    latest = latest_version(session, draft)
    answers = draft.review_comment if new == S.granskning else ""  # the comment this version answers
    draft.state = new.value
    draft.review_comment = comment if new == S.utkast else ("" if new == S.granskning else draft.review_comment)
    draft.updated_at = now
    session.add(draft)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="yttrande_draft", entity_id=draft.id,
                 remiss_id=remiss.id, action="state", changes={"state": [old.value, new.value]}, note=comment)
    events.draft_state_changed.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                    old=old, new=new, comment=comment, rattelse=draft.rattelse,
                                    version=latest.number if latest else None, answers=answers)
    if new == S.granskning and not draft.rattelse:  # a draft started before the remiss was assigned
        catch_up(session, now=now, principal=principal, remiss=remiss, to=RemissStatus.under_beredning,
                 note="Yttrandet skickat till granskning")
    # opened again before a beslut (refuse_reopening_decided): no longer ready for the nämnd (walk33)
    if (old, new) == (S.godkand, S.utkast) and not draft.rattelse:
        move_remiss(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.under_beredning,
                    note="Yttrandet öppnat igen som utkast")
    # a decided yttrande is never reopened (reopen_refusal); a rättelse leaves the besvarad remiss besvarad
    if new == S.godkand and not draft.rattelse and find_decision(session, remiss.id) is None:
        catch_up(session, now=now, principal=principal, remiss=remiss, to=RemissStatus.klar_for_beslut,
                 note="Yttrandet godkänt")
    return draft
