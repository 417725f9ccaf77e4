"""Write the filtered diarium as CSV (UTF-8 with BOM, semicolons) or XLSX, row by row."""
from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Iterable, Iterator

from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import Session, select

from remiss.auth.access import Principal
from remiss.drafting import mail_state
from remiss.drafting.models import GeneratedDocument
from remiss.exports.cells import csv_field, xlsx_cell
from remiss.outgoing import held, overview
from remiss.remisser.status import status_label
from remiss.remisser.models import AnswerStatus, Direction, Remiss, SandlistaEntry
from remiss.remisser.present import answered_late
from remiss.remisser.filters import RemissFilter
from remiss.remisser.queries import rows_statement
from remiss.clock import local

HEADERS = ("Vårt diarienummer", "Remittentens diarienummer", "Ärende", "Remittent", "Riktning", "Nämnd",
           "Handläggare", "Status", "Inkom", "Sista svarsdag", "Klockslag", "Förlängd", "Länk", "Expedierad",
           "Besvarad i tid", "Upprättad", "Skickad", "Svar", "Besvarad")
# Inkom, Expedierad, Besvarad i tid and Besvarad are about a remiss that came in; Upprättad, Skickad and Svar about
# one we sent out (walk12b #16): the day an utgående remiss was made is not an "Inkom" day, as its page and history
# say. Expedierad is the day the yttrande was expedited (its first frozen document), Besvarad the day the remiss
# became besvarad: an expedited yttrande not yet sent has the first only, a status set by hand the second only
# (truth17 F3; Besvarad was added last, so that existing spreadsheets keep their columns).
BATCH = 500


@dataclass(frozen=True)
class ExportRow:
    values: tuple  # in HEADERS order; dates as date, the rest as str


@dataclass(frozen=True)
class Sent:
    """An utgående remiss's sändlista at a glance: the first day it went out and its answers counted."""
    first_on: date | None
    answers: str  # "3 av 7 har svarat, 1 avstår", "inte skickad än"


def _sent_of(session: Session, remisser: list[Remiss], now: datetime | None = None) -> dict[int, Sent]:
    """Sent for the utgående remisser among remisser, in two statements; with now, a missiv due that is not e-mailed
    yet, or could not be, is said as the start page says it (held.list_words)."""
    ids = [r.id for r in remisser if r.direction == Direction.utgaende.value]
    if not ids:
        return {}
    mail = held.list_words(session, ids, now=now) if now is not None else {}
    unreached = held.unreached(session, ids)  # never asked: not among those counted (h-queue24)
    tally: dict[int, dict[str, int]] = {}
    early: dict[int, int] = {}  # avstod before the utskick (outgoing.overview.tally, walk22 L6)
    first: dict[int, datetime] = {}
    never_sent: dict[int, dict[str, int]] = {}  # per status, the entries not sent the remiss (overview.not_sent_to)
    for rid, status, n, sent, unsent in session.exec(
            select(SandlistaEntry.remiss_id, SandlistaEntry.answer_status, func.count(),
                   func.min(SandlistaEntry.sent_at), overview.UNSENT_COUNT)
            .where(SandlistaEntry.remiss_id.in_(ids)).group_by(SandlistaEntry.remiss_id, SandlistaEntry.answer_status)):
        tally.setdefault(rid, {})[status] = n
        never_sent.setdefault(rid, {})[status] = unsent
        if status == AnswerStatus.avstar.value:
            early[rid] = unsent
        if sent is not None and (rid not in first or sent < first[rid]):
            first[rid] = sent
    out = {}
    for remiss in remisser:
        if remiss.id not in ids:
            continue
        counted = overview.tally(tally.get(remiss.id, {}), early.get(remiss.id, 0),
                                 len(unreached.get(remiss.id, ())),
                                 not_sent=overview.not_sent_to(remiss, never_sent.get(remiss.id, {})))
        said = ("inte skickad än" if remiss.id not in first
                else overview.answered_words(counted) + (f"; {mail[remiss.id]}" if remiss.id in mail else ""))
        out[remiss.id] = Sent(local(first[remiss.id]).date() if remiss.id in first else None, said)
    return out


