"""Instanser × status: counts, percent answered, filtered rows, CSV and XLSX export."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import case, func
from sqlmodel import Session, select

from remiss.calendar.swedish import format_date, format_deadline, join_words
from remiss.clock import local
from remiss.exports.cells import csv_field, xlsx_cell
from remiss.outgoing import held
from remiss.outgoing.service.chasers import KIND as CHASER_KIND, deadline_of
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.clock import deadline_iso
from remiss.remisser import service as remisser
from remiss.remisser.models import AnswerStatus, Remiss, SandlistaEntry

ANSWERED = (AnswerStatus.svarat.value, AnswerStatus.avstar.value)
COLUMNS = ("Remissinstans", "Grupp", "E-post", "Postadress", "Skickad", "Skickad med", "Status", "Svar inkom",
           "Efter svarstiden", "Inga synpunkter", "Svarsdag som gäller", "Klockslag", "Sammanfattning")
DELIVERY = {"epost": "e-post", "post": "post"}


def counts(session: Session, remiss_id: int) -> dict:
    """Counts per status plus total, answered (svarat) and percent answered (tally)."""
    rows = session.exec(select(SandlistaEntry.answer_status, func.count(), UNSENT_COUNT)
                        .where(SandlistaEntry.remiss_id == remiss_id).group_by(SandlistaEntry.answer_status)).all()
    unreached = held.unreached(session, [remiss_id]).get(remiss_id, set())
    remiss = session.get(Remiss, remiss_id)
    return tally({status: n for status, n, _ in rows},
                 sum(unsent for status, _, unsent in rows if status == AnswerStatus.avstar.value),
                 len(unreached), len(unreached & held.held_entry_ids(session, remiss_id)) if unreached else 0,
                 not_sent_to(remiss, {status: unsent for status, _, unsent in rows}))


def not_sent_to(remiss: Remiss | None, unsent_by_status: dict[str, int]) -> int:
    """Of a remiss that has gone out, the instanser added to its sändlista since and not sent it yet, that have
    neither answered nor avstått: never asked, so not among those counted (walk28 Z12: "0 av 3 har svarat" with one
    added after the sammanställning). Before the utskick nobody is sent it yet, and everyone is to be asked."""
    if remiss is None or remiss.sent_at is None:
        return 0
    return sum(n for status, n in unsent_by_status.items() if status not in ANSWERED)


# Of a group of sändlista entries, how many were never sent the remiss: with the avstår group, those who avstod
# before the utskick (walk22 L6). One expression for every count of answers (counts, start page, diarium export).
UNSENT_COUNT = func.coalesce(func.sum(case((SandlistaEntry.sent_at.is_(None), 1), else_=0)), 0)


def tally(by_status: dict[str, int], declined_before_sending: int = 0, unreached: int = 0, held_back: int = 0,
          not_sent: int = 0) -> dict:
    """The answers of one remiss counted, the one rule for the panel, the start page, the exports, the mail and
    the sammanställning: an instans that avstod before the utskick was never sent the remiss, so it is not among
    those asked ("asked", "percent") and is counted apart (walk22 L6); so is one that has not answered because its
    missiv could not be e-mailed (unreached: held.unreached, h-queue24), not "inte svarat" as if it had been asked.
    "total" (the sändlista), "declined" (every avstår) and "waiting" are as the API has always given them;
    "waiting_asked" is waiting without the unreached; "missiv_held" is those of the unreached whose missiv is held
    back (held.is_held), not failed to be e-mailed (walk25b Z2); "not_sent" those added to the sändlista of a sent
    remiss and not sent it yet (not_sent_to), likewise never asked (walk28 Z12)."""
    found = {s.value: 0 for s in AnswerStatus}
    found.update(by_status)
    total = sum(found.values())
    answered, declined = found[AnswerStatus.svarat.value], found[AnswerStatus.avstar.value]
    asked = total - declined_before_sending - unreached - not_sent
    waiting = total - answered - declined
    return {"total": total, "answered": answered, "declined": declined, "waiting": waiting,
            "percent": round(100 * answered / asked) if asked else 0, "by_status": found, "asked": asked,
            "declined_before_sending": declined_before_sending,
            "declined_asked": declined - declined_before_sending,
            "missiv_failed": unreached, "missiv_held": held_back, "waiting_asked": waiting - unreached - not_sent,
            "not_sent": not_sent}


NOBODY_REACHED = "ingen remissinstans har fått remissen än"


def answered_words(counted: dict) -> str:
    """ "3 av 4 har svarat, 1 avstår" (of those asked), and "1 avstod utan att ha fått remissen" and "1 har inte fått
    remissen" (not_sent) apart (tally)."""
    # nobody got it yet (every missiv held back or failed): not "0 av 0 har svarat" (walk25b Z1)
    said = (NOBODY_REACHED if not counted["asked"] and counted["missiv_failed"]
            else f"{counted['answered']} av {counted['asked']} har svarat")
    if counted["declined_asked"]:
        said += f", {counted['declined_asked']} avstår"
    if counted["declined_before_sending"]:
        said += f", {counted['declined_before_sending']} avstod utan att ha fått remissen"
    if counted["not_sent"]:  # put on the sändlista after the utskick, not sent it yet (walk28 Z12)
        said += f", {counted['not_sent']} har inte fått remissen"
    return said


