"""Claim due outbox rows for one sweeper: cancel those no longer to be sent, mark the rest "sending".

On SQLite the claiming transaction holds the write lock (BEGIN IMMEDIATE); on PostgreSQL rows are
locked FOR UPDATE SKIP LOCKED, so concurrent sweepers take different rows.
"""
from __future__ import annotations

import json
import secrets
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, or_, update
from sqlmodel import Session, select

from remiss.auth.models import User
from remiss.calendar.milestones import LABELS, WAITS_FOR
from remiss.calendar.missed import AFTER_BESLUT, MISSED, is_missed
from remiss.clock import local
from remiss.db import among
from remiss.drafting.models import YttrandeDraft
from remiss.planning.extension_needed import proposals
from remiss.planning.models import Milestone
from remiss.reminders import digest, policy, schedule, together
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.notices import not_handlaggare
from remiss.reminders.recipients import muted_kinds
from remiss.reminders.holder import Holder, gone as holder_gone
from remiss.remisser.models import Remiss

PENDING, SENDING = OutboxStatus.pending.value, OutboxStatus.sending.value
CANCELLED, SUPERSEDED = OutboxStatus.cancelled.value, OutboxStatus.superseded.value

# The columns of a claimed row that the checks and the composers read (last_error: whether the row was
# refused or failed before, which the sender weighs when a run of refusals may be a relay outage).
COMPOSED_FROM = ("id", "key", "remiss_id", "recipient_user_id", "recipient_email", "kind", "due_at", "attempts",
                 "message_id", "subject", "payload", "last_error")

# The columns of a remiss that the checks (is_closed) and the mails (title, facts, calendar file) read.
REMISS_READ = ("id", "status", "title", "remittent", "sender_dnr", "our_dnr", "effective_deadline_on",
               "effective_deadline_time", "received_on",  # received_on: lateness from the arrival
               "handlaggare_id", "direction",  # whether an assigned notice is still true; the utgående wording
               "namnd_id",  # whether a sammanträde still comes in time (a missed meeting's advice)
               "kind")  # "ärendet" for a medborgarförslag in the notices (remisser.kind_words, walk18 F7)

# Claimed rows and their remisser as plain named tuples: read-only values that outlive the claiming
# transaction and can be handed to the composers without a session.
DueRow = namedtuple("DueRow", COMPOSED_FROM)
RemissRow = namedtuple("RemissRow", REMISS_READ)

# Kinds still sent when their remiss is closed, with the closed statuses they go out in (None: any of them, and
# without reading the remiss): the answered notice reports the closing itself. Other capabilities add theirs.
SEND_WHEN_CLOSED: dict[str, frozenset[str] | None] = {policy.ANSWERED: None}
# Checks other capabilities add for their kinds: kind → check(row, today) saying why a due row must not go out
# any more, or "" (remiss.outgoing: a "before" chaser whose deadline has passed).
SKIP_CHECKS: dict[str, object] = {}
# What other capabilities do when the sweep gives up on a row of their kind: kind → react(session, now=, ids=), run in
# the transaction that gives up on the row, so a crash leaves both or neither (marks.Marks.failure; remiss.outgoing:
# a missiv that could not be e-mailed stops the reminders of its instans, h-out23 M4). A fault there is the sweep's
# problem to report, never a lost mail: the give-up is written without it.
AFTER_FAILED: dict[str, object] = {}
# What a row of another capability's kind waits for in the Utkorg: kind → [(condition, words)], each condition a
# function (row, first) of two aliases of the outbox table saying that `first` is a mail that must have gone out before
# `row` may, and the words the Utkorg shows on a row held back by it (remiss.outgoing.waits: a chaser waits for its
# instans's missiv and ändring, an ändring for the missiv, h-hold24). The claim reads such a row only when no `first`
# of it is found, so it waits in the queue, pending and untouched, and is claimed (and checked like any row) by the
# sweep after the one that sends the mail it waited for.
AFTER_MAIL: dict[str, list] = {}


