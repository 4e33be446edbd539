"""Staff sheets for the import tests, written as CSV or XLSX bytes."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook

BASE: dict[str, Any] = {
    "horizon": {"start": "2026-12-07", "days": 5, "timezone": "Asia/Jakarta"},
    "policy": {"weekly_hours": {"min": 37.5, "max": 40}, "daily_hours": {"min": 7.5, "max": 8}},
    "sites": [{"id": "hq", "name": "Head office", "desks": 3}],
    "resources": [{"id": "vpn", "capacity": 2}],
    "teams": [
        {"id": "fin", "name": "Finance", "meetings": [{"weekday": "tue", "start": "09:00", "end": "11:00"}]}
    ],
}
HEADER = ["id", "name", "team", "site", "locations", "needs", "unavailable", "fixed", "preferences"]
GOOD_ROWS = [
    ["e1", "Ayu Lestari", "fin", "hq", "office;home;other", "vpn", "", "2026-12-08=office", "fri=home:3"],
    ["é2", "Bùi Thị 李", "fin", "hq", "", "", "2026-12-10;2026-12-14..2026-12-18", "", "2026-12-09=office:5"],
    ["e3", "Citra", "ops", "annex", "office;home", "", "", "", ""],
]


def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> bytes:
    """Rows as UTF-8 CSV."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    """Rows as the first sheet of a workbook (cells keep their Python types)."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
