"""Remissammanställning: the answers compiled per frågeställning, as a Word document."""
from __future__ import annotations

import re
from datetime import datetime

from sqlmodel import Session, select

from remiss.auth.access import Action, Principal, require
from remiss.auth.models import User
from remiss.clock import local_today
from remiss.calendar.swedish import count_words, format_date, format_deadline, join_words
from remiss.documents import render_document
from remiss.files import portable_name
from remiss.namnd.models import Namnd
from remiss.outgoing import held
from remiss.outgoing.models import SandlistaAnswer
from remiss.outgoing.overview import counts, declined_early, declined_early_words
from remiss.outgoing.service import lifecycle
from remiss.outgoing.service.answers import is_late
from remiss.outgoing.service.lifecycle import deadline_passed
from remiss.outgoing.service.missiv_doc import namnd_template
from remiss.remisser import service as remisser
from remiss.remisser.models import AnswerStatus, Attachment, Remiss, SandlistaEntry

NO_GROUP = "Övriga remissinstanser"


def _group_order(entries: list[SandlistaEntry]) -> dict[str, int]:
    order: dict[str, int] = {}
    for entry in entries:
        order.setdefault(entry.group_name or NO_GROUP, len(order))
    return order


def context(session: Session, *, now: datetime, remiss: Remiss) -> dict:
    """The plain context of the sammanställning document."""
    namnd = session.get(Namnd, remiss.namnd_id)
    officer = session.get(User, remiss.handlaggare_id or remiss.created_by_id or -1)
    entries = remisser.entries(session, remiss.id)
    order = _group_order(entries)
    # "Övriga remissinstanser" names the rest when groups were defined; with no groups at all, no group is shown
    grouped = any(e.group_name for e in entries)

    def group_of(entry: SandlistaEntry) -> str:
        return entry.group_name or (NO_GROUP if grouped else "")

    answered = sorted([e for e in entries if e.answer_status == AnswerStatus.svarat],
                      key=lambda e: (order[e.group_name or NO_GROUP], e.position))
    texts: dict[tuple[int, int], str] = {}
    ids = [e.id for e in answered]
    for answer in session.exec(select(SandlistaAnswer).where(SandlistaAnswer.sandlista_entry_id.in_(ids or [-1]))):
        texts[(answer.question_id, answer.sandlista_entry_id)] = answer.text
    # the files each instans answered with, named so a reader knows where the full answer is (walk12b #15)
    filer: dict[int, list[str]] = {}
    for entry_id, filename in session.exec(select(Attachment.sandlista_entry_id, Attachment.filename).where(
            Attachment.remiss_id == remiss.id, Attachment.purpose == "svar",
            Attachment.sandlista_entry_id.in_(ids or [-1])).order_by(Attachment.id)):
        filer.setdefault(entry_id, []).append(filename)
    per_question = {entry_id for _, entry_id in texts}  # those who answered some question for itself
    fragor = []
    for question in remisser.questions_of(session, remiss.id):
        svar = []
        for entry in answered:
            text = texts.get((question.id, entry.id))
            if text is None and entry.no_comments:
                text = "Inga synpunkter."
            if not text and entry.id in filer:  # answered in a file, not per question: not "Inga svar" (walk25 Y2)
                text = in_the_file(filer[entry.id], entry.summary)
            if not text and entry.summary.strip() and entry.id not in per_question:  # a summary only (walk26b X9)
                text = IN_SHORT
            if text:
                svar.append({"grupp": group_of(entry), "instans": entry.name, "text": text})
        fragor.append({"fraga": question.text, "svar": svar or [{"grupp": "", "instans": "Inga svar på frågan",
                                                                   "text": ""}]})
    # each instans's answer in short, as the sekreterare registered it (an answer that came as a file, not mapped
    # to the questions, is not lost: its summary is here)
    sammanfattningar = [{"grupp": group_of(entry), "instans": entry.name,
                         "text": _in_short(entry.summary, filer.get(entry.id, [])) or "Inga synpunkter."}
                        for entry in answered if entry.summary.strip() or entry.no_comments]
    svarsfiler = [f"{entry.name}{f' ({group_of(entry)})' if group_of(entry) else ''}: {', '.join(filer[entry.id])}"
                  for entry in answered if entry.id in filer]
    ovriga = [{"instans": entry.name + (f" ({group_of(entry)})" if group_of(entry) else ""), "text": entry.other_comments}
              for entry in answered if entry.other_comments.strip()]
    stats = counts(session, remiss.id)
    # an instans added after sending and not yet sent to has not been asked: not "sent to", not "has not answered"
    unsent = len(lifecycle.unsent(entries)) if remiss.sent_at else 0
    intro = [f"Remissen skickades {format_date(remiss.sent_at)} med sista svarsdag "
             f"{format_deadline(remiss.deadline_on, remiss.deadline_time)}." if remiss.sent_at
             else "Remissen har ännu inte skickats."]
    if remiss.effective_deadline_on != remiss.deadline_on:
        intro.append(f"Remisstiden förlängdes till {format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)}.")
    late = [f"{e.name} ({format_date(e.answered_on)})" for e in answered if is_late(remiss, e)]
    if late:  # as the page flags them "efter svarstiden" (walk34b)
        intro.append("Svar som kom in efter svarstiden: " + join_words(late) + ".")
    no_comments = [e.name for e in answered if e.no_comments]
    if no_comments:
        intro.append("Inga synpunkter: " + ", ".join(no_comments) + ".")
    running = remiss.effective_deadline_on is not None and not deadline_passed(remiss, now)
    unreached = held.unreached(session, [remiss.id]).get(remiss.id, set())  # never asked (h-queue24)
    kept = held.held_entry_ids(session, remiss.id) if unreached else set()  # held back, not failed (walk25b Z2)
    waiting = [_with_status(e, unreached, kept) for e in entries if e.answer_status not in lifecycle.ANSWERED]
    return {
        "organisation": namnd.organisation, "forvaltning": namnd.forvaltning, "namnd": namnd.name,
        "datum": local_today(now), "diarienummer": remiss.our_dnr or "", "remittent": remiss.remittent or namnd.name,
        "remittent_diarienummer": remiss.sender_dnr, "titel": remiss.title,
        "var_referens": {"namn": officer.name if officer else "", "titel": officer.title if officer else "",
                         "epost": officer.email if officer else ""},
        "inledning": intro, "sammanfattningar": sammanfattningar, "fragor": fragor, "ovriga": ovriga,
        "svarsfiler": svarsfiler,
        "ej_svarat": waiting,
        # while the svarstid runs, those not answered may still do so: "ännu", and the day this was made
        "ej_svarat_rubrik": ("Remissinstanser som ännu inte har svarat (per " + format_date(local_today(now)) + ")"
                             if running else "Remissinstanser som inte har svarat"),
        # an avstår with a comment keeps it ("Miljönämnden – inga miljöfrågor berörs")
        "avstatt": [e.name + (f" – {e.summary.strip()}" if _said_more(e.summary) else "")
                    for e in entries if e.answer_status == AnswerStatus.avstar],
        # those asked: one that avstod before the utskick never got the remiss, and is named apart (walk22 L6)
        "statistik": {"antal": stats["asked"], "svarat": stats["answered"], "procent": stats["percent"],
                      "avstar": stats["declined_asked"], "ej_svarat": stats["waiting_asked"],
                      "text": " ".join(filter(None, (_counts_text(stats, running, unsent), declined_early_words(
                          declined_early(entries), sent=remiss.sent_at is not None))))},
    }


