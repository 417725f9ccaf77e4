"""Reminder policy: which reminder is due for whom at which moment. Pure: no Flask, no database."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from remiss.calendar.milestones import NO_MEETING_LABEL
from remiss.calendar.workdays import WorkCalendar

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SEND_AT = time(7, 0)  # reminders go out at 07.00 Stockholm wall time on a working day

# Reminder kinds (OutboxMessage.kind and User.muted_kinds). Escalations cannot be turned off.
BEFORE, ON_DAY, OVERDUE, ESCALATION, DIGEST = "before", "on_day", "overdue", "escalation", "digest"
ASSIGNED, EXTENSION, REVIEW, ANSWERED = "assigned", "extension", "review", "answered"
RETURNED = "returned"  # the granskare sent the draft back to the handläggare
MOVED_EARLIER = "moved_earlier"  # a change in the sammanträdesplan moved the handläggare's dates earlier
NO_MEETING = "no_meeting"  # a change in the sammanträdesplan left the remiss without a sammanträde (walk26 W2)
REMINDER_KINDS = (BEFORE, ON_DAY, OVERDUE, ESCALATION)
NOTICE_KINDS = (ASSIGNED, EXTENSION, REVIEW, RETURNED, ANSWERED, MOVED_EARLIER, NO_MEETING)
KIND_LABELS = {
    BEFORE: "Påminnelse före en milstolpe",
    ON_DAY: "Påminnelse samma dag som en milstolpe",
    OVERDUE: "Påminnelse när en milstolpe är försenad",
    ESCALATION: "Eskalering när en milstolpe är försenad",
    DIGEST: "Veckosammanställning på måndagar (registratorer)",
    ASSIGNED: "Du har tilldelats en remiss",
    EXTENSION: "Förlängd remisstid beviljad",
    REVIEW: "Ett utkast skickas till granskning",
    RETURNED: "Ett utkast skickas tillbaka från granskningen",
    ANSWERED: "Remissen är besvarad",
    MOVED_EARLIER: "Tidplanen flyttas tidigare när sammanträdesplanen ändras",
    NO_MEETING: "Inget sammanträde hinner längre före sista svarsdag när sammanträdesplanen ändras",
    "outgoing_deadline": "Svarstiden har gått ut för en utgående remiss",  # remiss.outgoing.service.chasers
}
# Every kind the outbox carries: the reminders above and the mail Remiss sends outside the organisation, which
# no user can mute (the Utkorg's Sort and `remiss reminders list`).
OUTBOX_KIND_LABELS = {
    **KIND_LABELS,
    "yttrande_expedierat": "Yttrandet expedierat till remittenten",  # remiss.drafting.mailing
    "outgoing_missiv": "Utgående remiss till en remissinstans",  # remiss.outgoing.service.sending
    "outgoing_amendment": "Ändrade frågeställningar till en remissinstans",  # remiss.outgoing.service.amendments
    "outgoing_chaser": "Påminnelse till en remissinstans som inte har svarat",  # remiss.outgoing.service.chasers
    # one kind, two messages: the Utkorg's Sort names both, each row names its own (row_label)
    "outgoing_extension": "Förlängd remisstid eller besked om anstånd till en remissinstans",
}
# A message of a kind that carries two (outbox key prefix → what it is): the besked of one instans's anstånd is sent
# with the förläng-för-alla notice's kind (outgoing.service.anstand.ANSTAND_KEY) and is called by its own name
# wherever it shows (walk29 A4): the Utkorg, `remiss reminders list`, Skicka igen, the remiss page.
ROW_LABELS = {"outgoing:extension:": "Förlängd remisstid till en remissinstans",  # remiss.outgoing.service.remisstid
              "outgoing:anstand:": "Besked om anstånd till en remissinstans"}  # remiss.outgoing.service.anstand


def row_label(kind: str, key: str = "") -> str:
    """What an outbox row is, in words: its kind's label, or what its key says where one kind carries two."""
    return next((label for prefix, label in ROW_LABELS.items() if key.startswith(prefix)),
                OUTBOX_KIND_LABELS.get(kind, kind))

UNMUTABLE = frozenset({ESCALATION})
MUTABLE_KINDS = tuple(k for k in KIND_LABELS if k not in UNMUTABLE)
SKIPPED_OWNERS = frozenset({"namnd"})  # meetings are events, not someone's task to finish
DIGEST_WEEKS = 3


