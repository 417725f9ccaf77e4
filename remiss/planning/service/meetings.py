"""Sammanträdesplan and klämdagar: add, change, import and delete; replan what depends on them."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require, require_act
from remiss.calendar import Meeting, meetings_from_csv, meetings_from_ics
from remiss.calendar.meetings_import import ics_unreadable
from remiss.calendar.swedish import count_words, format_weekday_date
from remiss.clock import STOCKHOLM, local
from remiss.calendar.milestones import NO_MEETING_LABEL
from remiss.namnd.models import ClosedDay
from remiss.namnd.models import Meeting as MeetingRow
from remiss.planning.models import Milestone, TidplanState
from remiss.planning.service import tidplan
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.status import CLOSED

KIND_LABELS = {"namnd": "Nämnd", "au": "Arbetsutskott"}
MEETING_KINDS = ("arbetsutskott", "namnd")  # the milestones a sammanträde dates
STEP_OF = {"au": "arbetsutskott", "namnd": "namnd"}  # a sammanträde's kind → the milestone it dates


@dataclass(frozen=True)
class MeetingInput:
    """A meeting as typed in the form, already parsed."""

    kind: str
    day: date
    at: time
    place: str = ""
    handlingar_deadline: date | None = None

    def starts_at(self) -> datetime:
        return datetime.combine(self.day, self.at, tzinfo=STOCKHOLM)


def require_plan_editor(principal: Principal, namnd_id: int) -> None:
    """Nämndsekreterare (registrator) and admin keep the sammanträdesplan."""
    require_act(principal, "meetings", namnd_id)


def _check(session: Session, namnd_id: int, data: MeetingInput, exclude_id: int | None = None) -> None:
    errors = {}
    if data.kind not in KIND_LABELS:
        errors["kind"] = "Välj nämnd eller arbetsutskott."
    if len(data.place) > 200:
        errors["place"] = "Skriv högst 200 tecken."
    if data.handlingar_deadline and data.handlingar_deadline > data.day:
        errors["handlingar_deadline"] = "Sista dag för handlingar måste vara före sammanträdet."
    clash = session.exec(select(MeetingRow).where(
        MeetingRow.namnd_id == namnd_id, MeetingRow.kind == data.kind,
        MeetingRow.starts_at == data.starts_at())).first()
    if clash is not None and clash.id != exclude_id:
        errors["day"] = "Det finns redan ett sådant sammanträde vid den tiden."
    if errors:
        raise InputErrors(errors)


def _ask_past(now: datetime, data: MeetingInput, confirmed: bool) -> None:
    """A meeting before now is often a typo for a later year: saved only when confirmed (walk11 #14); earlier
    today counts too, its clock time decides (truth17 F15)."""
    if confirmed or data.starts_at() >= now:
        return
    when = (f"i dag kl. {data.at:%H.%M}" if data.day == local(now).date() else format_weekday_date(data.day))
    raise InputErrors({"confirm_past": (
        f"Sammanträdet {when} är i det förflutna. Rätta datumet, eller kryssa i rutan om sammanträdet verkligen "
        f"hölls då.")})


def add_meeting(session: Session, *, now: datetime, principal: Principal, namnd_id: int,
                data: MeetingInput, replan: bool = True, confirm_past: bool = False) -> MeetingRow:
    """Add one meeting to the nämnd's sammanträdesplan; one dated before today only when confirm_past."""
    require_plan_editor(principal, namnd_id)
    _check(session, namnd_id, data)
    _ask_past(now, data, confirm_past)
    row = MeetingRow(namnd_id=namnd_id, kind=data.kind, starts_at=data.starts_at(), place=data.place.strip(),
                     handlingar_deadline=data.handlingar_deadline)
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="meeting", entity_id=row.id, action="create",
                 changes={"starts_at": [None, data.starts_at().isoformat()], "kind": [None, data.kind]})
    if replan:
        replan_namnd(session, now=now, namnd_id=namnd_id, actor_id=principal.user_id,
                     because=f"Sammanträdet {format_weekday_date(data.day)} lades till i sammanträdesplanen",
                     used=set(), added={data.day})
    return row