@dataclass(frozen=True)
class Settings:
    # A claim's lease: renewed every quarter of it while its sweeper works, and a mail is only started
    # while half of it remains, so a claim runs out only when its sweeper has stopped (died, or lost the
    # database); the rows are then taken back and sent by another sweep. Keep it well above the SMTP timeout.
    lease: timedelta = timedelta(minutes=10)
    retry_base: timedelta = timedelta(minutes=1)  # backoff: base · 2^(attempts-1), at most retry_max
    retry_max: timedelta = timedelta(hours=2)
    max_attempts: int = 12  # temporary failures (4xx for this recipient) before a row is failed
    max_permanent_attempts: int = 3  # 5xx rejections of this recipient before a row is failed
    batch: int = 500  # rows claimed at a time (each is still sent and marked one by one)
    budget: timedelta = timedelta(seconds=45)  # a sweep stops taking new batches after this long
    lookahead_days: int = schedule.LOOKAHEAD_DAYS
    plan_budget: float = 1.0  # seconds a sweep spends extending plans; the rest is planned by the next sweep

    @classmethod
    def from_config(cls, config) -> "Settings":
        return cls(lease=timedelta(seconds=int(config.get("OUTBOX_LEASE_SECONDS", 600))),
                   retry_base=timedelta(seconds=int(config.get("OUTBOX_RETRY_BASE_SECONDS", 60))),
                   retry_max=timedelta(seconds=int(config.get("OUTBOX_RETRY_MAX_SECONDS", 7200))),
                   max_attempts=int(config.get("OUTBOX_MAX_ATTEMPTS", 12)),
                   max_permanent_attempts=int(config.get("OUTBOX_MAX_PERMANENT_ATTEMPTS", 3)),
                   batch=max(1, int(config.get("OUTBOX_BATCH", 500))),
                   budget=timedelta(seconds=float(config.get("OUTBOX_SWEEP_BUDGET_SECONDS", 45))),
                   plan_budget=float(config.get("OUTBOX_PLAN_BUDGET_SECONDS", 1.0)))


def release_stale(session: Session, *, wall: datetime, now: datetime, lease: timedelta) -> int:
    """Put rows whose claim's lease ran out back to pending (their sweeper died); they keep their place."""
    table = OutboxMessage.__table__
    expired = or_(table.c.lease_until < wall,  # rows claimed before leases were renewed had only claimed_at:
                  and_(table.c.lease_until.is_(None), table.c.claimed_at < now - lease))
    return session.execute(update(table).where(table.c.status == SENDING, expired)
                           .values(status=PENDING, claimed_by="", claim_token="", lease_until=None)).rowcount


def release_gone(session: Session) -> tuple[int, list[str]]:
    """Put rows back to pending whose holder is provably gone (a process on this host killed, or crashed,
    before it recorded them: holder.py), without waiting for their lease. Rows of a holder that may still
    run (another host, or one we cannot check) wait for their lease. Returns (rows, the holders' names)."""
    table = OutboxMessage.__table__
    holders = session.execute(select(table.c.claimed_by).where(table.c.status == SENDING).distinct()).scalars().all()
    gone = sorted(h for h in holders if h and holder_gone(h))
    if not gone:
        return 0, []
    released = session.execute(update(table).where(table.c.status == SENDING, table.c.claimed_by.in_(gone))
                               .values(status=PENDING, claimed_by="", claim_token="", lease_until=None)).rowcount
    return released, [Holder.parse(h).name for h in gone]


@dataclass
class Loaded:
    """What the checks and the mails of one batch read, a query per kind: remisser and milestones as
    plain rows (read-only, no ORM objects for a thousand remisser), users as objects."""

    remisser: dict[int, Remiss] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    milestones: dict[tuple[int, str], Milestone] = field(default_factory=dict)
    drafts: dict[int, tuple[str, int]] = field(default_factory=dict)  # remiss id → (state, rättelse) of its yttrande
    # remiss id → the Tidplan's förlängning proposal today, of those needing one (the words of ASSIGNED, EXTENSION)
    proposals: dict[int, str] = field(default_factory=dict)

    def tidplan(self, remiss_id: int) -> tuple[list, str | None]:
        """A remiss's milestones and förlängning proposal, as assigned_words.assigned_expected reads them."""
        return ([m for (owner, _), m in self.milestones.items() if owner == remiss_id],
                self.proposals.get(remiss_id))


# Rows whose mail says the Tidplan's state (assigned_words, the förlängning's "still needed"): their remisser's
# milestones and proposals are read with the batch, not per mail.
TIDPLAN_WORDS = frozenset({policy.ASSIGNED, policy.EXTENSION})


