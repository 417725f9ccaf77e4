"""One mail per remiss, person and day: the reminder rows of a claim that go to the same person about the same
remiss (expediering and sista svarsdag usually fall on the same day) are sent as one mail naming each milestone,
and the registrator of a remiss without a handläggare is asked to assign one, not told the handläggare's task.

The rows stay one per reminder moment (their keys, catch-up and cancelling are unchanged); only the sending
joins them: the mail carries the Message-ID of the group's first row (the lowest id, so a mail sent again after a
crash is recognisable as the same), and every row of the group gets the mail's outcome in one statement
(marks.Marks.sent), so none is sent twice and none is lost.
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence

from sqlmodel import Session, select

from remiss.auth.models import User
from remiss.calendar.missed import MEETING_STEPS
from remiss.calendar.milestones import OWNERS, workflow_order
from remiss.reminders import policy
from remiss.planning.service.missed import meeting_in_time
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.mail import _decided_by
from remiss.reminders.reminder_words import Told, _due_words, _workdays, reminder_told, subject_head
from remiss.remisser.kind_words import REMISS, noun_of, reword
from remiss.remisser.models import Remiss
from remiss.remisser.status import NEXT_STEPS, RemissStatus, next_step_of

# The remiss page's "Nästa steg" for a remiss nobody is assigned (remisser.status.NEXT_STEPS)
ASSIGN = NEXT_STEPS[RemissStatus.registrerad]
NO_HANDLAGGARE = "Remissen har ingen handläggare – tilldela en."
WHY = "Du får detta meddelande"
AS_REGISTRATOR = ("Du får detta meddelande som registrator för nämnden, eftersom ingen handläggare är tilldelad "
                  "remissen.")


LATE_SINCE = re.compile(r"Det är nu (\d+) arbetsdag(?:ar)? sedan\.$")  # reminder_words._late_since's usual sentence


def late_since(counts: list[int]) -> str:
    """The working days since the late steps of one mail, in one sentence: "Det är nu 3 arbetsdagar sedan." when
    alike, else in the order the steps were named: "Det är nu 30, 20 respektive 3 arbetsdagar sedan."."""
    counts = list(dict.fromkeys(counts)) if len(set(counts)) == 1 else counts
    if len(counts) == 1:
        return f"Det är nu {_workdays(counts[0])} sedan."
    return (f"Det är nu {', '.join(str(c) for c in counts[:-1])} respektive {_workdays(counts[-1])} sedan.")


def group(rows: Sequence) -> tuple[list, dict[int, tuple]]:
    """Split claimed rows (in claim order) into the rows that lead a mail and, per leading row's id, the other rows
    that go out in its mail: the reminder rows of one remiss to one recipient make one mail, led by the row with the
    lowest id, in the place of the group's first row; every other row is a mail of its own."""
    members: dict[tuple, list] = {}
    for row in rows:
        if row.kind in policy.REMINDER_KINDS and row.remiss_id is not None:
            members.setdefault((row.remiss_id, row.recipient_email.lower()), []).append(row)
    leads, also, placed = [], {}, set()
    for row in rows:
        key = (row.remiss_id, row.recipient_email.lower())
        if row.kind not in policy.REMINDER_KINDS or row.remiss_id is None or len(members[key]) == 1:
            leads.append(row)
        elif key not in placed:
            placed.add(key)
            lead = min(members[key], key=lambda r: r.id)
            leads.append(lead)
            also[lead.id] = tuple(r for r in members[key] if r is not lead)
    return leads, also


def unassigned(session: Session, remiss_id: int) -> bool:
    """Whether the remiss has no handläggare who can work (none assigned, or one no longer active): then the
    handläggare's reminders go to the registratorer (recipients.handlaggare)."""
    found = session.exec(select(User.is_active).join(Remiss, Remiss.handlaggare_id == User.id)
                         .where(Remiss.id == remiss_id)).first()
    return not found


def _payload(row) -> dict:
    return json.loads(row.payload) if row.payload and row.payload != "{}" else {}


def _labels(labels: list[str]) -> str:
    """"Expediering och sista svarsdag", "Tjänsteskrivelse klar, granskning klar och expediering"."""
    words = [labels[0]] + [label[:1].lower() + label[1:] for label in labels[1:]]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} och {words[-1]}"


def _heads(told: list[Told]) -> str:
    """The subject's words for the milestones of one mail, those of the same kind (and distance) together."""
    forms: dict[tuple, list[Told]] = {}
    for t in told:
        forms.setdefault((t.kind, t.workdays if t.kind == policy.BEFORE else 0, t.when), []).append(t)
    heads = []
    for same in forms.values():
        first = same[0]
        if len(same) == 1:
            heads.append(subject_head(first))
            continue
        labels = _labels([t.label for t in same])
        if first.kind in (policy.BEFORE, policy.ON_DAY):
            heads.append(subject_head(first._replace(label=labels)))
        else:
            heads.append(subject_head(first._replace(label=labels)).replace("försenad:", "försenade:")
                         .replace("Försenad:", "Försenade:"))
    text = "; ".join(h if i == 0 else h[:1].lower() + h[1:] for i, h in enumerate(heads))
    return text


ESCALATED_TO = "som granskare eller registrator"  # mail.reminder_told's escalation line, said of both roles
OWN_ROLE = {"granskare": "som granskare", "registrator": "som registrator"}


