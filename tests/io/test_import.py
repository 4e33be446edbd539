"""Spreadsheet import: every column, every error at once with its row and column, any Unicode."""

from __future__ import annotations

import datetime as dt

import pytest

from optimizer.io.staff import InvalidStaff, default_base, import_staff
from optimizer.io.table import UnreadableSheet, read_table
from optimizer.io.template import template_csv, template_xlsx
from tests.helpers import solve_checked
from tests.io.sheets import BASE, GOOD_ROWS, HEADER, csv_bytes, xlsx_bytes


def _errors(data: bytes, name: str = "staff.csv", base=BASE) -> list[str]:
    with pytest.raises(InvalidStaff) as caught:
        import_staff(read_table(data, name), base)
    return [str(error) for error in caught.value.errors]


@pytest.mark.parametrize("kind", ["csv", "csv;", "xlsx"])
def test_a_good_sheet_makes_the_problem_it_describes(kind: str) -> None:
    rows = [HEADER, *GOOD_ROWS]
    data = {"csv": csv_bytes(rows), "csv;": csv_bytes(rows, ";"), "xlsx": xlsx_bytes(rows)}[kind]
    problem = import_staff(read_table(data, "staff.xlsx" if kind == "xlsx" else "staff.csv"), BASE)
    assert [e.id for e in problem.employees] == ["e1", "é2", "e3"]
    ayu, bui, citra = problem.employees
    assert ayu.name == "Ayu Lestari" and ayu.needs == ["vpn"]
    assert ayu.fixed == {dt.date(2026, 12, 8): "office"}
    assert [(d.weekday, d.location, d.weight) for d in ayu.preferences.days] == [("fri", "home", 3)]
    assert bui.name == "Bùi Thị 李" and bui.locations == ["office", "home", "other"]
    assert bui.unavailable == [dt.date(2026, 12, 10), *(dt.date(2026, 12, d) for d in range(14, 19))]
    assert [(d.date, d.location, d.weight) for d in bui.preferences.days] == [
        (dt.date(2026, 12, 9), "office", 5)
    ]
    assert citra.locations == ["office", "home"]
    assert problem.horizon.timezone == "Asia/Jakarta" and problem.policy.weekly_hours.min == 37.5
    # "ops" and "annex" are not in the base: created, the site with a desk per person placed there
    assert [t.id for t in problem.teams] == ["fin", "ops"]
    assert [(s.id, s.desks) for s in problem.sites] == [("hq", 3), ("annex", 1)]
    solve_checked(problem)


def test_headers_are_case_insensitive_in_any_order_and_numbers_and_times_are_read() -> None:
    rows = [
        [
            "Start Latest",
            "ID",
            "Weekly_Hours_Max",
            "weekly hours min",
            "office_days_min",
            "daily_hours_max",
            "SITE",
        ],
        ["09:30", "e1", "40", "37,5", "2", "8", "hq"],
    ]
    problem = import_staff(read_table(csv_bytes(rows), "s.csv"), BASE)
    person = problem.employees[0]
    assert (person.weekly_hours.min, person.weekly_hours.max) == (37.5, 40)
    assert person.start.latest == "09:30" and person.office_days.min == 2 and person.daily_hours.max == 8


def test_xlsx_cells_of_any_type_are_read_as_their_text() -> None:
    rows = [
        ["id", "site", "unavailable", "start_earliest", "weekly_hours_min"],
        [101, "hq", dt.datetime(2026, 12, 9), dt.time(7, 30), 37.5],
    ]
    person = import_staff(read_table(xlsx_bytes(rows), "s.xlsx"), BASE).employees[0]
    assert person.id == "101" and person.unavailable == [dt.date(2026, 12, 9)]
    assert person.start.earliest == "07:30" and person.weekly_hours.min == 37.5