@dataclass(frozen=True)
class ReminderPolicy:
    """A nämnd's reminder rules."""

    before_workdays: tuple[int, ...] = (10, 5, 2)
    overdue_every_workdays: int = 3  # 0: no repeated overdue reminders
    escalate_after_workdays: int = 2  # 0: no escalation
    weekly_digest: bool = True
    send_at: time = SEND_AT


@dataclass(frozen=True)
class MilestoneDue:
    """A milestone as the policy needs it."""

    kind: str
    label: str
    due_on: date
    owner_role: str
    done: bool = False
    waiting: bool = False  # the step before it is not done (planner.WAITS_FOR): never overdue, never escalated


@dataclass(frozen=True)
class Moment:
    """One reminder to send: which kind, about which milestone, to which role, when."""

    kind: str
    milestone: str
    recipient_role: str  # handlaggare | granskare | registrator | escalation
    day: date  # the local working day it goes out
    due_at: datetime  # aware, UTC
    workdays: int  # working days left (before) or late (overdue, escalation)
    due_on: date  # the milestone's own date


def parse_workdays(text: str) -> tuple[int, ...]:
    """Parse "10, 5,2" into (10, 5, 2); raise ValueError with a Swedish message on bad input."""
    values = set()
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 60:
            raise ValueError("Ange arbetsdagar som heltal 1–60, åtskilda med kommatecken, t.ex. 10, 5, 2.")
        values.add(int(part))
    return tuple(sorted(values, reverse=True))


def send_moment(day: date, calendar: WorkCalendar, at: time = SEND_AT) -> tuple[date, datetime]:
    """Return the working day (moved back when day is off) and its local wall time as UTC."""
    workday = calendar.previous_workday(day)
    return workday, datetime.combine(workday, at, tzinfo=STOCKHOLM).astimezone(timezone.utc)


