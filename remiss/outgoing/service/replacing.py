"""A registered remissvar is not replaced unasked (walk22 L1, L6).

The instans page's forms (Spara svaret, Instansen avstår, Ångra) carry a token of the answer as the page showed it
(`base_token`, a stale form's base: remiss.stale_form): a form opened before another tab or user changed the answer
is refused, the newer answer named with who registered it and when, and what was typed kept. "Instansen avstår" asks first where it replaces a registered answer, or where
the remiss is not sent to the instans yet (it is then left out of the utskick); the question goes through
remiss/web/asking.py's form (the dialog, or without JavaScript the box beside the button). The API never asked and
does not.
"""
from __future__ import annotations

import hashlib
import json

from sqlmodel import Session, select

from remiss import stale_form
from remiss.calendar.swedish import format_date
from remiss.outgoing.models import SandlistaAnswer
from remiss.remisser.models import AnswerStatus, Attachment, SandlistaEntry

DECLINE_BOX = "confirm_decline"  # the field the question's yes sends (dialog or box)
EXCERPT = 120  # characters of a summary quoted in a question


BASE = stale_form.TOKEN  # the forms' hidden field
# said when a refused answer form comes back with its empty fields filled from the registered answer (walk23b X2)
TAKEN_OVER = "Fält som du lämnade tomma har fått det som är registrerat nu."


class Asks(stale_form.StaleForm):
    """Nothing done: said is what was not done and why; box the confirmation field that lets it through ("" when
    saving again is the confirmation: the form comes back with the current token); stale: the form was opened
    before the answer changed (the page answers 409), not only asked about (200)."""

    def __init__(self, said: str, box: str = "", *, stale: bool = True):
        super().__init__(said)
        self.box = box
        self.stale = stale


def token(session: Session, entry: SandlistaEntry) -> str:
    """A short fingerprint of what is registered for the instans: its status, answer and files."""
    answers = sorted((a.question_id, a.text) for a in session.exec(
        select(SandlistaAnswer).where(SandlistaAnswer.sandlista_entry_id == entry.id)))
    files = sorted(session.exec(select(Attachment.id).where(Attachment.sandlista_entry_id == entry.id)).all())
    state = [entry.answer_status, str(entry.answered_on), entry.no_comments, entry.summary, entry.other_comments,
             str(entry.extended_until_on), str(entry.extended_until_time), answers, files]
    return hashlib.sha256(json.dumps(state, ensure_ascii=False).encode()).hexdigest()[:16]


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"”{text[:EXCERPT].rstrip()}{'…' if len(text) > EXCERPT else ''}”"


def answer_words(entry: SandlistaEntry) -> str:
    """ "svaret 6 december 2026 ”Polisen tillstyrker.”" (the registered answer, for a question)."""
    said = f"svaret {format_date(entry.answered_on)}" if entry.answered_on else "svaret"
    if entry.summary.strip():
        return f"{said} {_quoted(entry.summary)}"
    return f"{said} (inga synpunkter)" if entry.no_comments else said


def _sentence(text: str) -> str:
    """text ended with a full stop, unless a quotation ending it already ends the sentence."""
    return text if text.endswith((".”", "!”", "?”", "…”")) else text + "."


def changed_words(session: Session, entry: SandlistaEntry) -> str:
    """What was registered for the instans since the form was opened, as it stands now, with who and when (the
    history's latest change of the instans)."""
    by = stale_form.event_by(session, stale_form.last_change(session, remiss_id=entry.remiss_id,
                                                             entity="sandlista_entry", entity_id=entry.id))
    if entry.answer_status == AnswerStatus.svarat:
        return _sentence(f"Sedan du öppnade sidan har ett svar från {entry.name} registrerats{by}: "
                         f"{answer_words(entry)}")
    if entry.answer_status == AnswerStatus.avstar:
        note = f": {_quoted(entry.summary)}" if entry.summary.strip() else ""
        return _sentence(f"Sedan du öppnade sidan har det registrerats{by} att {entry.name} avstår{note}")
    return (f"Sedan du öppnade sidan har svarsstatusen för {entry.name} ändrats{by} till "
            f"”{AnswerStatus(entry.answer_status).label}”.")