def update_meeting(session: Session, *, now: datetime, principal: Principal, meeting: MeetingRow,
                   data: MeetingInput, confirm_past: bool = False) -> list[Remiss]:
    """Change a meeting's kind, time, place or handlingar deadline; a new day before today only when
    confirm_past. Return the remisser that were planned on it and are not after the change (moved past their sista
    svarsdag, say): the Klart names them, as after a removal (walk26b X12)."""
    require_plan_editor(principal, meeting.namnd_id)
    old_day = local(meeting.starts_at).date()
    planned = planned_on(session, [meeting])[meeting.id]
    kept = data.handlingar_deadline
    if old_day != data.day and kept is not None and kept == meeting.handlingar_deadline:  # left as it was (W4)
        data = replace(data, handlingar_deadline=moved_handlingar(kept, data.day - old_day,
                                                                  tidplan.work_calendar(session)))
    _check(session, meeting.namnd_id, data, exclude_id=meeting.id)
    if data.starts_at() != meeting.starts_at:
        _ask_past(now, data, confirm_past)
    before = {"kind": meeting.kind, "starts_at": meeting.starts_at.isoformat(), "place": meeting.place,
              "handlingar_deadline": meeting.handlingar_deadline}
    meeting.kind, meeting.starts_at = data.kind, data.starts_at()
    meeting.place, meeting.handlingar_deadline = data.place.strip(), data.handlingar_deadline
    session.add(meeting)
    session.flush()
    after = {"kind": meeting.kind, "starts_at": meeting.starts_at.isoformat(), "place": meeting.place,
             "handlingar_deadline": meeting.handlingar_deadline}
    audit.record(session, now=now, user_id=principal.user_id, entity="meeting", entity_id=meeting.id,
                 action="update", changes=audit.diff(before, after))
    because = (f"Sammanträdet {format_weekday_date(old_day)} flyttades till {format_weekday_date(data.day)}"
               if old_day != data.day else f"Sammanträdet {format_weekday_date(data.day)} ändrades")
    replan_namnd(session, now=now, namnd_id=meeting.namnd_id, actor_id=principal.user_id, because=because,
                 moved_to=data.day if old_day != data.day else None, used={old_day, data.day}, added={data.day})
    still = {remiss.id for remiss in planned_on(session, [meeting])[meeting.id]}
    return [remiss for remiss in planned if remiss.id not in still]


def moved_handlingar(deadline: date, by: timedelta, calendar) -> date:
    """The sista dag för handlingar of a meeting moved by `by` and whose deadline was left as it was: moved as far,
    to the working day on or before (walk26 W4: a meeting moved a month kept a deadline a month before it)."""
    return calendar.previous_workday(deadline + by)


def planned_on(session: Session, meetings: list[MeetingRow]) -> dict[int, list[Remiss]]:
    """meeting id → the open incoming remisser whose tidplan puts its arbetsutskott or nämnd on that meeting's day
    (in diarium order), of meetings of one nämnd: what removing it would take from them (walk26 W3)."""
    if not meetings:
        return {}
    rows = session.exec(select(Remiss, Milestone.kind, Milestone.due_on).join(Milestone, Milestone.remiss_id == Remiss.id)
                        .where(Remiss.namnd_id == meetings[0].namnd_id, Remiss.direction == Direction.inkommande,
                               Remiss.status.not_in([s.value for s in CLOSED]), Milestone.kind.in_(MEETING_KINDS),
                               Milestone.label != NO_MEETING_LABEL)
                        .order_by(Remiss.id)).all()
    found: dict[int, list[Remiss]] = {}
    for meeting in meetings:
        day, step = local(meeting.starts_at).date(), STEP_OF.get(meeting.kind)
        found[meeting.id] = [remiss for remiss, kind, due_on in rows if kind == step and due_on == day]
    return found


def delete_meeting(session: Session, *, now: datetime, principal: Principal, meeting: MeetingRow) -> list[Remiss]:
    """Remove a meeting from the sammanträdesplan; return the remisser that were planned on it (planned_on)."""
    require_plan_editor(principal, meeting.namnd_id)
    lost = planned_on(session, [meeting])[meeting.id]
    namnd_id, day = meeting.namnd_id, local(meeting.starts_at).date()
    because = f"Sammanträdet {format_weekday_date(local(meeting.starts_at).date())} togs bort ur sammanträdesplanen"
    audit.record(session, now=now, user_id=principal.user_id, entity="meeting", entity_id=meeting.id,
                 action="delete", changes={"starts_at": [meeting.starts_at.isoformat(), None]})
    session.delete(meeting)
    session.flush()
    replan_namnd(session, now=now, namnd_id=namnd_id, actor_id=principal.user_id, because=because, used={day})
    return lost


def new_meeting_words(session: Session, remiss: Remiss) -> str:
    """What the tidplan of a remiss that lost its sammanträde says now: "inget sammanträde hinner före sista
    svarsdag" or "nu nämndsammanträde torsdag 14 januari 2027"."""
    step = next((m for m in tidplan.milestones_of(session, remiss.id) if m.kind == "namnd"), None)
    if step is None or step.label == NO_MEETING_LABEL:
        return "inget sammanträde hinner före sista svarsdag"
    return f"nu nämndsammanträde {format_weekday_date(step.due_on)}"


