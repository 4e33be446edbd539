"""Roster sheets (CSV and XLSX): the columns, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from optimizer.io.cells import safe_cell
from optimizer.io.sheet import COLUMNS, roster_csv, roster_xlsx
from tests.io.problems import HOSTILE_NAMES, solved


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_start_a_formula_is_prefixed(start: str) -> None:
    assert safe_cell(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize("text", ["Ayu", "", "'quoted", " =not first", "e-1", "2026-12-07"])
def test_other_cells_are_left_as_they_are(text: str) -> None:
    assert safe_cell(text) == text


def _csv_rows() -> list[list[str]]:
    problem, solution = solved(hostile=True)
    return list(csv.reader(io.StringIO(roster_csv(problem, solution.assignments), newline="")))


def test_csv_neutralises_formula_names_and_keeps_other_names_exact() -> None:
    rows = _csv_rows()
    assert rows[0] == list(COLUMNS)
    names = {row[0]: row[1] for row in rows[1:]}
    assert names["e1"] == "'" + HOSTILE_NAMES["e1"]
    assert names["e3"] == "'" + HOSTILE_NAMES["e3"]
    assert names["e2"] == HOSTILE_NAMES["e2"]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_csv_has_a_row_per_employee_and_working_day() -> None:
    problem, solution = solved()
    rows = _csv_rows()
    assert len(rows) == 1 + len(solution.assignments) == 1 + 3 * 5
    first = solution.assignments[0]
    assert rows[1][3:5] == [first.date.isoformat(), first.location]


def test_xlsx_has_the_csv_cells_as_text_and_hours_as_numbers() -> None:
    problem, solution = solved(hostile=True)
    book = load_workbook(io.BytesIO(roster_xlsx(problem, solution.assignments)))
    sheet = book.active
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == list(COLUMNS)
    csv_rows = _csv_rows()
    for cells, expected in zip(rows[1:], csv_rows[1:], strict=True):
        for cell, text in zip(cells, expected, strict=True):
            assert cell.data_type != "f"  # never a formula
            if cell.column_letter == "I" and text:
                assert cell.value == float(text)
            else:
                assert (cell.value or "") == text.replace("\r", "\n")  # XML keeps no bare CR
    names = {row[0].value: row[1].value for row in rows[1:]}
    assert names["e1"] == "'" + HOSTILE_NAMES["e1"]