def test_every_problem_of_every_row_is_reported_at_once() -> None:
    rows = [
        [
            "id",
            "name",
            "site",
            "unavailable",
            "ofice_days_min",
            "weekly_hours_max",
            "fixed",
            "locations",
            "needs",
        ],
        ["e1", "Ayu", "hq", "2026-13-01", "1", "200", "2026-12-08=office", "office", "laptop"],
        ["e1", "Budi", "hq", "", "", "", "2026-11-02=home", "offce", ""],
        ["", "Citra", "hq", "", "", "x", "", "", ""],
        ["e4", "Dewi", "", "", "", "", "", "office", ""],
    ]
    assert _errors(csv_bytes(rows)) == [
        "row 1, column ofice_days_min: 'ofice_days_min' is not a known column;"
        " did you mean 'office_days_min'?",
        "row 2, column needs: unknown resource 'laptop'",
        "row 2, column unavailable: '2026-13-01' is not a date (YYYY-MM-DD)",
        "row 2, column weekly_hours_max: should be at most 168, not 200",
        "row 3, column id: duplicate id 'e1'",
        "row 3, column locations: 'offce' is not a location (office, home, other)",
        "row 3, column fixed: '2026-11-02=home': fixed date 2026-11-02 is outside the horizon",
        "row 4, column id: an id is required",
        "row 4, column weekly_hours_max: 'x' is not a number",
        "row 5, column site: an employee who may work in the office needs a site",
    ]


def test_a_range_read_in_the_wrong_order_and_a_bad_preference_are_named() -> None:
    rows = [
        ["id", "site", "unavailable", "preferences", "office_days_min", "office_days_max"],
        ["e1", "hq", "2026-12-18..2026-12-14", "someday=home;fri=garden;mon=home:x", "4", "2"],
    ]
    assert _errors(csv_bytes(rows)) == [
        "row 2, column unavailable: '2026-12-18..2026-12-14': the range ends before it starts",
        "row 2, column office_days_min, office_days_max: '4 / 2': min 4 is greater than max 2",
        "row 2, column preferences: 'someday' is neither a weekday (mon ... sun) nor a date (YYYY-MM-DD)",
    ]


def test_a_sheet_without_an_id_column_or_with_duplicate_columns_is_refused() -> None:
    assert _errors(csv_bytes([["name", "Name"], ["Ayu", "Ayu"]])) == [
        "row 1, column name: column 'name' appears twice",
        "row 1: the header has no 'id' column (it is required)",
    ]


def test_cells_past_the_header_are_errors() -> None:
    assert _errors(csv_bytes([["id", "site"], ["e1", "hq", "surprise"]])) == [
        "row 2: 'surprise' is in column 3, past the header"
    ]
    assert _errors(csv_bytes([["id", "", "site"], ["e1", "x", "hq"]])) == [
        "row 1: column 2 holds data but has no header"
    ]


def test_errors_of_the_base_name_its_json_path() -> None:
    base = {**BASE, "sites": [{"id": "hq", "desks": -1}]}
    errors = _errors(csv_bytes([HEADER, GOOD_ROWS[0]]), base=base)
    assert errors == ["base sites[0].desks: should be at least 0, not -1"]


def test_unreadable_files_say_why() -> None:
    with pytest.raises(UnreadableSheet, match="row 2: not UTF-8"):
        read_table(b"id,name\r\n\xff\xfe,x\r\n", "s.csv")
    with pytest.raises(UnreadableSheet, match="not an XLSX workbook"):
        read_table(b"PK\x03\x04 broken", "s.xlsx")
    with pytest.raises(UnreadableSheet, match="only XLSX workbooks and CSV files"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "staff.xls")
    with pytest.raises(UnreadableSheet, match="empty"):
        read_table(b"", "s.csv")


def test_without_a_base_the_coming_week_is_used() -> None:
    assert default_base(today=dt.date(2026, 12, 1)) == {"horizon": {"start": "2026-12-07", "days": 5}}
    assert default_base(today=dt.date(2026, 12, 7))["horizon"]["start"] == "2026-12-07"
    problem = import_staff(read_table(csv_bytes([["id", "site"], ["e1", "hq"]]), "s.csv"), None)
    assert problem.horizon.start.weekday() == 0 and problem.horizon.days == 5
    assert [(s.id, s.desks) for s in problem.sites] == [("hq", 1)]


def test_a_start_date_replaces_the_bases() -> None:
    table = read_table(csv_bytes([["id", "site"], ["e1", "hq"]]), "s.csv")
    assert import_staff(table, BASE, start=dt.date(2027, 1, 4)).horizon.start == dt.date(2027, 1, 4)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_imports_as_it_is(kind: str) -> None:
    data, name = (template_csv().encode(), "t.csv") if kind == "csv" else (template_xlsx(), "t.xlsx")
    table = read_table(data, name)
    assert len(table.rows) == 1
    problem = import_staff(table, None)
    assert problem.employees[0].name == "Ayu Lestari"