MAIL_FILES = (".eml", ".msg")
# What a question says of an instans whose answer is registered as a summary only, neither per question nor in a
# file: its answer may well cover the question, so not "Inga svar på frågan" (walk26b X9)
IN_SHORT = "Svaret är inte uppdelat per fråga – se Svaren i korthet."


def in_the_file(filenames: list[str], summary: str = "") -> str:
    """What a question says of an instans that answered in a file, with no answer registered per question: where the
    answer is, by the file's name – its yttrande, not the covering mail, when it sent one (walk25 Y2). An answer
    that came as a mail whose own words are more than a covering line is in those words (the summary), not in a
    file the app cannot read for it (walk27 Y7)."""
    mailed = any(f.lower().endswith(MAIL_FILES) for f in filenames)
    if mailed and summary.strip() and _in_short(summary, filenames) == summary:
        others = [f for f in filenames if not f.lower().endswith(MAIL_FILES)]
        text = "Svaret är inte uppdelat per fråga – se Svaren i korthet; svaret kom som e-post."
        if others:
            text += (f" Bifogad{'e filer' if len(others) > 1 else ' fil'}: "
                     f"{join_words([f'”{f}”' for f in others])}.")
        return text
    documents = [f for f in filenames if not f.lower().endswith(MAIL_FILES)] or filenames
    named = join_words([f"”{f}”" for f in documents])
    return (f"Svaret på frågan är inte registrerat för sig; det finns i den bifogade "
            f"{'filen' if len(documents) == 1 else 'filerna'} {named}.")


# A covering mail's words about the file it carries ("Här kommer Region Skånes yttrande över …"), not an answer.
GREETING = re.compile(r"^\W*hej\b\W*", re.I)
COVERING = re.compile(r"^(här kommer|härmed (översänds|överlämnas|skickas|lämnas)|bifogat?\b|"
                      r"vi (skickar|översänder|bifogar)|se bifogad|översänder härmed)", re.I)


def _in_short(summary: str, filenames: list[str]) -> str:
    """An instans's answer in short: its summary, unless that is only the covering mail's "Här kommer vårt
    yttrande …" with the yttrande attached – then where the answer is (walk25 Y2)."""
    sentences = [part for part in re.split(r"(?<=[.!?])\s+", GREETING.sub("", summary.strip())) if part]
    if filenames and len(sentences) == 1 and COVERING.match(sentences[0]):  # a sentence more may be the answer
        documents = [f for f in filenames if not f.lower().endswith(MAIL_FILES)] or filenames
        return f"Svaret finns i den bifogade {'filen' if len(documents) == 1 else 'filerna'} " \
               f"{join_words([f'”{f}”' for f in documents])}."
    return summary


def _said_more(note: str) -> bool:
    """Whether an avstår comment says more than the heading it stands under ("Avstår." says nothing new)."""
    return note.strip(" .").casefold() not in ("", "avstår", "avstår från att yttra sig", "vi avstår")


def _counts_text(stats: dict, running: bool, unsent: int = 0) -> str:
    """ "Remissen skickades till 4 remissinstanser: 1 har svarat (25 procent), 1 avstår och 2 har ännu inte svarat."
    with avstår counted as the page counts it; instanser on the sändlista not yet sent to are named apart, and so
    are those whose missiv could not be e-mailed (overview.tally's missiv_failed, h-queue24)."""
    if unsent:  # already not among those asked (overview.tally's not_sent)
        text = _counts_text(stats, running)
        return (text + f" {count_words(unsent, 'remissinstans', 'remissinstanser')} på sändlistan har "
                "inte fått remissen.")
    parts = []
    if stats["answered"]:
        parts.append(f"{stats['answered']} har svarat ({stats['percent']} procent)")
    if stats["declined_asked"]:
        parts.append(f"{stats['declined_asked']} avstår")
    if stats["waiting_asked"] and parts:
        parts.append(f"{stats['waiting_asked']} har {'ännu ' if running else ''}inte svarat")
    unreached, kept = stats.get("missiv_failed", 0), stats.get("missiv_held", 0)
    if unreached:
        failed = unreached - kept  # a held missiv was never tried: "hålls kvar", not "kunde inte e-postas" (Z2)
        said = ([f"Till {count_words(failed, 'remissinstans', 'remissinstanser')} {UNREACHED}"] if failed else []) \
            + ([f"{'m' if failed else 'M'}issivet till {count_words(kept, 'remissinstans', 'remissinstanser')} "
                f"{HELD_BACK}"] if kept else [])
        return (_sent_to(stats, parts) + f" {' och '.join(said)}, så {'den' if unreached == 1 else 'de'} har inte "
                "fått remissen och räknas inte här.")
    return _sent_to(stats, parts)


# what the rest of the app says of such a missiv (outgoing.held.ROW_WORDS, FAILED_WORDS, HELD_WORDS)
UNREACHED = "kunde missivet inte e-postas"
HELD_BACK = "hålls kvar (nämndens mall för missiv kan inte göra det)"


def _sent_to(stats: dict, parts: list[str]) -> str:
    said = join_words(parts) or "ingen har svarat"
    return f"Remissen skickades till {count_words(stats['asked'], 'remissinstans', 'remissinstanser')}: {said}."


def _with_status(entry: SandlistaEntry, unreached: set[int] = frozenset(), kept: set[int] = frozenset()) -> str:
    if entry.sent_at is None:
        return f"{entry.name} (har inte fått remissen)"
    if entry.id in unreached:  # never asked: not one that has not answered (h-queue24); held back is not failed
        words = held.HELD_UNREACHED_WORDS if entry.id in kept else held.UNREACHED_WORDS
        return f"{entry.name} ({words}, har inte fått remissen)"
    if entry.answer_status == AnswerStatus.ej_svarat:
        return entry.name
    # the time too, as every other place writes the anstånd (walk17 F17)
    extra = (f" till {format_deadline(entry.extended_until_on, entry.extended_until_time)}"
             if entry.extended_until_on else "")
    return f"{entry.name} ({AnswerStatus(entry.answer_status).label.lower()}{extra})"


def file_name(remiss: Remiss) -> str:
    """ "Remissammanställning SOFÖ 2026-0008.docx": a name every system can save (remiss.files.portable_name)."""
    return portable_name(f"Remissammanställning {remiss.our_dnr or remiss.id}.docx")


def render(session: Session, *, now: datetime, principal: Principal, remiss: Remiss) -> bytes:
    """The sammanställning as .docx bytes, from the nämnd's template or the default."""
    require(principal, Action.view, remiss.namnd_id)
    template = namnd_template(session, remiss.namnd_id, "sammanstallning")
    return render_document("sammanstallning", context(session, now=now, remiss=remiss),
                           template.data if template else None,
                           own=(template.version, template.filename) if template else None)