IMPORT_SUFFIXES = (".csv", ".ics", ".ical", ".ifb", ".txt")


def parse_import(filename: str, data: bytes) -> tuple[list[Meeting], list[str]]:
    """Read meetings from a CSV or ICS file; errors are Swedish, one per bad row. A file that is not one to read at
    all (its type, empty, not a calendar) raises InputErrors for the file field, never as a row (walk27 Y14)."""
    name = filename.lower()
    is_calendar = name.endswith((".ics", ".ical", ".ifb")) or data.lstrip().startswith(b"BEGIN:VCALENDAR")
    if name and not is_calendar and not name.endswith((".csv", ".txt")):
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else "(ingen)"
        raise InputErrors({"file": f"Filtypen {suffix} tas inte emot. Tillåtna: .csv, .ics."})
    if not data.strip():
        raise InputErrors({"file": f"Filen {filename} är tom."})
    if is_calendar:
        if refusal := ics_unreadable(data):
            raise InputErrors({"file": refusal})
        return meetings_from_ics(data)
    return meetings_from_csv(data)


def already_planned(session: Session, namnd_id: int, meeting: Meeting) -> bool:
    """Whether the nämnd's sammanträdesplan already has this meeting (same kind, same start)."""
    return session.exec(select(MeetingRow.id).where(
        MeetingRow.namnd_id == namnd_id, MeetingRow.kind == meeting.kind,
        MeetingRow.starts_at == meeting.starts_at.astimezone(STOCKHOLM))).first() is not None


def import_meetings(session: Session, *, now: datetime, principal: Principal, namnd_id: int,
                    meetings: list[Meeting]) -> tuple[int, int]:
    """Add the previewed meetings; return (added, already there)."""
    require_plan_editor(principal, namnd_id)
    added = skipped = 0
    days: set[date] = set()
    for meeting in meetings:
        starts_at = meeting.starts_at.astimezone(STOCKHOLM)
        if already_planned(session, namnd_id, meeting):
            skipped += 1
            continue
        add_meeting(session, now=now, principal=principal, namnd_id=namnd_id, replan=False, confirm_past=True,
                    data=MeetingInput(meeting.kind, starts_at.date(), starts_at.time().replace(tzinfo=None),
                                      meeting.place[:200], meeting.handlingar_deadline))
        added += 1
        days.add(starts_at.date())
    if added:
        replan_namnd(session, now=now, namnd_id=namnd_id, actor_id=principal.user_id,
                     because=f"{count_words(added, 'sammanträde', 'sammanträden')} importerades till "
                             f"sammanträdesplanen", used=set(), added=days)
    return added, skipped


def meetings_of_namnd(session: Session, namnd_id: int) -> list[MeetingRow]:
    return list(session.exec(select(MeetingRow).where(MeetingRow.namnd_id == namnd_id)
                             .order_by(MeetingRow.starts_at)))


def describe_meeting(meeting: Meeting | MeetingRow) -> str:
    """Return "Nämnd torsdag 24 september 2015 kl. 17.00, Plats"."""
    moment = local(meeting.starts_at)
    text = f"{KIND_LABELS.get(meeting.kind, meeting.kind)} {format_weekday_date(moment)} kl. {moment:%H.%M}"
    text += f", {meeting.place}" if meeting.place else ""
    if meeting.handlingar_deadline:
        text += f", sista dag för handlingar {format_weekday_date(meeting.handlingar_deadline)}"
    return text


def replan_namnd(session: Session, *, now: datetime, namnd_id: int | None, actor_id: int | None, because: str = "",
                 moved_to: date | None = None, used: set[date] | None = None, added: set[date] = frozenset()) -> int:
    """Replan the open incoming remisser of the nämnd (all nämnder when None) that the change touches; because says
    why (tidplan.replan). used/added: the days of the meetings changed or removed / added or moved to; then only a
    remiss whose tidplan uses a changed or removed meeting, or whose time to answer (today to the sista svarsdag in
    force) holds an added one, is re-planned (truth16 F27: one edited meeting re-planned every remiss of the nämnd
    and erased its missed meetings). used None: every one (the nämnd's rules, a klämdag)."""
    stmt = select(Remiss).where(Remiss.direction == Direction.inkommande,
                                Remiss.status.not_in([s.value for s in CLOSED]))
    if namnd_id is not None:
        stmt = stmt.where(Remiss.namnd_id == namnd_id)
    count = 0
    for remiss in session.exec(stmt).all():
        if used is not None and not _touched(session, remiss, local(now).date(), used, added):
            continue
        tidplan.replan(session, now=now, remiss=remiss, actor_id=actor_id, because=because, moved_to=moved_to)
        count += 1
    return count


