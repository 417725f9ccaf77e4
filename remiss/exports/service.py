"""Write the filtered diarium as CSV (UTF-8 with BOM, semicolons) or XLSX, row by row."""
from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass
from typing import IO, Iterable, Iterator

from openpyxl import Workbook
from sqlmodel import Session

from remiss.auth.access import Principal
from remiss.exports.cells import csv_field, xlsx_cell
from remiss.remisser.status import status_label
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.present import answered_late
from remiss.remisser.queries import RemissFilter, rows_statement
from remiss.clock import local

HEADERS = ("Vårt diarienummer", "Remittentens diarienummer", "Ärende", "Remittent", "Riktning", "Nämnd",
           "Handläggare", "Status", "Inkom", "Sista svarsdag", "Klockslag", "Förlängd", "Länk", "Expedierad",
           "Besvarad i tid")
BATCH = 500


@dataclass(frozen=True)
class ExportRow:
    values: tuple  # in HEADERS order; dates as date, the rest as str


def _row(remiss: Remiss, namnd_name: str, handlaggare_name: str | None, link: str) -> ExportRow:
    deadline_time = remiss.effective_deadline_time.strftime("%H:%M") if remiss.effective_deadline_time else ""
    extended = bool(remiss.effective_deadline_on and remiss.effective_deadline_on != remiss.deadline_on)
    return ExportRow((remiss.our_dnr or "", remiss.sender_dnr, remiss.title, remiss.remittent,
                      Direction(remiss.direction).label, namnd_name, handlaggare_name or "", status_label(remiss.status),
                      remiss.received_on, remiss.effective_deadline_on, deadline_time, "Ja" if extended else "Nej",
                      link, local(remiss.answered_at).date() if remiss.answered_at else None,
                      {None: "", True: "Nej, för sent", False: "Ja"}[answered_late(remiss)]))


def rows(session: Session, principal: Principal, f: RemissFilter, link_of) -> Iterator[ExportRow]:
    """Every row of the filtered list in list order, fetched in batches; link_of(id) gives the page URL."""
    stmt = rows_statement(session, principal, f).execution_options(yield_per=BATCH)
    for remiss, namnd_name, handlaggare_name in session.exec(stmt):
        yield _row(remiss, namnd_name, handlaggare_name, link_of(remiss.id))


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
    for column, width in zip("ABCDEFGHIJKLMNO", (18, 22, 60, 28, 12, 30, 22, 16, 12, 14, 10, 10, 40, 12, 14)):
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