def _load(session: Session, due: list, today) -> Loaded:
    loaded = Loaded()
    remiss = Remiss.__table__
    dialect = session.get_bind().dialect.name
    for chunk in chunks(sorted({r.remiss_id for r in due if r.remiss_id is not None})):
        stmt = select(*(remiss.c[name] for name in REMISS_READ)).where(among(remiss.c.id, chunk, dialect=dialect))
        loaded.remisser.update({r.id: r for r in map(RemissRow._make, session.execute(stmt))})
    for chunk in chunks(sorted({r.remiss_id for r in due if r.remiss_id and (r.kind in policy.REMINDER_KINDS
                                                                          or r.kind in TIDPLAN_WORDS)})):
        stmt = (select(Milestone.remiss_id, Milestone.kind, Milestone.done_at, Milestone.due_on, Milestone.flag_reason,
                       Milestone.label).where(among(Milestone.remiss_id, chunk, dialect=dialect)))
        loaded.milestones.update({(m.remiss_id, m.kind): m for m in session.execute(stmt)})
    for chunk in chunks(sorted({r.remiss_id for r in due if r.remiss_id and r.kind in TIDPLAN_WORDS})):
        loaded.proposals.update(proposals(session, chunk, today))
    for chunk in chunks(sorted({r.remiss_id for r in due if r.remiss_id and (r.kind in DRAFT_STATE_FOR
                                                                          or r.kind == policy.ASSIGNED)})):
        stmt = select(YttrandeDraft.remiss_id, YttrandeDraft.state, YttrandeDraft.rattelse).where(
            among(YttrandeDraft.remiss_id, chunk, dialect=dialect))
        loaded.drafts.update({d.remiss_id: (d.state, d.rattelse) for d in session.execute(stmt)})
    for chunk in chunks(sorted({r.recipient_user_id for r in due if r.recipient_user_id})):
        loaded.users.update({u.id: u for u in session.exec(select(User).where(among(User.id, chunk,
                                                                                     dialect=dialect)))})
    return loaded


# A heads-up (before, on the day) sent after its day would have to say "försenad": of a step that waits for the one
# before it (planner.WAITS_FOR: the granskning for the tjänsteskrivelse), being late is the step before's.
WAITING_WORDS = {"tjansteskrivelse": "tjänsteskrivelsen"}
WAITING_REASON = "Steget väntar på {before}: ingen påminnelse om försening förrän det har kommit."
HEADS_UP = frozenset({policy.BEFORE, policy.ON_DAY})


def _waits(row, loaded: Loaded, today) -> str:
    """Why a heads-up sent late must not go out: its milestone's date has passed while the step it waits for is
    still open (the reminder would tell the granskare she is late on a review she never received)."""
    kind = row.key.split(":")[2]
    milestone, before = loaded.milestones.get((row.remiss_id, kind)), WAITS_FOR.get(kind)
    if row.kind not in HEADS_UP or before is None or milestone is None or milestone.due_on >= today:
        return ""
    step = loaded.milestones.get((row.remiss_id, before))
    if step is None or step.done_at is not None:
        return ""
    return WAITING_REASON.format(before=WAITING_WORDS.get(before, LABELS.get(before, before).lower()))


# A notice about the yttrande is sent only while the draft is still where the notice says (truth16 F1): "Att
# granska" while it is in granskning, "Tillbaka från granskningen" while it is an utkast again.
DRAFT_STATE_FOR = {policy.REVIEW: "granskning", policy.RETURNED: "utkast"}
# "Du har tilldelats … börja arbeta med tjänsteskrivelsen" still waiting when the yttrande was expedierat: a
# remiss expedierad without a svarsadress stays open until its sending is registered (walk26b X10)
ALREADY_EXPEDIERAT = "Yttrandet är redan expedierat: det finns ingen tjänsteskrivelse att börja med."
DRAFT_MOVED = {policy.REVIEW: "Utkastet är inte längre i granskning (godkänt eller tillbakaskickat).",
               policy.RETURNED: "Utkastet är redan skickat till granskning igen."}


def _stale_notice(row, loaded: Loaded) -> str:
    """Why an event notice no longer tells the truth when it is sent, or "" (truth16 F1, F23)."""
    if row.kind in DRAFT_STATE_FOR:
        draft = loaded.drafts.get(row.remiss_id)
        rattelse = int(json.loads(row.payload or "{}").get("rattelse", 0))
        if draft is None or draft[0] != DRAFT_STATE_FOR[row.kind] or draft[1] != rattelse:
            return DRAFT_MOVED[row.kind]
    if row.kind == policy.ASSIGNED:
        remiss = loaded.remisser.get(row.remiss_id)
        about = json.loads(row.payload or "{}").get("handlaggare_id")
        if remiss is not None and about is not None and remiss.handlaggare_id != about:
            return not_handlaggare(getattr(remiss, "kind", None))
        draft = loaded.drafts.get(row.remiss_id)
        if draft is not None and draft[0] == "expedierad" and not draft[1]:
            return ALREADY_EXPEDIERAT
    return ""


