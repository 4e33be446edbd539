"""The staff sheet template: the header row and one example row, as CSV and as XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from optimizer.io.columns import COLUMNS


def template_rows() -> list[list[str]]:
    """The header and the example row."""
    return [[column.name for column in COLUMNS], [column.example for column in COLUMNS]]


def template_csv() -> str:
    """The template as CSV (UTF-8, commas)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(template_rows())
    return out.getvalue()


def template_xlsx() -> bytes:
    """The template as XLSX: the sheet to fill in first, then a sheet explaining each column."""
    book = Workbook()
    staff = book.active
    staff.title = "Staff"
    for row in template_rows():
        staff.append(row)
    for cell in staff[1]:
        cell.font = Font(bold=True)
    for line in staff.iter_rows(min_row=2):
        for cell in line:
            cell.data_type = "s"  # dates and ids stay text
    staff.freeze_panes = "A2"
    help_sheet = book.create_sheet("Columns")
    help_sheet.append(["column", "meaning", "example"])
    for column in COLUMNS:
        help_sheet.append([column.name, column.meaning, column.example])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
