"""The roster exports the API serves; they live in :mod:`optimizer.io` so the CLI writes the same files."""

from __future__ import annotations

from optimizer.io.calendar import Version, employee_calendar, team_calendar
from optimizer.io.sheet import COLUMNS as CSV_COLUMNS
from optimizer.io.sheet import roster_csv, roster_xlsx

__all__ = ["CSV_COLUMNS", "Version", "employee_calendar", "roster_csv", "roster_xlsx", "team_calendar"]
