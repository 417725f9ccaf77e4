"""The start page's "Att registrera och avsluta": the work that waits on the nämndsekreterare — a godkänt yttrande
whose beslut is not recorded, a beslutad remiss whose justering is not registered (expediering waits for it, unless
the paragraph was justerad omedelbart or a delegat decided), a beslutad and justerad remiss whose yttrande is not
yet expedierat (walk10 finding 4), and an outgoing remiss whose answers are compiled and that waits for "Avsluta
ärendet" (or for "Sammanställ svaren igen" when an answer came in after the sammanställning, walk18 F5)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from remiss.auth.access import Action, Principal
from remiss.calendar.swedish import format_weekday_date
from remiss.clock import local
from remiss.drafting.models import Decision, YttrandeDraft, justering_pending
from remiss.drafting.rattelse_todo import rattelse_todo
from remiss.outgoing.service import closing, compiled
from remiss.calendar.milestones import NO_MEETING_LABEL
from remiss.calendar.missed import MISSED, said_as
from remiss.planning.flags import reason_text
from remiss.planning.lateness import lateness as step_lateness
from remiss.planning.models import Milestone
from remiss.planning.service.missed import meeting_in_time
from remiss.planning.start_kinds import in_kind_words_rows, other_kinds
from remiss.remisser.models import Remiss, is_open
from remiss.remisser.queries import diarium_rows
from remiss.remisser.status import CLOSED, NOT_SENT_LABEL, NOT_SENT_LATE_LABEL, RemissStatus

# what each waiting status asks for, and where on the remiss page it is done
TODO = {RemissStatus.klar_for_beslut.value: ("Registrera beslutet", "beslut"),
        RemissStatus.beslutad.value: ("Expediera yttrandet", "yttrande"),
        RemissStatus.sammanstalld.value: ("Avsluta ärendet", "utskick")}
# a sammanstalld remiss whose sammanställning an answer has made out of date: compile again before closing (walk18 F5)
COMPILE_AGAIN = ("Sammanställ svaren igen", "utskick")
# a beslutad remiss whose protokoll is not yet justerat: the justering is registered before the expediering
JUSTERA = ("Registrera justeringen", "justering-form")
SHOWN = 100  # rows listed, the earliest sista svarsdag first; the page says when more wait

SENT_BY_HAND = ("Skicka yttrandet och registrera att det är skickat", "skickat")
# a nämndsammanträde flagged for these reasons (calendar.milestones.FLAG_REASONS) waits on the sekreterare too:
# the sammanträdesplan ends before the deadline could be served, or a meeting set by hand is too late (walk11)
FLAG_TODO = {"preliminar": "Lägg in fler sammanträden", "sent_sammantrade": "Begär förlängd remisstid",
             "sammantrade_passerat": "Begär förlängd remisstid eller ta upp ärendet igen"}  # calendar.missed
# a missed sammanträde with none to come before the sista svarsdag (service.missed.meeting_in_time): no "igen"
NONE_IN_TIME_TODO = "Begär förlängd remisstid eller besluta på delegation"


@dataclass(frozen=True)
class WaitingRow:
    remiss_id: int
    dnr: str
    title: str
    status: str  # "Klar för beslut"
    todo: str  # "Registrera beslutet"
    anchor: str
    note: str  # "nämndsammanträde torsdag 17 december 2026 (i tidplanen)"
    late: bool = False  # the planned meeting, the expediering or the sista svarsdag has passed
    flagged: bool = False  # the nämndsammanträde "Kräver uppmärksamhet" for a reason the sekreterare acts on
    # a sammanställd utgående remiss with nothing to do but wait for answers still due: listed apart, not counted
    # as work (walk29b B7)
    waiting: bool = False


@dataclass(frozen=True)
class WaitingSection:
    rows: list[WaitingRow] = field(default_factory=list)
    cut: bool = False  # more wait than the SHOWN rows listed (the earliest sista svarsdag first)

    @property
    def work(self) -> list[WaitingRow]:
        """The rows with something to do now (the heading counts them)."""
        return [r for r in self.rows if not r.waiting]

    @property
    def waits(self) -> list[WaitingRow]:
        """The sammanställda utgående remisser only waiting for answers still due (walk29b B7)."""
        return [r for r in self.rows if r.waiting]
    template: str = "planning/_sekreterare_start.html"


def waiting_section(session: Session, principal: Principal, now: datetime) -> WaitingSection | None:
    """The remisser waiting for a beslut or its justering to be recorded, for the expediering or for Avsluta ärendet
    in the nämnder where the user keeps the diarium (nämndsekreterare, registrator), and the remisser whose
    sammanträde is flagged for the sekreterare (FLAG_TODO), in two reads; None for the other
    users."""
    if not principal.may(Action.assign):
        return None
    expediering, justering = aliased(Milestone), aliased(Milestone)
    stmt = (select(Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.status, Remiss.namnd_id,
                   Remiss.effective_deadline_on, Milestone.due_on.label("meeting_on"),
                   Milestone.label.label("meeting_label"),
                   expediering.due_on.label("expediering_on"), justering.due_on.label("justering_on"),
                   Decision.decided_by, Decision.omedelbar_justering, Decision.justerad_on,
                   Decision.meeting_on.label("decided_on"), YttrandeDraft.state.label("draft_state"),
                   Remiss.answer_email, Remiss.received_on, Remiss.answered_late)
            .outerjoin(Milestone, and_(Milestone.remiss_id == Remiss.id, Milestone.kind == "namnd"))
            .outerjoin(expediering, and_(expediering.remiss_id == Remiss.id, expediering.kind == "expediering",
                                         expediering.done_at.is_(None)))
            .outerjoin(justering, and_(justering.remiss_id == Remiss.id, justering.kind == "justering",
                                       justering.done_at.is_(None)))
            # the beslut on the version in work (the yttrande's, or a rättelse's), as the remiss page reads it
            .outerjoin(YttrandeDraft, YttrandeDraft.remiss_id == Remiss.id)
            .outerjoin(Decision, and_(Decision.remiss_id == Remiss.id,
                                      Decision.rattelse == func.coalesce(YttrandeDraft.rattelse, 0)))
            # is_open() adds nothing to the statuses but lets the planner read the open remisser's own index in
            # deadline order (ix_remiss_open_deadline): 0.3 ms at 100,000 remisser, where walking every remiss by
            # deadline took 260 ms
            .where(Remiss.status.in_(list(TODO)), is_open())
            .order_by(Remiss.effective_deadline_on, Remiss.id).limit(SHOWN + 1))
    today = local(now).date()
    rows = []
    found = diarium_rows(session, principal, stmt)
    compiled_ids = [r.id for r in found if r.status == RemissStatus.sammanstalld.value]
    stale = compiled.stale_ids(session, compiled_ids)
    # not "Avsluta ärendet" while an instans may still answer in time: its svarstid or anstånd runs (walk26 W5)
    awaited = closing.awaited(session, compiled_ids, now)
    for r in found:
        todo, anchor = TODO[r.status]
        status_word = RemissStatus(r.status).label
        waiting = False
        if r.id in stale and r.id in awaited and compiled.svarstid_only(stale[r.id]):
            # only the svarstid changed since, and answers are still due: wait, then compile (walk29 A1); nothing to
            # do until then, so not counted among the work (walk29b B7)
            todo, note = awaited[r.id].todo, awaited[r.id].note
            note = "; ".join(filter(None, (note, f"sammanställ sedan svaren igen ({stale[r.id]})")))
            late, waiting = False, True
        elif r.id in stale and r.id in awaited:  # an answer since: compile it in now, then wait (walk29b B5)
            todo, anchor = COMPILE_AGAIN
            note, late = f"{stale[r.id]}; {awaited[r.id].said('vänta sedan på')}", False
        elif r.id in stale:
            # the remiss page, the Utgående table and the API say "sammanställ igen" too (compiled.changed_since)
            todo, anchor = COMPILE_AGAIN
            note, late = stale[r.id], False
        elif r.id in awaited:  # nothing to do but wait: not counted among the work (walk29b B7)
            todo, note, late, waiting = awaited[r.id].todo, awaited[r.id].note, False, True
        elif r.status == RemissStatus.beslutad.value and r.draft_state == "expedierad":
            # expedierat without an answer address: besvarad once recorded as sent (walk11 finding 10, h-fix-a)
            todo, anchor = SENT_BY_HAND
            # late is the sending's, past the sista svarsdag; the expediering is done (walk25b Z5)
            note = "yttrandet är expedierat men inte e-postat: " + (
                "svarsadressen kom efter expedieringen" if r.answer_email else "remissen saknar svarsadress")
            late = r.effective_deadline_on is not None and r.effective_deadline_on < today
            # as the remiss page and the lists say it, "för sent" when expedierat after the sista svarsdag (X1)
            status_word = NOT_SENT_LATE_LABEL if r.answered_late else NOT_SENT_LABEL
        elif r.status == RemissStatus.beslutad.value and r.decided_by is None and r.draft_state == "godkand":
            # Beslutad set by hand with no beslut registered: the expediering waits for it (walk18 F8)
            todo, anchor = TODO[RemissStatus.klar_for_beslut.value]
            note, late = "statusen är Beslutad, men inget beslut är registrerat", False
        elif r.status == RemissStatus.beslutad.value and r.decided_by is not None and justering_pending(
                r.decided_by, r.omedelbar_justering, r.justerad_on, today):
            todo, anchor = JUSTERA
            late = r.justering_on is not None and r.justering_on < today
            note = (_late("justering", r.justering_on, today, r.received_on) if late
                    else f"justering {format_weekday_date(r.justering_on)} enligt tidplanen" if r.justering_on
                    else f"nämnden beslutade {format_weekday_date(r.decided_on)}")
        elif r.status == RemissStatus.klar_for_beslut.value and r.meeting_on is not None:
            # no sammanträde fits before the sista svarsdag: the Tidplan's "Beslut (inget sammanträde)" (walk25b Z13)
            note = (f"beslut senast {format_weekday_date(r.meeting_on)} enligt tidplanen (inget sammanträde hinner)"
                    if r.meeting_label == NO_MEETING_LABEL
                    else f"nämndsammanträde {format_weekday_date(r.meeting_on)} enligt tidplanen")
            late = r.meeting_on < today
        elif r.status == RemissStatus.beslutad.value and r.expediering_on is not None:
            late = r.expediering_on < today
            note = (_late("expediering", r.expediering_on, today, r.received_on) if late
                    else f"expediering {format_weekday_date(r.expediering_on)} enligt tidplanen")
        elif r.effective_deadline_on is not None:
            note = f"sista svarsdag {format_weekday_date(r.effective_deadline_on)}"
            late = (r.status in (RemissStatus.klar_for_beslut.value, RemissStatus.beslutad.value)
                    and r.effective_deadline_on < today)
        else:
            note, late = "", False
        rows.append(WaitingRow(r.id, r.our_dnr or "", r.title, status_word, todo, anchor, note, late,
                               waiting=waiting))
    # an approved rättelse leaves the remiss Besvarad: its beslut, justering and expediering wait here too (walk16 f. 11)
    rattelser = [WaitingRow(*row) for row in rattelse_todo(session, principal, now)]
    shown = rows[:SHOWN] + rattelser + _flagged(session, principal, local(now).date())
    # a medborgarförslag's in its words: "ärendet saknar svarsadress", "Begär förlängd svarstid" (walk21)
    return WaitingSection(in_kind_words_rows(shown, other_kinds(session, {r.remiss_id for r in shown}),
                                             texts=("todo", "note")), cut=len(rows) > SHOWN)


def _flagged(session: Session, principal: Principal, today) -> list[WaitingRow]:
    """Open remisser whose nämndsammanträde is flagged for a reason in FLAG_TODO; a missed one's ways out as they
    hold today (a sammanträde to come before the sista svarsdag, or not)."""
    stmt = (select(Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.status, Remiss.namnd_id, Milestone.flag_reason)
            .join(Milestone, and_(Milestone.remiss_id == Remiss.id, Milestone.kind == "namnd"))
            .where(Milestone.flagged, Milestone.done_at.is_(None), Milestone.flag_reason.in_(list(FLAG_TODO)),
                   Remiss.status.not_in([s.value for s in CLOSED] + list(TODO)))
            .order_by(Remiss.effective_deadline_on, Remiss.id).limit(SHOWN))
    rows = diarium_rows(session, principal, stmt)
    in_time = {r.id: meeting_in_time(session, session.get(Remiss, r.id), today) for r in rows
               if r.flag_reason == MISSED}
    return [WaitingRow(r.id, r.our_dnr or "", r.title, RemissStatus(r.status).label,
                       FLAG_TODO[r.flag_reason] if in_time.get(r.id, True) else NONE_IN_TIME_TODO,
                       "tidplan", said_as(reason_text(r.flag_reason), in_time.get(r.id, True)), flagged=True)
            for r in rows]


def _late(kind: str, due, today, received) -> str:
    """How late a step is in the words of the Att göra table and Nästa steg (planning.lateness): a step planned
    before the remiss arrived is counted from the arrival, so the page gives one count (truth17 F11)."""
    return step_lateness(kind, due, today, received=received)[1]