def _skip_reason(row: OutboxMessage, loaded: Loaded, today=None) -> str:
    """Why a due row must not be sent any more, or "" (today: the local day of the sweep)."""
    still_sent_in = SEND_WHEN_CLOSED.get(row.kind, frozenset())
    if row.remiss_id is not None and still_sent_in is not None:
        remiss = loaded.remisser.get(row.remiss_id)
        if remiss is None or (schedule.is_closed(remiss) and remiss.status not in still_sent_in):
            return schedule.closed_reason(remiss)
    stale = _stale_notice(row, loaded) if row.remiss_id is not None else ""
    if stale:
        return stale
    if row.kind == policy.DIGEST and today is not None and (today - local(row.due_at).date()).days > \
            digest.DIGEST_LATE_DAYS:
        return digest.DIGEST_LATE  # held up by days (relay down): superseded by the next one (truth16 F17)
    if row.recipient_user_id and row.kind not in policy.UNMUTABLE:
        user = loaded.users.get(row.recipient_user_id)
        if user is None or not user.is_active:
            return "Mottagaren är inte längre aktiv."
        if row.kind in muted_kinds(user):
            return "Mottagaren har stängt av den här sortens påminnelser."
    if row.kind in SKIP_CHECKS and today is not None:
        return SKIP_CHECKS[row.kind](row, today)
    if row.kind in policy.REMINDER_KINDS:
        milestone = loaded.milestones.get((row.remiss_id, row.key.split(":")[2]))
        if milestone is None or milestone.done_at is not None:
            return "Milstolpen är klar eller finns inte längre."
        if milestone.kind in policy.MISSED_TOLD and milestone.flag_reason not in (MISSED, NO_MEETING_FLAG):
            return NOT_MISSED  # told only when the sweep flagged it passed without beslut (schedule.schedule_due)
        if today is not None:
            return _waits(row, loaded, today) or _after_missed(row, loaded, today)
    return ""


NOT_MISSED = "Inget sammanträde passerade utan beslut."
NO_MEETING_FLAG = "inget_sammantrade"  # "Beslut (inget sammanträde)": reminded as the registrator's task (walk26 W2)
MISSED_REASON = "Nämnden beslutade inte vid sammanträdet: steget kommer först när beslutet är registrerat."


def _after_missed(row, loaded: Loaded, today) -> str:
    """Why a heads-up about the justering or expediering must not go out: the nämndsammanträde before it passed
    without a beslut (calendar.missed), so "Expediering i dag" would announce a step that cannot happen; the
    registrator was told about the meeting instead (policy.MISSED_TOLD)."""
    if row.kind not in HEADS_UP or row.key.split(":")[2] not in AFTER_BESLUT:
        return ""
    meeting = loaded.milestones.get((row.remiss_id, "namnd"))
    if meeting is None or not is_missed("namnd", meeting.due_on, today, done=meeting.done_at is not None):
        return ""
    return MISSED_REASON


def chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _set(session: Session, ids: list[int], **values) -> None:
    dialect = session.get_bind().dialect.name
    for chunk in chunks(ids):
        session.execute(update(OutboxMessage).where(among(OutboxMessage.id, chunk, dialect=dialect)).values(**values)
                        .execution_options(synchronize_session=False))


def supersede_older(session: Session, *, now: datetime) -> int:
    """Catch-up: of the due rows of one group (remiss, recipient, milestone …) mark all but the newest superseded."""
    cols = (OutboxMessage.id, OutboxMessage.kind, OutboxMessage.remiss_id, OutboxMessage.recipient_email,
            OutboxMessage.key, OutboxMessage.due_at)
    due = (OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now)
    # Every group is one recipient's, so only recipients with two or more due rows can have older ones:
    # the database counts them first (a separate statement: joined to the locking read, PostgreSQL planned
    # a nested loop from stale statistics and took 28 s for 10,000 rows), and the usual sweep, one mail per
    # recipient, reads nothing more.
    recipient = func.lower(OutboxMessage.recipient_email)
    shared = session.execute(select(recipient).where(*due).group_by(recipient).having(func.count() > 1)).scalars().all()
    rows = []
    for chunk in chunks(sorted(shared)):
        stmt = select(*cols).where(*due, recipient.in_(chunk))
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        rows.extend(session.execute(stmt).all())
    _, older_ids = policy.split_catch_up([(r.id, policy.group_of(r), r.due_at) for r in rows])
    _set(session, older_ids, status=SUPERSEDED, last_error=policy.SUPERSEDED_WORDS)
    return len(older_ids)


