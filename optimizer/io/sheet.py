"""A roster as a sheet: one row per employee and working day, written as CSV or XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment
from optimizer.io.cells import safe_cell

COLUMNS: tuple[str, ...] = ("employee", "name", "team", "date", "location", "site", "start", "end", "hours")


def roster_rows(problem: RosterProblem, assignments: list[Assignment]) -> list[tuple[str, ...]]:
    """The roster's rows (header excluded) as text, every cell neutralised against formulas."""
    people = {employee.id: employee for employee in problem.employees}
    rows = []
    for a in assignments:
        person = people.get(a.employee)
        cells = (
            a.employee,
            (person.name or "") if person else "",
            (person.team or "") if person else "",
            a.date.isoformat(),
            a.location,
            a.site or "",
            a.start or "",
            a.end or "",
            "" if a.hours is None else f"{a.hours:g}",
        )
        rows.append(tuple(safe_cell(cell) for cell in cells))
    return rows


def roster_csv(problem: RosterProblem, assignments: list[Assignment]) -> str:
    """The roster as CSV with a header row; times ``HH:MM``, hours as a decimal number."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(roster_rows(problem, assignments))
    return out.getvalue()


def roster_xlsx(problem: RosterProblem, assignments: list[Assignment]) -> bytes:
    """The roster as an XLSX workbook with the same columns as the CSV; hours are numbers."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Roster"
    sheet.append(COLUMNS)
    hours_column = COLUMNS.index("hours")
    for row in roster_rows(problem, assignments):
        cells: list[str | float] = list(row)
        if row[hours_column]:
            cells[hours_column] = float(row[hours_column])
        sheet.append(cells)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, never a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
