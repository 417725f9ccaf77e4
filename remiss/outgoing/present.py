"""Display-ready values for outgoing work: the remiss page's panel and the start page's section (the public page:
outgoing.public_page, whose two functions are also importable from here)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from markupsafe import Markup

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, select

from remiss.audit.models import AuditEvent
from remiss.auth.access import Action, Principal
from remiss.calendar.swedish import (count_words, format_date, format_date_time, format_deadline, format_weekday_date,
                                     join_words)
from remiss.clock import local, local_today
from remiss.documents.pdf import soffice_path
from remiss.outgoing import held, overview
from remiss.outgoing.questions import (extension_confirmation, extension_variants, same_for, send_confirmation,
                                      told_for)
from remiss.outgoing.models import Publication
from remiss.outgoing.public_page import is_published_file, public_page  # noqa: F401 - imported from here too
from remiss.outgoing.service import (addresses, amendments, answers, chasers, closing, compiled, lifecycle,
                                     missiv_doc, outdated, publication, remisstid, sending)
from remiss.planning.models import Extension
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.queued import down_since
from remiss.remisser import page
from remiss.remisser.models import AnswerStatus, Attachment, Direction, Remiss, SandlistaEntry, is_open
from remiss.remisser.status import NEXT_STEPS, RemissStatus


AFTER_SVARSTID = {RemissStatus.sammanstalld: "svaren är sammanställda", RemissStatus.avslutad: "ärendet är avslutat",
                  RemissStatus.aterkallad: "remissen är återkallad"}


def days_left(remiss: Remiss, now: datetime, *, stale: str = "", awaited: closing.Awaited | None = None) -> str:
    """ "12 dagar kvar", "sista dagen i dag", "svarstiden gick ut i går", "svarstiden gick ut för 3 dagar sedan".
    stale: why the sammanställning is to be made again (compiled.Staleness.reason; truth16 F16, walk19 G7);
    awaited: whom to wait for while their svarstid runs (closing.awaited): first, when only the svarstid changed
    (walk29 A1), after compiling again, when an answer did (walk29b B5)."""
    if stale and remiss.status == RemissStatus.sammanstalld:
        if not awaited:
            return f"{stale} – sammanställ igen"
        return closing.wait_cell(stale, awaited, svarstid_only=compiled.svarstid_only(stale))
    if remiss.status in AFTER_SVARSTID:  # the svarstid is over business once the answers are compiled
        return AFTER_SVARSTID[remiss.status]
    if remiss.effective_deadline_on is None:
        return "ingen sista svarsdag"
    delta = (remiss.effective_deadline_on - local(now).date()).days
    if delta > 0:
        return count_words(delta, "dag", "dagar") + " kvar"
    if delta == 0 and not lifecycle.deadline_passed(remiss, now):
        return "sista dagen i dag"
    if delta >= -1:
        return "svarstiden gick ut i dag" if delta == 0 else "svarstiden gick ut i går"
    return f"svarstiden gick ut för {count_words(-delta, 'dag', 'dagar')} sedan"


def _pending_chasers(session: Session, remiss_ids: list[int]) -> dict[int, tuple[int, datetime | None]]:
    """remiss id → (chasers planned, the next one's moment)."""
    if not remiss_ids:
        return {}
    rows = session.exec(select(OutboxMessage.remiss_id, func.count(), func.min(OutboxMessage.due_at))
                        .where(OutboxMessage.remiss_id.in_(remiss_ids), OutboxMessage.kind == chasers.KIND,
                               OutboxMessage.status == OutboxStatus.pending.value)
                        .group_by(OutboxMessage.remiss_id)).all()
    return {rid: (n, first) for rid, n, first in rows}


def _chasers_by_entry(session: Session, remiss_id: int) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """entry id → the moments of its planned chasers, in order ("8 december 2026 kl. 08.00"); and entry id → those
    already e-mailed ("skickad 3 december 2026 kl. 08.00"): the Påminnelser column said "–" once the one planned had
    gone out, as if the instans was never reminded (walk34b). One statement for both."""
    prefix = f"outgoing:chaser:{remiss_id}:"
    planned: dict[int, list[str]] = {}
    sent: dict[int, list[str]] = {}
    for key, status, due, sent_at in session.exec(
            select(OutboxMessage.key, OutboxMessage.status, OutboxMessage.due_at, OutboxMessage.sent_at)
            .where(OutboxMessage.kind == chasers.KIND, OutboxMessage.key.like(prefix + "%"),
                   OutboxMessage.status.in_((OutboxStatus.pending.value, OutboxStatus.sent.value)))
            .order_by(OutboxMessage.sent_at, OutboxMessage.due_at)):
        entry_id = int(key[len(prefix):].split(":", 1)[0])
        if status == OutboxStatus.pending.value:
            planned.setdefault(entry_id, []).append(format_date_time(due))
        elif sent_at is not None:
            sent.setdefault(entry_id, []).append(f"skickad {format_date_time(sent_at)}")
    return planned, sent


def _general_extensions(session: Session, remiss_id: int) -> list[dict]:
    """Each general extension in a sentence saying who was told and how (as recorded when it was made), with its
    letters to print, if any."""
    rows = session.exec(select(Extension).where(Extension.remiss_id == remiss_id, Extension.is_general,
                                                Extension.decision == "granted")
                        .order_by(Extension.created_at, Extension.id)).all()
    notes = dict(session.exec(select(AuditEvent.entity_id, AuditEvent.note).where(
        AuditEvent.remiss_id == remiss_id, AuditEvent.entity == "extension",
        AuditEvent.action == "general_extension")).all())
    letters = {a.uploaded_at: a for a in page.attachments(session, remiss_id) if a.purpose == remisstid.LETTERS_PURPOSE}
    # a notice superseded in the Utkorg since (a later anstånd or förlängning, or the answer) never went out: said
    # after what the note recorded when it was queued (walk31 #10)
    since = outdated.extensions_not_sent(session, remiss_id)
    # before the note was kept, only those with e-mail were told
    return [{"text": f"Den {format_date(e.decided_on or e.requested_on)} förlängdes remisstiden till "
                     f"{format_deadline(e.granted_until_on, e.granted_until_time)}"
                     + (f" ({e.reason})" if e.reason else "") + "; "
                     + "; ".join([notes.get(e.id) or "meddelandet e-postades till dem som inte hade svarat och har "
                                  "e-post", *since.get(e.id, [])]) + ".",
             "letters": letters.get(e.created_at)}
            for e in rows]


def panel(session: Session, principal: Principal, remiss: Remiss, now: datetime, *, status: str = "",
          group: str = "", extend_until: tuple | None = None) -> dict:
    """The "Utskick och svar" panel: what is left of the outgoing work and the next step's buttons; extend_until: the
    new svarsdag typed when the server asks before extending (its question is for that date, walk29 A3)."""
    entries = page.entries(session, remiss.id)  # shared with the page's Sändlista section
    current = addresses.current(session, entries)
    unsent = lifecycle.unsent(entries)  # one that answered or avstått is not sent the missiv
    by_mail = [e for e in unsent if current[e.id][0]]
    by_post = [e for e in unsent if not current[e.id][0] and current[e.id][1].strip()]
    nowhere = [e for e in unsent if not current[e.id][0] and not current[e.id][1].strip()]
    planned, reminded = _chasers_by_entry(session, remiss.id)
    down = down_since(session)  # an outage (walk20 H3)
    rows = overview.rows(session, remiss, status=status, group=group, entries=entries, addresses=current)
    unreached = held.unreached(session, [remiss.id]).get(remiss.id, set())  # never asked (h-queue24)
    kept = held.held_entry_ids(session, remiss.id) if unreached else set()  # … held back, not failed (walk25b Z2)
    unanswered = lifecycle.unanswered(entries)
    waiting = [e.name for e in unanswered if e.id not in unreached]
    extended = [f"{e.name}: anstånd till {format_deadline(e.extended_until_on, e.extended_until_time)}"
                for e in entries if e.extended_until_on and e.answer_status == AnswerStatus.anstand_beviljat
                and chasers.deadline_of(remiss, e)[0] == e.extended_until_on]  # not one a general extension passed
    extended += [answers.request_text(e, asked) + " (inte beslutat)" for e in entries
                 if e.answer_status == AnswerStatus.begart_anstand
                 and (asked := answers.pending_request(session, e.id)) is not None]
    state = RemissStatus(remiss.status)
    published = session.get(Publication, remiss.id)
    shown = {f.attachment_id for f in publication.files_of(session, remiss.id)} if published else set()
    candidates = publication.publishable_files(session, remiss.id)
    answer_names = {e.id: e.name for e in entries}
    handlingar = sum(1 for a in page.attachments(session, remiss.id) if a.purpose == "remisshandling")
    missiv = missiv_doc.current_missiv(session, remiss.id)
    made_on_sending = missiv_doc.made_on_sending(session, remiss, missiv)  # (template, why) of a missiv made anew
    compiled_file = lifecycle.current_compilation(session, remiss.id)
    stale = compiled.staleness(session, remiss.id, compiled_file)
    ask_extension = partial(extension_confirmation, remiss, entries, {e.id: current[e.id][0] for e in entries},
                            down=down, in_utkorg=frozenset(amendments.in_utkorg(session, remiss)))
    return {
        "state": state, "counts": overview.counts(session, remiss.id), "rows": rows,
        # not among those asked: said apart, as the start page, the exports and the sammanställning do (walk22 L6)
        "declined_early": overview.declined_early_words(overview.declined_early(entries),
                                                        sent=remiss.sent_at is not None),
        "groups": overview.groups(session, remiss.id, entries), "statuses": list(AnswerStatus),
        "status": status, "group": group, "missiv": missiv,
        "missiv_made": format_date_time(missiv.uploaded_at) if missiv else "",
        # why the missiv made does not hold, while it is still to be sent: a new one is made then (panel and question)
        "missiv_stale": made_on_sending[1] if missiv and unsent else "",
        "deadline_problem": sending.deadline_problem(remiss, local_today(now), len(unsent)) if unsent else "",
        "letters": (letters := sending.letters_file(session, remiss.id)), "pdf_available": soffice_path() is not None,
        "enclose": missiv_doc.remisshandlingar(session, remiss.id) if letters else [],  # to print with the letters
        "compiled": compiled_file, "compiled_stale": stale.text,
        "next_step": _next_step(session, remiss, now, state=state, stale=stale.text, unsent=unsent,
                                waiting=waiting, entries=entries, unreached=unreached),
        "unsent_names": [e.name for e in unsent],
        # once compiled or closed the remiss is not sent to them, and the panel says so (walk21 J5)
        "unsent_words": lifecycle.unsent_words(remiss, [e.name for e in unsent]) if state.value not in
        lifecycle.SENDS and remiss.sent_at is not None else "",
        # … and while a missiv is held back in the Utkorg: made anew, it goes out (h-queue24)
        "may_missiv": state.value in lifecycle.SENDS and (state == RemissStatus.utkast or bool(unsent)
                                                          or bool(amendments.held_back(session, remiss.id)[0])),
        "sent": remiss.sent_at is not None, "sent_at": format_date_time(remiss.sent_at) if remiss.sent_at else "",
        "unsent": len(unsent), "by_mail": len(by_mail), "by_post": len(by_post),
        "nowhere": [(e.id, e.name) for e in nowhere], "days_left": days_left(remiss, now, stale=stale.reason, awaited=(
            closing.awaited(session, [remiss.id], now).get(remiss.id) if stale else None)),
        "send_confirm": send_confirmation([current[e.id][0] for e in by_mail], len(by_post), handlingar=handlingar,
                                          down=down, unmade_from=made_on_sending[0], stale=made_on_sending[1]),
        "handlingar": handlingar,
        "compile_confirm": lifecycle.compile_question(remiss, now, entries, frozenset(unreached), frozenset(kept),
                                                        frozenset(held.queued_entry_ids(session, remiss.id)),
                                                        planned=bool(planned)),
        "extend_confirm": ask_extension(told=told_for(remiss, entries, *extend_until) if extend_until else None,
                                        same=same_for(remiss, entries, *extend_until) if extend_until else frozenset()),
        # the question for the date typed, picked by the page's script (walk29 A3)
        "extend_attrs": confirm_after_attrs(extension_variants(remiss, entries,
                                                               lambda told, same: ask_extension(told=told,
                                                                                                same=same))),
        "waiting": waiting,
        # those whose missiv the sweep gave up on; a held one is named in the held missiv's line (walk26b X8)
        "unreached": unreached_words([e.name for e in entries if e.id in unreached and e.id not in kept]),
        "extended": extended, "general_extensions": _general_extensions(session, remiss.id),
        # sent ones first, then those planned, said so beside a sent one (the column's "–" only when the instans was
        # never reminded and none is planned)
        "chasers": {entry_id: reminded.get(entry_id, []) + [f"planerad {m}" if entry_id in reminded else m
                                                           for m in planned.get(entry_id, [])]
                    for entry_id in {*reminded, *planned}},
        "chaser_count": sum(len(m) for m in planned.values()),
        "may_send": state.value in lifecycle.SENDS and unsent,
        # also once compiled, as Ändra uppgifter says: the new svarstid dates the sammanställning (walk21 J6)
        "may_extend": state in (RemissStatus.skickad, RemissStatus.svarstiden_ute, RemissStatus.sammanstalld),
        # once compiled, who is still reminded (for their anstånd), as the form says before extending (walk29 A1)
        "extend_reminded": join_words([e.name for e in unanswered
                                       if e.id in chasers.kept_after_compiling(session, remiss)]),
        "extend_base": remisstid.shown_base(remiss),  # the svarsdag the extension form shows (a stale form's base)
        "may_compile": state in (RemissStatus.skickad, RemissStatus.svarstiden_ute, RemissStatus.sammanstalld),
        # the box beside Sammanställ svaren: stop the reminders of those with a running anstånd too (walk26 W5)
        "compile_stop": lifecycle.stop_label([e.name for e, _ in reminded]) if (
            reminded := lifecycle.kept_reminded(session, remiss, now) if state.value in lifecycle.COMPILES else [])
        else "",
        "may_close": state == RemissStatus.sammanstalld,  # asked first while answers may still come (walk19 G13)
        "close_confirm": closing.close_question(session, remiss, now) if state == RemissStatus.sammanstalld else "",
        "may_publish": remiss.sent_at is not None and state != RemissStatus.aterkallad,
        "published": published, "published_at": format_date_time(published.published_at) if published else "",
        "publish_choices": [{"id": a.id, "label": _file_label(a, answer_names) + (f" – {note}" if note else ""),
                             "checked": checked} for a, checked, note in publication.form_choices(
                                 session, remiss.id, candidates, shown=shown if published else None,
                                 current=compiled_file, stale=stale)],
        "may_edit": principal.may(Action.edit, remiss.namnd_id),
    }


def confirm_after_attrs(variants: list[tuple[str, str]]) -> Markup:
    """The extension form's attributes: novalidate, and the questions by typed date for static/app.js
    (data-confirm-after, questions.extension_variants) when they differ."""
    if not variants:
        return Markup("novalidate")
    return Markup('novalidate data-confirm-after="{}"').format(json.dumps(variants, ensure_ascii=False))


def unreached_words(names: list[str]) -> str:
    """The panel's sentence of the instanser never asked because their missiv could not be e-mailed (h-queue24); one
    whose missiv is held back is named, with its address, in the held missiv's line (walk25b Z2, walk26b X8)."""
    if not names:
        return ""
    they = "den räknas" if len(names) == 1 else "de räknas"
    return (f"Missivet kunde inte e-postas till {join_words(names)}: {they} inte bland dem som har fått remissen "
            "förrän missivet har skickats.")


def _next_step(session: Session, remiss: Remiss, now: datetime, *, state: RemissStatus, stale: str, unsent: list,
               waiting: list, entries: list, unreached: set[int] = frozenset()) -> str:
    """Nästa steg where the panel knows more than the status ("" leaves it to remisser.status.NEXT_STEPS)."""
    if state in (RemissStatus.skickad, RemissStatus.svarstiden_ute):
        # the missiv still in the Utkorg (a mail outage): not "Vänta på svaren" (walk21 J3)
        said = held.next_step(session, remiss.id, now=now)
        found = amendments.news(session, remiss)
        outdated = [n.entry.name for n in found]
        if outdated:  # the panel's Observera about changed frågeställningar: Nästa steg names its button (L12g)
            they = 'den' if len(outdated) == 1 else 'de'
            old = [n.entry.name for n in found if n.questions]
            if len(old) == len(found):
                lacks = f"{they} har missivet med de tidigare frågeställningarna"
            elif not old:
                lacks = amendments.lacking_words(found, they)
            else:  # some have the old questions, some only lack a file added since (walk24 V6)
                lacks = (f"{join_words(old)} har missivet med de tidigare frågeställningarna, och "
                         + amendments.added_words(found).rstrip("."))
            said = (f"{said} Skicka ändringen till {join_words(outdated)} under Utskick och svar: {lacks}."
                    + ("" if unsent and remiss.sent_at is not None else " Vänta sedan på svaren.")).strip()
        if unsent and remiss.sent_at is not None:  # an instans added after sending (walk12b #14)
            send = (f"Skicka remissen till {', '.join(e.name for e in unsent)}, som inte har fått den än. "
                    "Vänta sedan på svaren.")
            return f"{said} {send}" if said else send
        # every instans has answered or declined, late or not: nobody is left to remind (walk16 #12); not while a
        # missiv is held back or could not be e-mailed: they have not got it, and said says what to do (walk25b Z1)
        return "Alla har svarat: sammanställ svaren." if entries and not waiting and not unreached else said
    if state == RemissStatus.sammanstalld:
        # not sent to an instans added after compiling (walk21 J5); an answer since: compile again first
        first = lifecycle.unsent_words(remiss, [e.name for e in unsent])
        # while answers may still come in time, wait for them first, also once the sammanställning is out of date
        # (walk26 W5; walk29 A1: after a förlängning for all it said "sammanställ igen … och avsluta" at once)
        # … compiling again then, when only the svarstid changed since; an answer or another change is compiled in
        # now (truth16 F16), and then the answers still due are waited for (walk29b B5)
        reason = compiled.staleness(session, remiss.id, lifecycle.current_compilation(session, remiss.id)).reason \
            if stale else ""
        wait = closing.awaited(session, [remiss.id], now).get(remiss.id)
        then = (closing.wait_words(wait, stale=reason) if not stale or compiled.svarstid_only(reason)
                else closing.wait_words(wait, text=stale)) if wait else \
            f"{stale} Publicera sedan remissvaren och avsluta ärendet." if stale else \
            NEXT_STEPS[RemissStatus.sammanstalld] if first else ""
        return f"{first} {then}".strip()
    return ""


def _file_label(attachment: Attachment, names: dict[int, str]) -> str:
    kind = {"svar": "svar", "sammanstallning": "sammanställning", "missiv": "missiv",
            "remisshandling": "remisshandling"}.get(attachment.purpose, attachment.purpose)
    who = names.get(attachment.sandlista_entry_id)
    raw = f": {publication.RAW_MAIL_NOTE}" if publication.is_raw_mail(attachment) else ""
    return f"{attachment.filename} ({kind}{' från ' + who if who else ''}{raw})"


@dataclass(frozen=True)
class OutgoingRow:
    remiss_id: int
    dnr: str
    title: str
    status: str
    status_label: str
    answered: str  # "2 av 5 har svarat, 1 avstår"
    waiting: int
    days_left: str
    overdue: bool
    chasers: str  # "3 påminnelser planerade, nästa 8 december 2026 kl. 08.00"


@dataclass
class OutgoingSection:
    """The start page's part about remisser we have sent out that call for attention now."""

    rows: list[OutgoingRow] = field(default_factory=list)
    attention: int = 0  # how many call for attention; more than rows when the list is cut (ATTENTION_SHOWN)
    later: int = 0  # open outgoing remisser left out because nothing is due on them yet
    horizon: str = ""  # "torsdag 24 december 2026": the answers due up to that day are listed
    heading: str = "Utgående remisser att sköta"  # a läsare sköter nothing: "Pågående utgående remisser"
    template: str = "outgoing/_start.html"

    @property
    def cut(self) -> int:
        """How many that call for attention the list does not show."""
        return self.attention - len(self.rows)


ATTENTION_DAYS = 21  # answers due within three weeks call for attention, as on the planning section
# At most this many rows, the latest deadlines kept (as planning.present.LATE_SHOWN): the rest are counted and one
# click away in the diarium, never dropped without a word.
ATTENTION_SHOWN = 100


def start_section(session: Session, principal: Principal, now: datetime) -> OutgoingSection | None:
    """Outgoing remisser in my nämnder that call for attention, chosen in SQL: to close (sammanställd), svarstid
    run out, no sista svarsdag, or answers due within ATTENTION_DAYS (sent or still to send); at most
    ATTENTION_SHOWN, the latest deadlines kept, with the count of what is left out. None when none is open."""
    today = local_today(now)
    horizon = today + timedelta(days=ATTENTION_DAYS)
    attention = or_(Remiss.status.in_([RemissStatus.sammanstalld.value, RemissStatus.svarstiden_ute.value]),
                    Remiss.effective_deadline_on.is_(None), Remiss.effective_deadline_on <= horizon,
                    Remiss.id.in_(held.waiting_ids(now)))  # its missiv still in the Utkorg (walk21 J3)
    # is_open: an outgoing remiss's open statuses are utkast … sammanställd, read from the open remisser's index
    mine = [Remiss.direction == Direction.utgaende.value, is_open()]
    visible = principal.visible_namnd_ids()
    if visible is not None:
        mine.append(Remiss.namnd_id.in_(sorted(visible) or [-1]))
    total, calling = session.exec(select(func.count(), func.coalesce(func.sum(case((attention, 1), else_=0)), 0))
                                  .select_from(Remiss).where(*mine)).one()
    if not total:
        return None
    # a sammanställd remiss with nothing to do but wait for answers is no work to see to (Att göra lists it under
    # "Väntar på svar"): it is listed, as a sent one, only when an answer is due by the horizon (walk31 #5)
    compiled_ids = session.exec(select(Remiss.id).where(*mine, Remiss.status == RemissStatus.sammanstalld.value)).all()
    waits = [rid for rid, day in closing.only_waiting(session, list(compiled_ids), now).items() if day > horizon]
    if waits:
        attention = and_(attention, Remiss.id.not_in(waits))
        calling -= len(waits)
    found = session.exec(select(Remiss).where(*mine, attention)
                         .order_by(Remiss.effective_deadline_on.desc().nulls_last(), Remiss.id.desc())
                         .limit(ATTENTION_SHOWN)).all() if calling else []
    found.sort(key=lambda r: (r.effective_deadline_on is None, r.effective_deadline_on or today, r.id))
    return OutgoingSection(_rows(session, found, now), attention=calling, later=total - calling,
                           horizon=format_weekday_date(horizon),
                           heading="Utgående remisser att sköta" if principal.may(Action.edit)
                           else "Pågående utgående remisser")


def _rows(session: Session, found: list[Remiss], now: datetime) -> list[OutgoingRow]:
    """The rows of the outgoing remisser found, with their answers counted and their chasers, in two statements."""
    if not found:
        return []
    ids = [r.id for r in found]
    tally: dict[int, dict[str, int]] = {}
    early: dict[int, int] = {}  # avstod before the utskick (overview.tally)
    never_sent: dict[int, dict[str, int]] = {}  # per status, the entries not sent the remiss (overview.not_sent_to)
    for rid, status, n, unsent in session.exec(
            select(SandlistaEntry.remiss_id, SandlistaEntry.answer_status, func.count(), overview.UNSENT_COUNT)
            .where(SandlistaEntry.remiss_id.in_(ids)).group_by(SandlistaEntry.remiss_id, SandlistaEntry.answer_status)):
        tally.setdefault(rid, {})[status] = n
        never_sent.setdefault(rid, {})[status] = unsent
        if status == AnswerStatus.avstar.value:
            early[rid] = unsent
    planned = _pending_chasers(session, ids)
    # an answer after the sammanställning: "sammanställ igen", as the remiss page says (truth16 F16)
    stale = compiled.stale_ids(session, [r.id for r in found if r.status == RemissStatus.sammanstalld])
    # whom to wait for before compiling again when only the svarstid changed since (walk29 A1), or after compiling
    # again when an answer came in since (walk29b B5)
    awaited = closing.awaited(session, list(stale), now)
    unsent_mail = held.list_words(session, ids, now=now)  # the missiv not sent (J3), or it failed (h-out23 M4)
    unreached = held.unreached(session, ids)  # never asked: not among those counted (h-queue24)
    rows = []
    for remiss in found:
        counted = overview.tally(tally.get(remiss.id, {}), early.get(remiss.id, 0),
                                 len(unreached.get(remiss.id, ())),
                                 not_sent=overview.not_sent_to(remiss, never_sent.get(remiss.id, {})))
        n, first = planned.get(remiss.id, (0, None))
        shown = RemissStatus.svarstiden_ute if (remiss.status == RemissStatus.skickad
                                                and lifecycle.deadline_passed(remiss, now)) else RemissStatus(remiss.status)
        unsent = remiss.status == RemissStatus.utkast  # nobody is waiting for a remiss not yet sent
        # once compiled, nobody is waited for: those who did not answer are "utan svar" (truth17 F13)
        done, left = remiss.status in (RemissStatus.sammanstalld, RemissStatus.avslutad), counted["waiting_asked"]
        rows.append(OutgoingRow(
            remiss.id, remiss.our_dnr or "", remiss.title, shown.value, shown.label,
            "inte skickad än" if unsent
            else overview.answered_words(counted) + (f", {left} utan svar" if done and left else "")
            + (f"; {unsent_mail[remiss.id]}" if remiss.id in unsent_mail else ""),
            0 if unsent or done else left,
            "inte skickad" if remiss.status == RemissStatus.utkast
            else days_left(remiss, now, stale=stale.get(remiss.id, ""), awaited=awaited.get(remiss.id)),
            shown == RemissStatus.svarstiden_ute,
            (count_words(n, "påminnelse planerad", "påminnelser planerade") + f", nästa {format_date_time(first)}") if n
            else "inga påminnelser planerade"))
    return rows
