"""Instanser × status: counts, percent answered, filtered rows, CSV and XLSX export."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from remiss.calendar.swedish import format_date, format_deadline
from remiss.outgoing.service.chasers import deadline_of
from remiss.remisser import service as remisser
from remiss.remisser.models import AnswerStatus, Remiss, SandlistaEntry

ANSWERED = (AnswerStatus.svarat.value, AnswerStatus.avstar.value)
COLUMNS = ("Remissinstans", "Grupp", "E-post", "Status", "Svar inkom", "Inga synpunkter", "Svarsdag som gäller",
           "Skickad", "Sammanfattning")


def counts(session: Session, remiss_id: int) -> dict:
    """Counts per status plus total, answered (svarat) and percent answered."""
    rows = session.exec(select(SandlistaEntry.answer_status, func.count())
                        .where(SandlistaEntry.remiss_id == remiss_id).group_by(SandlistaEntry.answer_status)).all()
    by_status = {s.value: 0 for s in AnswerStatus}
    by_status.update({status: n for status, n in rows})
    total = sum(by_status.values())
    answered = by_status[AnswerStatus.svarat.value]
    return {"total": total, "answered": answered, "declined": by_status[AnswerStatus.avstar.value],
            "percent": round(100 * answered / total) if total else 0, "by_status": by_status}


@dataclass(frozen=True)
class Row:
    entry_id: int
    name: str
    group: str
    email: str
    status: str
    status_label: str
    answered_on: str
    no_comments: bool
    deadline: str
    sent: str
    summary: str

    def cells(self) -> list[str]:
        return [self.name, self.group, self.email, self.status_label, self.answered_on,
                "Ja" if self.no_comments else "", self.deadline, self.sent, self.summary]


def rows(session: Session, remiss: Remiss, *, status: str = "", group: str = "", entries=None) -> list[Row]:
    """The sändlista (entries, when already loaded) as display-ready rows, optionally one status and/or group."""
    out = []
    for entry in remisser.entries(session, remiss.id) if entries is None else entries:
        if status and entry.answer_status != status:
            continue
        if group and entry.group_name != group:
            continue
        day, at = deadline_of(remiss, entry)
        out.append(Row(entry.id, entry.name, entry.group_name, entry.email, entry.answer_status,
                       AnswerStatus(entry.answer_status).label, format_date(entry.answered_on) if entry.answered_on else "",
                       entry.no_comments, format_deadline(day, at) if day else "",
                       format_date(entry.sent_at) if entry.sent_at else "", entry.summary))
    return out


def groups(session: Session, remiss_id: int, entries=None) -> list[str]:
    entries = remisser.entries(session, remiss_id) if entries is None else entries
    return sorted({e.group_name for e in entries if e.group_name})


def to_csv(table: list[Row]) -> bytes:
    """Semicolon-separated with a BOM, as Excel in Sweden opens it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for row in table:
        writer.writerow([_safe(c) for c in row.cells()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _safe(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by spreadsheet programs.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def to_xlsx(table: list[Row], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Svarsstatus"
    sheet.append([title[:200]])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append([_safe(c) for c in row.cells()])
    for column, width in zip("ABCDEFGHI", (40, 28, 30, 18, 16, 14, 24, 16, 60)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def status_json(session: Session, remiss: Remiss) -> dict:
    """Counts per status with every entry and question id, for the API."""
    body = counts(session, remiss.id)
    body["entries"] = [{"id": e.id, "name": e.name, "group_name": e.group_name, "email": e.email,
                        "answer_status": e.answer_status,
                        "answered_on": e.answered_on.isoformat() if e.answered_on else None,
                        "no_comments": e.no_comments,
                        "extended_until": e.extended_until_on.isoformat() if e.extended_until_on else None,
                        "sent_at": e.sent_at.isoformat() if e.sent_at else None}
                       for e in remisser.entries(session, remiss.id)]
    body["questions"] = [{"id": q.id, "position": q.position, "text": q.text}
                         for q in remisser.questions_of(session, remiss.id)]
    return body
