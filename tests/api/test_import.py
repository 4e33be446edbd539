"""POST /v1/import: a staff sheet (and a base) in, a problem out, or 422 naming row and column."""

from __future__ import annotations

import json

from optimizer import parse_problem
from tests.io.sheets import BASE, GOOD_ROWS, HEADER, csv_bytes, xlsx_bytes


def _upload(client, staff: bytes, name: str = "staff.csv", base=BASE, **data):
    files = {"staff": (name, staff, "application/octet-stream")}
    if base is not None:
        files["base"] = ("base.json", json.dumps(base).encode(), "application/json")
    return client.post("/v1/import", files=files, data=data)


def test_a_sheet_and_a_base_make_a_valid_problem(alice) -> None:
    response = _upload(alice, xlsx_bytes([HEADER, *GOOD_ROWS]), "staff.xlsx")
    assert response.status_code == 200, response.text
    problem = parse_problem(response.json())
    assert [e.id for e in problem.employees] == ["e1", "é2", "e3"]
    assert problem.horizon.timezone == "Asia/Jakarta"
    solved = alice.post("/v1/solve", json=response.json())
    assert solved.status_code == 200 and solved.json()["status"] in {"optimal", "feasible"}


def test_without_a_base_a_start_date_may_be_given(alice) -> None:
    response = _upload(alice, csv_bytes([["id", "site"], ["e1", "hq"]]), base=None, start="2027-01-04")
    assert response.status_code == 200, response.text
    assert response.json()["horizon"] == {"start": "2027-01-04", "days": 5}


def test_bad_rows_are_422_with_row_and_column_in_loc(alice) -> None:
    rows = [
        ["id", "site", "unavailable", "ofice_days"],
        ["e1", "hq", "2026-13-01", "1"],
        ["e1", "hq", "", ""],
    ]
    response = _upload(alice, csv_bytes(rows))
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "staff", 1, "ofice_days"],
            "msg": "'ofice_days' is not a known column; did you mean 'office_days_min'?",
            "type": "unknown_column",
        },
        {
            "loc": ["body", "staff", 2, "unavailable"],
            "msg": "'2026-13-01' is not a date (YYYY-MM-DD)",
            "type": "cell",
        },
        {"loc": ["body", "staff", 3, "id"], "msg": "duplicate id 'e1'", "type": "duplicate_id"},
    ]


def test_a_bad_base_and_a_bad_file_are_422(alice) -> None:
    files = {"staff": ("s.csv", csv_bytes([HEADER, GOOD_ROWS[0]]), "text/csv"), "base": ("b.json", b"{", "x")}
    response = alice.post("/v1/import", files=files)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "base"]
    response = _upload(alice, b"PK\x03\x04 not a workbook", "staff.xlsx")
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "staff"], "msg": "not an XLSX workbook (BadZipFile)", "type": "unreadable_sheet"}
    ]
    response = _upload(alice, csv_bytes([HEADER, GOOD_ROWS[0]]), base={**BASE, "weights": {"preference": -1}})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "base", "weights", "preference"]


def test_a_missing_staff_file_is_422(alice) -> None:
    response = alice.post("/v1/import", data={"start": "2027-01-04"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "staff"]


def test_import_needs_a_key(anonymous) -> None:
    assert _upload(anonymous, csv_bytes([["id"], ["e1"]])).status_code == 401