def milestone_moments(milestone: MilestoneDue, policy: ReminderPolicy, calendar: WorkCalendar,
                      *, until: date, since: date | None = None) -> list[Moment]:
    """Return the reminder moments of one milestone from the day since up to and including until."""
    if milestone.done:
        return []
    # "Beslut (inget sammanträde)": no meeting will come, so the latest day for a beslut is the registrator's task
    # (an ordförande- or delegationsbeslut, or a förlängning), reminded as one (walk26 W2)
    no_meeting = milestone.kind == "namnd" and milestone.label == NO_MEETING_LABEL
    if milestone.owner_role in SKIPPED_OWNERS and not no_meeting:
        return _missed_meeting(milestone, policy, calendar, until=until, since=since)
    owner, due = ("registrator" if no_meeting else milestone.owner_role), milestone.due_on
    found: dict[tuple[str, date], Moment] = {}

    def add(kind: str, role: str, day: date, workdays: int) -> None:
        workday, at = send_moment(day, calendar, policy.send_at)
        if workday <= until and (since is None or workday >= since) and (role, workday) not in found:
            found[(role, workday)] = Moment(kind, milestone.kind, role, workday, at, workdays, due)

    add(ON_DAY, owner, due, 0)  # first, so it wins over a "before" moment moved onto the same day
    for count in policy.before_workdays:
        add(BEFORE, owner, calendar.add_workdays(due, -count), count)
    if milestone.waiting:  # heads-up before the date only: being late is the step before's
        return sorted(found.values(), key=lambda m: (m.due_at, m.kind))
    if policy.escalate_after_workdays > 0:
        add(ESCALATION, "escalation", calendar.add_workdays(due, policy.escalate_after_workdays),
            policy.escalate_after_workdays)
    step = policy.overdue_every_workdays
    late = 1
    if since is not None and since > due and step > 0:
        # skip the repeats before since without walking years of working days one by one
        behind = calendar.workdays_between(due, since)
        late = max(1, 1 + ((behind - 1) // step) * step)
    day = calendar.add_workdays(due, late)
    while day <= until:
        add(OVERDUE, owner, day, late)
        if step <= 0:
            break
        late += step
        # on from the last repeat, the day add_workdays(due, late) gives: walking from due again for each repeat
        # cost a horizon's working days squared (a fifth of a second's CPU for each remiss registered)
        day = calendar.add_workdays(day, step)
    return sorted(found.values(), key=lambda m: (m.due_at, m.kind))


# A sammanträde that passes without its step (calendar.missed) is said once, the next working day, to those who
# keep the sammanträden: the registrator asks for more time, puts the ärende on the next meeting or has it decided
# on delegation. The arbetsutskott too: it prepares the nämnd's ärenden, so an ärende it did not take up is
# usually not on the nämnd's agenda a week later either, and that week is the time left to act (domain.md §1, §6.2).
# The row is cancelled when it comes due without the flag (claim: the yttrande was ready, or the step is done).
MISSED_TOLD = frozenset({"arbetsutskott", "namnd"})


def _missed_meeting(milestone: MilestoneDue, policy: ReminderPolicy, calendar: WorkCalendar, *, until: date,
                    since: date | None) -> list[Moment]:
    if milestone.kind not in MISSED_TOLD:
        return []
    workday, at = send_moment(calendar.add_workdays(milestone.due_on, 1), calendar, policy.send_at)
    if workday > until or (since is not None and workday < since):
        return []
    return [Moment(OVERDUE, milestone.kind, "registrator", workday, at, 1, milestone.due_on)]


def reminder_moments(milestones: Iterable[MilestoneDue], policy: ReminderPolicy, calendar: WorkCalendar,
                     *, until: date, since: date | None = None) -> list[Moment]:
    """Return every reminder moment of a tidplan from since to until, in time order."""
    moments = [m for ms in milestones for m in milestone_moments(ms, policy, calendar, until=until, since=since)]
    return sorted(moments, key=lambda m: (m.due_at, m.milestone, m.kind))


def digest_moment(now: datetime, calendar: WorkCalendar, at: time = SEND_AT) -> datetime:
    """Return the latest weekly digest moment at or before now (Monday 07.00, moved back on days off)."""
    today = now.astimezone(STOCKHOLM).date()
    monday = today - timedelta(days=today.weekday())
    for candidate in (monday + timedelta(days=7), monday, monday - timedelta(days=7)):
        _, moment = send_moment(candidate, calendar, at)
        if moment <= now:
            return moment
    raise AssertionError("unreachable: last week's Monday is always in the past")


def split_catch_up(rows: Sequence[tuple[object, tuple, datetime]]) -> tuple[list[object], list[object]]:
    """Split due rows (id, group, due_at) into the newest per group (send) and the rest (superseded)."""
    newest: dict[tuple, tuple[datetime, object]] = {}
    for row_id, group, due_at in rows:
        if group not in newest or due_at > newest[group][0]:
            newest[group] = (due_at, row_id)
    send = {row_id for _, row_id in newest.values()}
    return ([r for r, _, _ in rows if r in send], [r for r, _, _ in rows if r not in send])


# Other kinds whose older due rows a catch-up sweep supersedes, per (remiss, recipient): kind → group name.
CATCH_UP_KINDS = {"outgoing_chaser": "chaser", REVIEW: "review", RETURNED: "returned",
                  ASSIGNED: "assigned", EXTENSION: "extension"}  # notices: the newest tells the state


def group_of(row) -> tuple:
    """The catch-up group of an outbox row (split_catch_up): reminders per (remiss, recipient, milestone); digests
    per (nämnd, recipient), as a registrator of two nämnder gets two lists, neither a copy of the other (walk26 W1)."""
    if row.kind in REMINDER_KINDS:
        return ("reminder", row.remiss_id, row.recipient_email.lower(), row.key.split(":")[2])
    if row.kind == DIGEST:
        return ("digest", digest_namnd(row.key), row.recipient_email.lower())
    if row.kind in CATCH_UP_KINDS:
        return (CATCH_UP_KINDS[row.kind], row.remiss_id, row.recipient_email.lower())
    return ("single", row.id)


def digest_key(namnd_id: int, email: str, moment: datetime) -> str:
    """The unique outbox key of a weekly digest: (nämnd, recipient, Monday moment)."""
    return f"digest:{namnd_id}:{email.lower()}:{moment:%Y-%m-%dT%H:%MZ}"


def digest_namnd(key: str) -> str:
    """The nämnd id of a digest key (digest_key), as text."""
    return key.split(":")[1]


# What a row the catch-up superseded says (claim.supersede_older); digest.restore_digests finds them by it
SUPERSEDED_WORDS = "Ersatt av en senare påminnelse om samma sak."
