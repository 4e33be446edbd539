"""Reading a spreadsheet (CSV or XLSX) into a header and rows of text cells, with row numbers.

Row numbers are the ones a spreadsheet program shows: the header is row 1. Cells are text:
XLSX numbers, dates and times are written the way the import expects them (``7.5``,
``2026-12-10``, ``08:00``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook

MAX_ROWS = 10_000


class UnreadableSheet(ValueError):
    """The file is not a CSV or XLSX table that can be read; the message says why."""


@dataclass
class Table:
    """A header row and the data rows after it, each with its spreadsheet row number."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_table(data: bytes, filename: str) -> Table:
    """A CSV (UTF-8, separated by commas, semicolons or tabs) or an XLSX workbook's first sheet,
    told apart by the file name's extension (``.xlsx`` / ``.xlsm``) or the bytes themselves."""
    if data[:4] == b"\xd0\xcf\x11\xe0" or filename.lower().endswith((".xls", ".ods")):
        raise UnreadableSheet(
            "only XLSX workbooks and CSV files are read: save the sheet as XLSX or 'CSV UTF-8'"
        )
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return _table(_xlsx_rows(data))
    return _table(_csv_rows(data))


def _table(rows: list[tuple[int, list[str]]]) -> Table:
    if not rows:
        raise UnreadableSheet("the sheet is empty: it needs a header row (id, name, team, site, ...)")
    (_, header), *body = rows
    if len(body) > MAX_ROWS:
        raise UnreadableSheet(f"{len(body)} rows exceed the import limit of {MAX_ROWS}")
    return Table(header, [(number, cells) for number, cells in body if any(cell.strip() for cell in cells)])


def _csv_rows(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableSheet(
            f"row {line}: not UTF-8 text (save the sheet as 'CSV UTF-8', or as XLSX)"
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, start=1):
            rows.append((number, row))
    except csv.Error as exc:
        raise UnreadableSheet(f"row {len(rows) + 1}: {exc}") from None
    return rows


def _xlsx_rows(data: bytes) -> list[tuple[int, list[str]]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableSheet(f"not an XLSX workbook ({exc.__class__.__name__})") from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + 2:
                break
            rows.append((number, [cell_text(value) for value in values]))
        return rows
    finally:
        book.close()


def cell_text(value: Any) -> str:
    """An XLSX cell value as the text the import reads."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
