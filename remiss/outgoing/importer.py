"""Read remissinstanser from a CSV or XLSX file into rows with Swedish errors per line."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass, field

from remiss.outgoing.repeated import read_angled
from remiss.remisser.input import SandlistaItem, parse_email

MAX_ROWS = 5000
# Header spellings accepted for each column (compared lower-case, without spaces, dashes and dots).
HEADERS = {
    "name": ("namn", "name", "instans", "remissinstans", "organisation"),
    "email": ("epost", "email", "mail", "epostadress", "funktionsbrevlada", "funktionsbrevlåda"),
    "contact_person": ("kontaktperson", "kontakt", "contactperson", "contact"),
    "group_name": ("grupp", "group", "groupname", "kategori"),
}
LIMITS = {"name": 300, "email": 254, "contact_person": 200, "group_name": 200}


class ImportFileError(ValueError):
    """The whole file could not be read; the message is Swedish."""


@dataclass
class ImportRow:
    line: int  # line in the file (the header is line 1)
    name: str = ""
    email: str = ""
    contact_person: str = ""
    group_name: str = ""
    errors: list[str] = field(default_factory=list)
    exists: bool = False  # set by the service: the name is already in the register
    unchanged: bool = False  # set by the service: already there with the same values, so saving changes nothing

    @property
    def ok(self) -> bool:
        return not self.errors

    def values(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k in LIMITS}


def _key(header: str) -> str:
    return re.sub(r"[\s\-_.]", "", str(header or "").strip().lower())


def _columns(header: list) -> dict[str, int]:
    columns = {}
    for index, cell in enumerate(header):
        key = _key(cell)
        for name, spellings in HEADERS.items():
            if key in spellings and name not in columns:
                columns[name] = index
    if "name" not in columns:
        raise ImportFileError("Filen saknar en kolumn ”Namn” på första raden. Kolumner som känns igen: "
                           "Namn, E-post, Kontaktperson, Grupp.")
    return columns


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ImportFileError("Filen kunde inte läsas som text (UTF-8 eller Windows-1252).")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for broken files
        raise ImportFileError("Filen kunde inte läsas som en Excel-fil (.xlsx).") from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1):
            rows.append(["" if v is None else str(v) for v in row])
        return rows
    finally:
        book.close()


def read_rows(filename: str, data: bytes) -> list[ImportRow]:
    """Return one ImportRow per non-empty data line, each with its errors (empty when fine)."""
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        raw = _xlsx_rows(data)
    elif lower.endswith((".csv", ".txt")):
        raw = _csv_rows(data)
    else:
        raise ImportFileError("Välj en fil av typen .csv eller .xlsx.")
    if not raw:
        raise ImportFileError("Filen är tom.")
    if len(raw) > MAX_ROWS + 1:
        raise ImportFileError(f"Filen har fler än {MAX_ROWS} rader.")
    columns = _columns(raw[0])
    rows: list[ImportRow] = []
    for line, cells in enumerate(raw[1:], start=2):
        if not any(str(c).strip() for c in cells):
            continue
        row = ImportRow(line=line)
        for name, index in columns.items():
            setattr(row, name, str(cells[index]).strip() if index < len(cells) else "")
        rows.append(row)
    return validate(rows)


def validate(rows: list[ImportRow]) -> list[ImportRow]:
    """Check each row: a name, a valid e-mail when given, lengths, and no duplicates in the file. A name written
    "Namn <e-post>" is Namn, with that address when the row gives none (repeated.read_angled)."""
    seen: dict[str, int] = {}
    for row in rows:
        row.errors = []
        typed = read_angled(SandlistaItem(row.name, row.email))
        row.name, row.email = typed.name, typed.email
        if not row.name:
            row.errors.append("Namn saknas.")
        for name, limit in LIMITS.items():
            if len(getattr(row, name)) > limit:
                row.errors.append(f"{_LABELS[name]} är längre än {limit} tecken.")
        if row.email:
            try:
                row.email = parse_email(row.email)
            except ValueError as exc:
                row.errors.append(str(exc))
        if row.name:
            key = row.name.casefold()
            if key in seen:
                row.errors.append(f"”{row.name}” finns redan på rad {seen[key]} i filen.")
            else:
                seen[key] = row.line
    return rows


_LABELS = {"name": "Namn", "email": "E-post", "contact_person": "Kontaktperson", "group_name": "Grupp"}


def rows_from_json(items) -> list[ImportRow]:
    """Rebuild rows sent back from the preview form and validate them again."""
    if not isinstance(items, list):
        raise ImportFileError("Förhandsgranskningen saknas. Ladda upp filen igen.")
    rows = []
    for item in items[:MAX_ROWS]:
        if not isinstance(item, dict):
            raise ImportFileError("Förhandsgranskningen är skadad. Ladda upp filen igen.")
        line = item.get("line")
        rows.append(ImportRow(line=line if isinstance(line, int) else 0,
                              **{k: str(item.get(k) or "").strip() for k in LIMITS}))
    return validate(rows)