def declined_early(entries) -> list[str]:
    """The names of the instanser that avstår and were never sent the remiss (tally's declined_before_sending)."""
    return [e.name for e in entries if e.answer_status == AnswerStatus.avstar and e.sent_at is None]


def declined_early_words(names: list[str], *, sent: bool) -> str:
    """ "Trafikkontoret avstod utan att ha fått remissen." (sent: the remiss has gone out)."""
    if not names:
        return ""
    if sent:
        return f"{join_words(names)} avstod utan att ha fått remissen."
    return f"{join_words(names)} avstår redan och får inte remissen när den skickas."


@dataclass(frozen=True)
class Row:
    entry_id: int
    name: str
    group: str
    email: str
    postal_address: str
    status: str
    status_label: str
    answered_on: str
    late: bool  # the answer came after the deadline that applied to the instans
    no_comments: bool
    deadline: str
    sent: str  # "3 december 2026 med e-post", "3 december 2026 per post", ""
    summary: str
    delivery: str
    answered_date: date | None
    deadline_date: date | None
    deadline_time: time | None
    sent_date: date | None
    held: str = ""  # its e-mailed missiv not out of the Utkorg yet, as the row says it (held.row_words)

    def cells(self) -> list:
        """The export's cells in COLUMNS order: dates as dates; a missiv still in the Utkorg has no Skickad day and
        is "i utkorgen (inte skickat)" under Skickad med, as on the page (walk21 J3). An instans that has answered
        or avstått owes no answer: no Svarsdag som gäller, as the page says "har svarat" – but the one it missed when
        it answered late (walk31 #11: the svarsdag of its anstånd stood there as if an answer were due)."""
        owed = self.status not in ANSWERED or self.late
        return [self.name, self.group, self.email, self.postal_address, None if self.held else self.sent_date,
                self.held or DELIVERY.get(self.delivery, ""), self.status_label, self.answered_date,
                "Ja" if self.late else "", "Ja" if self.no_comments else "", self.deadline_date if owed else None,
                # "12:00", as the diarium's export and the API write it: one format in both files (walk27 Y5)
                f"{self.deadline_time:%H:%M}" if self.deadline_time and owed else "", self.summary]


def _sent(entry: SandlistaEntry, mail: str | None = None) -> str:
    """ "3 december 2026 med e-post"; "i utkorgen (inte skickat)" while its e-mailed missiv has not gone out (mail:
    the outbox row's status, held.missiv_status; walk21 J3)."""
    if entry.sent_at is None:
        return ""
    if held.row_words(entry, mail):
        return held.row_words(entry, mail)
    how = {"epost": " med e-post", "post": " per post"}.get(entry.delivery, "")
    return format_date(local(entry.sent_at).date()) + how


NOT_SENT_LABEL = "Har inte fått remissen"


def _status_label(remiss: Remiss, entry: SandlistaEntry) -> str:
    """ "Ej svarat", or of one put on the sändlista after the utskick and not sent it yet: that it has not got the
    remiss, so not "Ej svarat" as if asked (not_sent_to, walk28 Z12)."""
    if remiss.sent_at is not None and entry.sent_at is None and entry.answer_status not in ANSWERED:
        return NOT_SENT_LABEL
    return AnswerStatus(entry.answer_status).label


def _deadline_words(entry: SandlistaEntry, day, at, late: bool) -> str:
    """The row's "Svarsdag som gäller": none is due of an instans that has answered or avstått, so not the svarsdag
    a förlängning moved as if it still owed an answer (walk29b B7), but that it has answered – with the svarsdag it
    missed when it answered late."""
    if entry.answer_status in ANSWERED:
        done = "har svarat" if entry.answer_status == AnswerStatus.svarat.value else "har avstått"
        return f"{done} (svarsdag {format_deadline(day, at)})" if late and day else done
    return format_deadline(day, at) if day else ""


def anstand_words(remiss: Remiss, entry: SandlistaEntry) -> str:
    """The instans page's header about its anstånd: "anstånd till 29 januari 2027" while it holds; once a later
    förlängning for all has passed it, the svarsdag that holds now, as the remiss page's table gives it (walk31 #4:
    the header kept the passed anstånd next to the table's later svarsdag) – nothing of it for an instans that has
    answered or avstått, which owes no answer."""
    if not entry.extended_until_on:
        return ""
    anstand = format_deadline(entry.extended_until_on, entry.extended_until_time)
    day, at = deadline_of(remiss, entry)
    if (day, at) == (entry.extended_until_on, entry.extended_until_time):
        return f"anstånd till {anstand}"
    if entry.answer_status in ANSWERED:
        return ""
    return (f"svarsdag {format_deadline(day, at)} – remisstiden är förlängd för alla, anståndet till {anstand} gäller "
            "inte längre")