def _expedited_of(session: Session, remisser: list[Remiss]) -> dict[int, date]:
    """remiss id → the local day its yttrande was first expedited, for the incoming remisser, in one statement."""
    ids = [r.id for r in remisser if r.direction != Direction.utgaende.value]
    if not ids:
        return {}
    return {rid: local(first).date() for rid, first in session.exec(
        select(GeneratedDocument.remiss_id, func.min(GeneratedDocument.created_at))
        .where(GeneratedDocument.remiss_id.in_(ids), GeneratedDocument.frozen, GeneratedDocument.kind == "yttrande")
        .group_by(GeneratedDocument.remiss_id))}


def _row(remiss: Remiss, namnd_name: str, handlaggare_name: str | None, link: str,
         sent: Sent | None = None, expedited_on: date | None = None, unsent: bool = False) -> ExportRow:
    outgoing = remiss.direction == Direction.utgaende.value
    deadline_time = remiss.effective_deadline_time.strftime("%H:%M") if remiss.effective_deadline_time else ""
    extended = bool(remiss.effective_deadline_on and remiss.effective_deadline_on != remiss.deadline_on)
    return ExportRow((remiss.our_dnr or "", remiss.sender_dnr, remiss.title, remiss.remittent,
                      Direction(remiss.direction).label, namnd_name, handlaggare_name or "",
                      # "Expedierad, inte skickad" (walk25 Y9), "Expedierad för sent, inte skickad än" (walk25b Z12)
                      # late too when expedierad without a svarsadress after the sista svarsdag (walk26b X1)
                      status_label(remiss.status, unsent=unsent, late=remiss.answered_late),
                      None if outgoing else remiss.received_on, remiss.effective_deadline_on, deadline_time,
                      "Ja" if extended else "Nej",
                      link, expedited_on,
                      # in time is not known until the yttrande has left; too late is true already (walk25b)
                      # expedierad late without a svarsadress is late too (Remiss.answered_late), as the filter says
                      {None: "", True: "Nej, för sent", False: "" if unsent else "Ja"}[
                          remiss.answered_late or answered_late(remiss)],
                      remiss.received_on if outgoing else None, sent.first_on if sent else None,
                      sent.answers if sent else "",
                      local(remiss.answered_at).date() if remiss.answered_at and not outgoing and not unsent
                      else None))


def rows(session: Session, principal: Principal, f: RemissFilter, link_of, *,
         now: datetime | None = None) -> Iterator[ExportRow]:
    """Every row of the filtered list in list order, fetched in batches; link_of(id) gives the page URL; now: the
    moment a missiv waiting in the Utkorg is said at (_sent_of)."""
    stmt = rows_statement(session, principal, f).execution_options(yield_per=BATCH)
    unsent = mail_state.unsent(session)  # yttranden expedierade whose mail waits in the Utkorg: few
    for batch in session.exec(stmt).partitions(BATCH):
        remisser = [remiss for remiss, _, _ in batch]
        sent, expedited = _sent_of(session, remisser, now), _expedited_of(session, remisser)
        for remiss, namnd_name, handlaggare_name in batch:
            yield _row(remiss, namnd_name, handlaggare_name, link_of(remiss.id), sent.get(remiss.id),
                       expedited.get(remiss.id), remiss.id in unsent)


def csv_chunks(export_rows: Iterable[ExportRow]) -> Iterator[str]:
    """Yield the CSV in chunks: a BOM so Excel reads UTF-8, semicolons as Swedish Excel expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(HEADERS)
    for n, row in enumerate(export_rows, 1):
        writer.writerow([csv_field(v) for v in row.values])
        if n % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_xlsx(export_rows: Iterable[ExportRow], out: IO[bytes]) -> None:
    """Write a write-only workbook (constant memory); dates are real dates, text is never a formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Diarium")
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLMNOPQRS",
                             (18, 22, 60, 28, 12, 30, 22, 16, 12, 14, 10, 10, 40, 12, 14, 12, 12, 28, 12)):
        sheet.column_dimensions[column].width = width
    sheet.append([xlsx_cell(sheet, title, bold=True) for title in HEADERS])
    for row in export_rows:
        sheet.append([xlsx_cell(sheet, value) for value in row.values])
    book.save(out)


def xlsx_file(export_rows: Iterable[ExportRow]) -> IO[bytes]:
    """The workbook in a spooled temporary file (memory for small lists, disk for large), rewound."""
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    write_xlsx(export_rows, out)
    out.seek(0)
    return out
