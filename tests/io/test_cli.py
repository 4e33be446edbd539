"""``roster import``, ``roster export`` and ``roster schema`` through the real console script."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from icalendar import Calendar
from openpyxl import load_workbook

from api.exports import employee_calendar, roster_csv, roster_xlsx
from optimizer import parse_problem
from optimizer.io.calendar import Version
from tests.cli.test_cli import roster
from tests.helpers import solve_checked
from tests.io.sheets import BASE, GOOD_ROWS, HEADER, csv_bytes, xlsx_bytes


def _base(tmp_path: Path) -> Path:
    path = tmp_path / "org.json"
    path.write_text(json.dumps(BASE), encoding="utf-8")
    return path


def test_import_writes_a_valid_problem_from_xlsx(tmp_path: Path) -> None:
    staff = tmp_path / "staff.xlsx"
    staff.write_bytes(xlsx_bytes([HEADER, *GOOD_ROWS]))
    out = tmp_path / "problem.json"
    result = roster("import", staff, "--base", _base(tmp_path), "-o", out)
    assert result.returncode == 0, result.stderr
    assert "3 employees" in result.stdout
    problem = parse_problem(json.loads(out.read_text(encoding="utf-8")))
    assert [e.name for e in problem.employees] == ["Ayu Lestari", "Bùi Thị 李", "Citra"]
    solve_checked(problem)


def test_import_lists_every_error_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    staff = tmp_path / "staff.csv"
    rows = [
        ["id", "site", "unavailable", "ofice_days"],
        ["e1", "hq", "2026-13-01", "1"],
        ["e1", "hq", "", ""],
    ]
    staff.write_bytes(csv_bytes(rows))
    out = tmp_path / "problem.json"
    result = roster("import", staff, "--base", _base(tmp_path), "-o", out)
    assert result.returncode == 3
    assert not out.exists()
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"error: {staff}: 3 problem(s), nothing written:",
        "  row 1, column ofice_days: 'ofice_days' is not a known column; did you mean 'office_days_min'?",
        "  row 2, column unavailable: '2026-13-01' is not a date (YYYY-MM-DD)",
        "  row 3, column id: duplicate id 'e1'",
    ]
    assert "Traceback" not in result.stderr


def test_import_of_an_unreadable_file_is_one_line_and_exit_3(tmp_path: Path) -> None:
    staff = tmp_path / "staff.xlsx"
    staff.write_bytes(b"not a workbook")
    result = roster("import", staff, "-o", tmp_path / "p.json")
    assert result.returncode == 3
    assert result.stderr.strip() == f"error: {staff}: not an XLSX workbook (BadZipFile)"
    result = roster("import", tmp_path / "missing.csv", "-o", tmp_path / "p.json")
    assert result.returncode == 3
    assert (
        result.stderr.strip() == f"error: {tmp_path / 'missing.csv'}: cannot read (No such file or directory)"
    )


def test_template_writes_csv_and_xlsx_that_import(tmp_path: Path) -> None:
    result = roster("import", "--template", "-o", tmp_path / "staff")
    assert result.returncode == 0, result.stderr
    header = (tmp_path / "staff.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,name,team,site,locations,needs,unavailable,fixed,")
    book = load_workbook(tmp_path / "staff.xlsx")
    assert [c.value for c in book["Staff"][1]][:4] == ["id", "name", "team", "site"]
    for name in ("staff.csv", "staff.xlsx"):
        imported = roster("import", tmp_path / name, "-o", tmp_path / f"{name}.json")
        assert imported.returncode == 0, imported.stderr


def test_export_writes_the_same_files_as_the_api(tmp_path: Path) -> None:
    problem_path = tmp_path / "problem.json"
    problem_path.write_text(json.dumps(BASE | {"employees": []}), encoding="utf-8")
    staff = tmp_path / "staff.csv"
    staff.write_bytes(csv_bytes([HEADER, *GOOD_ROWS]))
    assert roster("import", staff, "--base", _base(tmp_path), "-o", problem_path).returncode == 0
    problem = parse_problem(json.loads(problem_path.read_text(encoding="utf-8")))
    solution = solve_checked(problem)
    solution_path = tmp_path / "solution.json"
    solution_path.write_text(solution.model_dump_json(), encoding="utf-8")
    out = tmp_path / "out"
    result = roster(
        "export", solution_path, "--problem", problem_path, "--csv", out / "r.csv", "--xlsx", out / "r.xlsx",
        "--ics", out / "ics", "--sequence", "7",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr  # the folders are made
    assert (out / "r.csv").read_bytes() == roster_csv(problem, solution.assignments).encode("utf-8")
    rows = list(csv.reader(io.StringIO((out / "r.csv").read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 1 + 3 * 5
    ours = load_workbook(out / "r.xlsx").active
    api = load_workbook(io.BytesIO(roster_xlsx(problem, solution.assignments))).active
    assert [[c.value for c in row] for row in ours.iter_rows()] == [
        [c.value for c in row] for row in api.iter_rows()
    ]
    names = sorted(path.name for path in (out / "ics").iterdir())
    assert names == sorted(
        [
            "employee-e1.ics",
            "employee-e3.ics",
            "employee-%C3%A92.ics",
            "team-fin.ics",
            "team-ops.ics",
        ]
    )
    written = Calendar.from_ical((out / "ics" / "employee-e1.ics").read_bytes())
    expected = Calendar.from_ical(
        employee_calendar(problem, solution.assignments, "e1", Version(written_stamp(written), 7))
    )
    assert written.to_ical() == expected.to_ical()


def written_stamp(calendar: Calendar):
    """The DTSTAMP the export wrote (the time of export)."""
    return next(iter(calendar.walk("VEVENT"))).decoded("dtstamp")


def test_export_refuses_a_roster_of_another_problem(tmp_path: Path) -> None:
    problem_path = tmp_path / "p.json"
    problem_path.write_text(json.dumps(BASE), encoding="utf-8")
    roster_path = tmp_path / "r.json"
    roster_path.write_text(
        json.dumps([{"employee": "x", "date": "2026-12-07", "location": "off"}]), encoding="utf-8"
    )
    result = roster("export", roster_path, "--problem", problem_path, "--csv", tmp_path / "r.csv")
    assert result.returncode == 3
    assert "employees not in" in result.stderr and not (tmp_path / "r.csv").exists()


def test_schema_prints_every_field_described() -> None:
    for which in ("problem", "roster", "solution"):
        result = roster("schema", which)
        assert result.returncode == 0, result.stderr
        schema = json.loads(result.stdout)
        assert undescribed(schema) == [], which


def undescribed(schema: dict) -> list[str]:
    """Properties of every object of a JSON Schema that have no description."""
    missing = []
    for name, definition in {"": schema, **schema.get("$defs", {})}.items():
        for field, spec in definition.get("properties", {}).items():
            if not spec.get("description"):
                missing.append(f"{name or 'root'}.{field}")
    return missing