def _touched(session: Session, remiss: Remiss, today: date, used: set[date], added: set[date]) -> bool:
    """Whether the remiss's tidplan uses a meeting of the days used, or an added meeting falls in its time left, or
    its advice asks for a förlängning: that names a meeting after the sista svarsdag, which any change to the plan
    may have moved, removed or bettered (walk26b X14: "… vid sammanträdet 28 januari" after it was moved)."""
    rows = tidplan.milestones_of(session, remiss.id)
    if not rows:
        return True
    if any(m.kind in MEETING_KINDS and (m.due_on in used or m.planned_on in used or m.label == NO_MEETING_LABEL)
           for m in rows):
        return True
    state = session.get(TidplanState, remiss.id)
    if state is not None and (not state.feasible or state.suggested_extension_on is not None
                              or state.extension_holds_until is not None):
        return True
    last = remiss.effective_deadline_on
    return last is not None and any(today <= day <= last for day in added)


class MeetingsOnClosedDay(InputErrors):
    """A klämdag on a day the nämnder meet: asked about, since the tidplaner then leave those meetings out."""


def meetings_between(session: Session, first: date, last: date,
                     namnd_ids: list[int] | None = None) -> list[tuple[MeetingRow, str]]:
    """(meeting, nämnd name) of the days first..last (Swedish time), of the nämnder namnd_ids (None: all)."""
    from remiss.namnd.models import Namnd

    start = datetime.combine(first, time(0), tzinfo=STOCKHOLM)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=STOCKHOLM)
    stmt = (select(MeetingRow, Namnd.name).join(Namnd, Namnd.id == MeetingRow.namnd_id)
            .where(MeetingRow.starts_at >= start, MeetingRow.starts_at < end).order_by(MeetingRow.starts_at))
    if namnd_ids is not None:
        stmt = stmt.where(MeetingRow.namnd_id.in_(list(namnd_ids) or [-1]))
    return list(session.exec(stmt).all())


def meetings_on(session: Session, day: date) -> list[str]:
    """The nämnder's meetings on a day, in words ("Miljönämnden: nämnd kl. 17.00")."""
    return [f"{name}: {KIND_LABELS.get(m.kind, m.kind).lower()} kl. {local(m.starts_at):%H.%M}"
            for m, name in meetings_between(session, day, day)]


def add_closed_day(session: Session, *, now: datetime, principal: Principal, day: date | None,
                   reason: str, confirm_meetings: bool = False) -> ClosedDay:
    """Add a klämdag on which the whole organisation is closed; a day already free is refused, and a day the
    nämnder meet is added only when confirm_meetings says so (walk11 finding 17)."""
    require(principal, Action.administer, 0)
    reason = (reason or "").strip()
    if day is None:
        raise InputErrors({"day": "Ange ett datum."})
    if len(reason) > 200:
        raise InputErrors({"reason": "Skriv högst 200 tecken."})
    if session.exec(select(ClosedDay).where(ClosedDay.day == day)).first():
        raise InputErrors({"day": f"{format_weekday_date(day)} finns redan bland de stängda dagarna."})
    free = tidplan.work_calendar(session).day_off_reason(day)
    if free:
        raise InputErrors({"day": f"{format_weekday_date(day)} är redan ledig ({free}) och räknas inte som "
                                  "arbetsdag: den behöver inte läggas till."})
    meetings = meetings_on(session, day)
    if meetings and not confirm_meetings:
        raise MeetingsOnClosedDay({"day": (
            f"{format_weekday_date(day)} har sammanträden: {'; '.join(meetings)}. På en stängd dag används de "
            "inte i tidplanerna, och remisser som planerats till dem får ett annat sammanträde. Ställs "
            "sammanträdet inte in, lägg inte till dagen; annars kryssa i att dagen ska vara stängd ändå.")})
    row = ClosedDay(day=day, reason=reason or "klämdag")
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="closed_day", entity_id=row.id,
                 action="create", changes={"day": [None, day.isoformat()], "reason": [None, row.reason]})
    replan_namnd(session, now=now, namnd_id=None, actor_id=principal.user_id,
                 because=f"{format_weekday_date(day).capitalize()} blev stängd dag ({row.reason})")
    return row


def delete_closed_day(session: Session, *, now: datetime, principal: Principal, closed_day_id: int) -> None:
    """Make a klämdag a working day again."""
    require(principal, Action.administer, 0)
    row = session.get(ClosedDay, closed_day_id)
    if row is None:
        raise InputErrors({"day": "Dagen finns inte."})
    audit.record(session, now=now, user_id=principal.user_id, entity="closed_day", entity_id=row.id,
                 action="delete", changes={"day": [row.day.isoformat(), None]})
    session.delete(row)
    session.flush()
    replan_namnd(session, now=now, namnd_id=None, actor_id=principal.user_id)