def waiting(table):
    """The condition that a row of table waits for another mail (AFTER_MAIL), or None when no kind waits."""
    first = OutboxMessage.__table__.alias("earlier")
    # an EXISTS per condition, each answered off an index of its own (the key's, the remiss's)
    held = [and_(table.c.kind == kind, or_(*(exists().where(condition(table, first)) for condition, _ in conditions)))
            for kind, conditions in sorted(AFTER_MAIL.items()) if conditions]
    return or_(*held) if held else None


def held_back(session: Session, ids: list[int]) -> dict[int, str]:
    """row id → what it waits for (AFTER_MAIL's words), of these rows still pending that the claim leaves in the
    queue: the Utkorg says why a row whose moment has come is not sent."""
    table, first = OutboxMessage.__table__, OutboxMessage.__table__.alias("earlier")
    found: dict[int, str] = {}
    dialect = session.get_bind().dialect.name
    for kind, conditions in sorted(AFTER_MAIL.items()):
        for condition, words in conditions:
            for chunk in chunks(sorted(ids)):
                stmt = select(table.c.id).where(among(table.c.id, chunk, dialect=dialect), table.c.kind == kind,
                                                table.c.status == PENDING, exists().where(condition(table, first)))
                found.update((row_id, words) for row_id in session.execute(stmt).scalars() if row_id not in found)
    return found


def claim_statement(now: datetime, limit: int, dialect: str):
    """The due rows to claim, longest waiting first, as plain rows (read-only, attribute access: no ORM
    objects for thousands of mails). In the order of ix_outbox_claim, so a batch is read off the index
    and the rest of a backlog is not touched; a new row's next attempt is its due moment, a retried
    row's the end of its backoff. A row that waits for another mail (AFTER_MAIL: a chaser for its instans's
    missiv) is left in the queue until that mail is sent, so the two are never in one batch."""
    table = OutboxMessage.__table__
    stmt = (select(*(table.c[name] for name in COMPOSED_FROM))
            .where(table.c.status == PENDING, table.c.next_attempt_at <= now)
            .order_by(table.c.next_attempt_at, table.c.id).limit(limit))
    held = waiting(table)
    if held is not None:
        stmt = stmt.where(~held)
    return stmt.with_for_update(skip_locked=True) if dialect == "postgresql" else stmt


@dataclass
class Batch:
    """Due rows this worker has marked "sending" under one claim token, with what their checks and mails read."""

    rows: list
    loaded: Loaded
    skipped: int
    token: str = ""
    taken_back: int = 0  # rows of dead sweepers put back to pending first (lease run out, or holder gone)
    gone: tuple[str, ...] = ()  # the holders proved gone, "host:pid"


def take_due(session: Session, *, now: datetime, worker_id: str, settings: Settings = Settings(),
             first: bool = True, wall: datetime | None = None, token: str = "") -> Batch:
    """Claim up to settings.batch due rows for this worker (cancelling those no longer to be sent).

    Call in a writing transaction and commit before sending: on SQLite the transaction holds the write
    lock (BEGIN IMMEDIATE); on PostgreSQL rows are locked FOR UPDATE SKIP LOCKED. The rows carry the
    claim token and a lease until wall + lease (wall: the wall clock, as leases are about live processes;
    now may be a moment given with --now). worker_id is the holder (holder.current().text), which
    another sweep checks to take the rows back at once should this process die. The first batch of a
    sweep also takes back rows of dead sweepers (lease run out, or holder provably gone) and supersedes
    older catch-up rows.
    """
    wall = wall or now
    token = token or secrets.token_hex(16)
    skipped = taken_back = 0
    gone: list[str] = []
    if first:
        taken_back = release_stale(session, wall=wall, now=now, lease=settings.lease)
        released, gone = release_gone(session)
        taken_back += released
        skipped += supersede_older(session, now=now)
    due = list(map(DueRow._make, session.execute(claim_statement(now, settings.batch,
                                                                 session.get_bind().dialect.name))))
    due += together.siblings(session, due, now=now, columns=COMPOSED_FROM, make=DueRow._make)  # one mail each
    loaded = _load(session, due, local(now).date())
    cancelled: dict[str, list[int]] = {}
    taken = []
    for row in due:
        reason = _skip_reason(row, loaded, local(now).date())
        if reason:
            cancelled.setdefault(reason, []).append(row.id)
            skipped += 1
        else:
            taken.append(row)
    for reason, ids in cancelled.items():
        _set(session, ids, status=CANCELLED, last_error=reason)
    _set(session, [row.id for row in taken], status=SENDING, claimed_at=now, claimed_by=worker_id[:100],
         claim_token=token, lease_until=wall + settings.lease)
    session.flush()
    return Batch(taken, loaded, skipped, token, taken_back, tuple(gone))