def rows(session: Session, remiss: Remiss, *, status: str = "", group: str = "", entries=None,
         addresses: dict | None = None) -> list[Row]:
    """The sändlista (entries, when already loaded) as display-ready rows, optionally one status and/or group;
    addresses (entry id → (e-mail, postal address)) when the register's current ones are to be shown."""
    out, mail = [], held.missiv_status(session, remiss.id, held_apart=True)  # "hålls kvar" (walk25b Z2)
    for entry in remisser.entries(session, remiss.id) if entries is None else entries:
        if status and entry.answer_status != status:
            continue
        if group and entry.group_name != group:
            continue
        day, at = deadline_of(remiss, entry)
        email, postal = (addresses or {}).get(entry.id, (entry.email, entry.postal_address))
        late = bool(entry.answered_on and day and entry.answered_on > day)
        out.append(Row(entry.id, entry.name, entry.group_name, email, postal, entry.answer_status,
                       _status_label(remiss, entry),
                       format_date(entry.answered_on) if entry.answered_on else "", late,
                       entry.no_comments, _deadline_words(entry, day, at, late), _sent(entry, mail.get(entry.id)),
                       entry.summary,
                       entry.delivery, entry.answered_on, day, at,
                       local(entry.sent_at).date() if entry.sent_at else None,
                       held.row_words(entry, mail.get(entry.id))))
    return out


def groups(session: Session, remiss_id: int, entries=None) -> list[str]:
    entries = remisser.entries(session, remiss_id) if entries is None else entries
    return sorted({e.group_name for e in entries if e.group_name})


def to_csv(table: list[Row]) -> bytes:
    """Semicolon-separated with a BOM, as Excel in Sweden opens it; dates as ÅÅÅÅ-MM-DD."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in table:
        writer.writerow([csv_field(c) for c in row.cells()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: list[Row], title: str) -> bytes:
    """A workbook with the title on the first row, then the columns; dates are real dates, no text a formula."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Svarsstatus")
    for column, width in zip("ABCDEFGHIJKLM", (40, 28, 30, 30, 12, 12, 18, 12, 10, 10, 14, 10, 60)):
        sheet.column_dimensions[column].width = width
    sheet.append([xlsx_cell(sheet, title[:200], bold=True)])
    sheet.append([xlsx_cell(sheet, c, bold=True) for c in COLUMNS])
    for row in table:
        sheet.append([xlsx_cell(sheet, c) for c in row.cells()])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _hhmm(at: time | None) -> str | None:
    return at.strftime("%H:%M") if at else None


def planned_chasers(session: Session, remiss_id: int) -> dict[int, list[str]]:
    """entry id → the moments of its planned reminders (chasers), ISO 8601, in time order."""
    prefix = f"outgoing:chaser:{remiss_id}:"
    found: dict[int, list[str]] = {}
    for key, due in session.exec(select(OutboxMessage.key, OutboxMessage.due_at)
                                 .where(OutboxMessage.kind == CHASER_KIND, OutboxMessage.key.like(prefix + "%"),
                                        OutboxMessage.status == OutboxStatus.pending.value)
                                 .order_by(OutboxMessage.due_at)):
        entry_id = int(key[len(prefix):].split(":", 1)[0])
        if entry_id:  # entry 0: the notice to our own officer
            found.setdefault(entry_id, []).append(local(due).isoformat(timespec="minutes"))
    return found


def status_json(session: Session, remiss: Remiss) -> dict:
    """Counts per status with every entry and question id, for the API."""
    body, mail = counts(session, remiss.id), held.missiv_status(session, remiss.id)
    kept = held.held_entry_ids(session, remiss.id) if OutboxStatus.failed.value in mail.values() else set()
    planned = planned_chasers(session, remiss.id)
    body["entries"] = [{"id": e.id, "name": e.name, "group_name": e.group_name, "email": e.email,
                        "answer_status": e.answer_status,
                        "answered_on": e.answered_on.isoformat() if e.answered_on else None,
                        "no_comments": e.no_comments, "delivery": e.delivery or None,
                        "extended_until": e.extended_until_on.isoformat() if e.extended_until_on else None,
                        "extended_until_time": _hhmm(e.extended_until_time) if e.extended_until_on else None,
                        "deadline_in_force": deadline_iso(*deadline_of(remiss, e)),
                        "sent_at": e.sent_at.isoformat() if e.sent_at else None,
                        # the outbox status of its e-mailed missiv: "pending" until a sweep sends it (walk21 J3)
                        "missiv_mail": mail.get(e.id),
                        # … and whether that "failed" is a missiv held back, not tried (walk25b Z2; added)
                        "missiv_held": e.id in kept,
                        # its reminders still planned: none while its missiv could not be e-mailed (h-out23 M4)
                        "reminders_planned": planned.get(e.id, [])}
                       for e in remisser.entries(session, remiss.id)]
    body["questions"] = [{"id": q.id, "position": q.position, "text": q.text}
                         for q in remisser.questions_of(session, remiss.id)]
    return body