def _decline_parts(entry: SandlistaEntry) -> tuple[str, str]:
    """(what stands, the question) that "Instansen avstår" asks about; ("", "") when it simply registers or
    corrects an avstår."""
    if entry.answer_status == AnswerStatus.svarat:
        return (f"{entry.name} har svarat: {answer_words(entry)} är registrerat.",
                f"Registrera ändå att {entry.name} avstår? Svaret ersätts och räknas inte längre i panelen, exporten "
                "och sammanställningen. Ångra tar inte tillbaka det: instansen blir ”Ej svarat”, och svaret finns "
                "bara kvar i historiken.")
    if entry.sent_at is None and entry.answer_status != AnswerStatus.avstar:
        return (f"Remissen är inte skickad till {entry.name} än.",
                f"Registrera redan nu att {entry.name} avstår? Då får {entry.name} inte remissen när den skickas, "
                "och sammanställningen säger att instansen avstod utan att ha fått remissen. Ångra gör den till ”Ej svarat” "
                "igen, och då får den remissen när den skickas.")
    return "", ""


def decline_question(entry: SandlistaEntry) -> str:
    """What "Instansen avstår" asks before it acts ("" when it asks nothing)."""
    return " ".join(_decline_parts(entry)).strip()


def decline_box_label(entry: SandlistaEntry) -> str:
    return f"Ja, registrera att {entry.name} avstår"


def check_answer(session: Session, entry: SandlistaEntry, base: str | None) -> None:
    """Refuse an answer from a form opened before the instans's answer changed (base: its token then; None from
    a form or client that sends none)."""
    if stale_form.stale(base, token(session, entry)):
        raise Asks(f"Svaret är inte sparat. {changed_words(session, entry)} Det du skrev står kvar nedan: spara igen om "
                   "det ska ersätta det som är registrerat nu.")


def check_decline(session: Session, entry: SandlistaEntry, base: str | None, confirmed: bool,
                  note: str = "") -> None:
    """Ask before an avstår replaces an answer, or leaves the instans out of the utskick; refuse one from a form
    opened before the instans's answer changed, naming what changed (also when the old page's dialog said yes:
    it asked about another answer; the page that comes back carries the current token). Where it now avstår
    already, that is said, with nothing to press again unless the typed Kommentar differs (walk23b X3)."""
    stands, question = _decline_parts(entry)
    if stale_form.stale(base, token(session, entry)) and entry.answer_status == AnswerStatus.avstar:
        by = stale_form.event_by(session, stale_form.last_change(session, remiss_id=entry.remiss_id,
                                                                 entity="sandlista_entry", entity_id=entry.id))
        comment = f" (kommentar: {_quoted(entry.summary)})" if entry.summary.strip() else ""
        registered = f"{entry.name} avstår redan{comment}: det registrerades{by}, efter att du öppnade sidan."
        if not note.strip() or note.strip() == entry.summary.strip():
            raise Asks(f"{registered} Inget mer behöver göras.")
        raise Asks(f"{registered} Tryck Instansen avstår igen om kommentaren ska ändras till den du skrev.")
    if stale_form.stale(base, token(session, entry)):
        raise Asks(f"Att {entry.name} avstår är inte registrerat. {changed_words(session, entry)} "
                   + (f"{question} {tick(entry)}" if question else
                      "Tryck Instansen avstår igen om det ska registreras ändå."),
                   DECLINE_BOX if question else "")
    if question and not confirmed:
        raise Asks(f"Att {entry.name} avstår är inte registrerat: {stands} {question} {tick(entry)}", DECLINE_BOX,
                   stale=False)


def tick(entry: SandlistaEntry) -> str:
    """What every question beside a button ends with (web/asking.py): the box to tick (h-out23 M9b)."""
    return f"Kryssa i ”{decline_box_label(entry)}” vid knappen om det ska registreras."


UNDONE = (AnswerStatus.svarat, AnswerStatus.avstar)  # what Ångra undoes (the page offers it for these)


def check_reopen(session: Session, entry: SandlistaEntry, base: str | None) -> None:
    """Refuse Ångra from a page opened before the instans's answer changed: it would undo the newer answer, not the
    one the page showed."""
    if stale_form.stale(base, token(session, entry)):
        again = ("Tryck Ångra igen om det ska tas bort." if entry.answer_status in UNDONE
                 else "Det finns inget svar eller avstår att ångra nu.")
        raise Asks(f"Ångra är inte gjort. {changed_words(session, entry)} {again}")