def _own_role(session: Session, row, line: str) -> str:
    """The escalation's "Du får detta meddelande som …" in the recipient's own role (walk17 F16)."""
    if ESCALATED_TO not in line or not getattr(row, "recipient_user_id", None):
        return line
    role = session.exec(select(User.role).where(User.id == row.recipient_user_id)).first()
    return line.replace(ESCALATED_TO, OWN_ROLE[role]) if role in OWN_ROLE else line


def reminder_mail(session: Session, rows: Sequence, remiss, *, today, now=None) -> tuple[str, list[str], str]:
    """(subject, paragraphs, what is expected) of the mail of one or more reminder rows of a remiss to one person,
    the milestones in workflow order."""
    payloads = sorted(((row.kind, _payload(row)) for row in rows),
                      key=lambda kp: (workflow_order(kp[1].get("milestone", "")), kp[0]))
    # the sista svarsdag too: expedierat without a svarsadress, its sending waits there (walk25b Z5)
    decided_by = _decided_by(session, remiss.id) if any(p.get("milestone") in ("expediering", "sista_svarsdag")
                                                         for _, p in payloads) else None
    # a missed sammanträde's advice offers the next one only when it comes before the sista svarsdag
    in_time = (not any(p.get("milestone") in MEETING_STEPS for _, p in payloads)
               or meeting_in_time(session, remiss, today))
    told = [reminder_told(kind, payload, remiss, _due_words(payload, remiss), today=today, decided_by=decided_by,
                          in_time=in_time, now=now) for kind, payload in payloads]
    nobody = any(OWNERS.get(t.milestone) == "handlaggare" for t in told) and unassigned(session, remiss.id)
    lines: list[str] = [NO_HANDLAGGARE] if nobody else []
    expected: list[str] = [ASSIGN] if nobody else []
    why: list[str] = []  # "Du får detta meddelande som …": once, last
    since: list[int] = []  # "Det är nu 3 arbetsdagar sedan." of each late step: said once, after them
    said_at = 0
    for t in told:
        for line in t.lines:
            found = LATE_SINCE.match(line)
            if found:
                since.append(int(found[1]))
                said_at = len(lines)
            elif line.startswith(WHY):
                why += [line] if line not in why else []
            elif line not in lines:  # "Datumet låg före remissens ankomst …" alike for two steps: once
                lines.append(line)
        if nobody and OWNERS.get(t.milestone) == "handlaggare":
            continue  # the handläggare's task is not the registrator's: assigning one is
        if t.expected not in expected:
            expected.append(t.expected)
    if since:
        lines.insert(said_at, late_since(since))
    if nobody and not why:
        why.append(AS_REGISTRATOR)
    why = [_own_role(session, rows[0], line) for line in why]
    lines += why
    heads = _heads(told)
    if nobody:
        heads = f"Tilldela en handläggare ({heads[:1].lower()}{heads[1:]})"
    dnr = f"[{remiss.our_dnr}] " if remiss.our_dnr else ""
    return f"{dnr}{heads} – {remiss.title}", *_in_kind_words(lines, " ".join(expected), remiss.kind)


def _in_kind_words(lines: list[str], expected: str, kind) -> tuple[list[str], str]:
    """The mail's sentences about "remissen" in the words of the remiss's kind (walk18 F7): a medborgarförslag is
    "ärendet", its time to answer "svarstiden"; a remiss's as they are."""
    noun = noun_of(kind)
    if noun is REMISS:
        return lines, expected
    own = {NO_HANDLAGGARE: f"{noun.The} har ingen handläggare – tilldela en.",
           AS_REGISTRATOR: AS_REGISTRATOR.replace("tilldelad remissen.", f"tilldelad {noun.the}.")}
    lines = [reword(own.get(line, line), kind) for line in lines]
    return lines, reword(expected.replace(ASSIGN, next_step_of(RemissStatus.registrerad, has_handlaggare=False,
                                                                  kind=kind)), kind)


def siblings(session: Session, due: list, *, now, columns, make) -> list:
    """The other due reminder rows to the same person about the same remiss as a claimed reminder row, so that a
    group is claimed whole (the claim's batch or a catch-up would otherwise cut it in two mails). Read like the
    claim (columns in its order, PostgreSQL skipping rows another sweeper holds), as rows made by make."""
    wanted = {(r.remiss_id, r.recipient_email.lower()) for r in due
              if r.kind in policy.REMINDER_KINDS and r.remiss_id is not None}
    if not wanted:
        return []
    table = OutboxMessage.__table__
    taken = {r.id for r in due}
    found = []
    remiss_ids = sorted({remiss_id for remiss_id, _ in wanted})
    for start in range(0, len(remiss_ids), 500):
        stmt = (select(*(table.c[name] for name in columns))
                .where(table.c.status == OutboxStatus.pending.value, table.c.next_attempt_at <= now,
                       table.c.kind.in_(policy.REMINDER_KINDS), table.c.remiss_id.in_(remiss_ids[start:start + 500]))
                .order_by(table.c.next_attempt_at, table.c.id))
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        found += [make(r) for r in session.execute(stmt)
                  if r.id not in taken and (r.remiss_id, r.recipient_email.lower()) in wanted]
    return found
