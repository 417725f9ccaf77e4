"""One rule for every spreadsheet and CSV export: text from users never becomes a formula.

A field whose text starts with = + - @ (or their full-width forms), a tab or a line break is read as a formula
by Excel and LibreOffice when a CSV file is opened; it gets a leading apostrophe. In an XLSX file the same text
is stored as a text cell (never a formula), so it keeps its exact wording. Control characters that an XLSX file
cannot hold are dropped. Dates stay dates.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def neutralise(value, *, quote: bool = True):
    """Return value safe for a CSV field (quote) or a text cell; anything but text is returned as it is."""
    if not isinstance(value, str):
        return value
    value = _ILLEGAL.sub("", value)
    return "'" + value if quote and value.startswith(FORMULA_START) else value


def csv_field(value) -> str:
    """A CSV field: empty for None, ISO 8601 for dates and times, neutralised text."""
    if value is None:
        return ""
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    return neutralise(str(value))


def xlsx_cell(sheet, value, *, bold: bool = False) -> WriteOnlyCell:
    """A write-only cell: dates as real dates, text always stored as text (never a formula)."""
    if isinstance(value, bool):
        value = "Ja" if value else "Nej"
    cell = WriteOnlyCell(sheet, value=neutralise(value, quote=False))
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, time):
        cell.number_format = "hh:mm"
    elif isinstance(value, str):
        cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell
