"""The columns of a staff sheet: what each cell may hold and where it goes in an employee.

Each parser turns one cell's text into JSON for the problem, or raises :class:`CellError` with
a message that quotes the offending value. Lists are separated by ``;``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from optimizer.domain.problem import LOCATIONS, WEEKDAYS

WORK_LOCATIONS: tuple[str, ...] = ("office", "home", "other")
MAX_RANGE_DAYS = 366
_WEEKDAY_NAMES = {
    name: name[:3] for name in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
}
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")


class CellError(ValueError):
    """A cell that cannot be read; the message quotes the value."""


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise CellError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _weekday_or_date(text: str) -> str:
    try:
        return _date(text)
    except CellError:
        raise CellError(f"{text!r} is neither a weekday (mon ... sun) nor a date (YYYY-MM-DD)") from None


def _location(text: str, allowed: tuple[str, ...]) -> str:
    token = text.strip().lower()
    if token not in allowed:
        raise CellError(f"{text!r} is not a location ({', '.join(allowed)})")
    return token


def text_cell(text: str) -> str:
    """Any text, as it is (surrounding spaces removed)."""
    return text.strip()


def locations_cell(text: str) -> list[str]:
    """``office;home;other``: where the employee may work."""
    return [_location(item, WORK_LOCATIONS) for item in _items(text)]


def list_cell(text: str) -> list[str]:
    """``vpn;laptop``: ids separated by ``;``."""
    return _items(text)


def dates_cell(text: str) -> list[str]:
    """``2026-12-10;2026-12-14..2026-12-18``: dates and inclusive ranges of dates."""
    days: list[str] = []
    for item in _items(text):
        if ".." not in item:
            days.append(_date(item))
            continue
        first_text, last_text = (part.strip() for part in item.split("..", 1))
        first, last = dt.date.fromisoformat(_date(first_text)), dt.date.fromisoformat(_date(last_text))
        if last < first:
            raise CellError(f"{item!r}: the range ends before it starts")
        if (last - first).days >= MAX_RANGE_DAYS:
            raise CellError(f"{item!r}: a range may span at most {MAX_RANGE_DAYS} days")
        days.extend((first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1))
    return days


def fixed_cell(text: str) -> dict[str, str]:
    """``2026-12-08=office;2026-12-09=home``: days pinned to a location."""
    fixed: dict[str, str] = {}
    for item in _items(text):
        day, sep, where = item.partition("=")
        if not sep:
            raise CellError(f"{item!r} is not DATE=LOCATION (e.g. 2026-12-08=office)")
        key = _date(day.strip())
        if key in fixed:
            raise CellError(f"{key} is fixed twice")
        fixed[key] = _location(where, WORK_LOCATIONS)
    return fixed


def preferences_cell(text: str) -> list[dict[str, Any]]:
    """``fri=home:3;2026-12-09=office:5``: a weekday or date, a location, an optional weight."""
    wishes: list[dict[str, Any]] = []
    for item in _items(text):
        day, sep, rest = item.partition("=")
        if not sep:
            raise CellError(f"{item!r} is not DAY=LOCATION[:WEIGHT] (e.g. fri=home:3)")
        where, _, weight_text = rest.partition(":")
        day = day.strip().lower()
        weekday = _WEEKDAY_NAMES.get(day, day if day in WEEKDAYS else None)
        wish: dict[str, Any] = {"weekday": weekday} if weekday else {"date": _weekday_or_date(day)}
        wish["location"] = _location(where, LOCATIONS)
        if weight_text.strip():
            wish["weight"] = whole_cell(weight_text)
        wishes.append(wish)
    return wishes


def number_cell(text: str) -> float:
    """A decimal number (``7.5``; a decimal comma is read too)."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise CellError(f"{text!r} is not a number") from None


def whole_cell(text: str) -> int:
    """A whole number."""
    value = number_cell(text)
    if not value.is_integer():
        raise CellError(f"{text!r} is not a whole number")
    return int(value)


def clock_cell(text: str) -> str:
    """A time ``HH:MM`` (``8:00`` is read as ``08:00``)."""
    value = text.strip()
    if _CLOCK.match(value):
        value = value.zfill(5)
    elif re.match(r"^\d{1,2}:\d{2}:00$", value):
        value = value[:-3].zfill(5)
    else:
        raise CellError(f"{text!r} is not a time (HH:MM)")
    return value


@dataclass(frozen=True)
class Column:
    """A sheet column: the path of its value inside an employee, and how to read a cell."""

    name: str
    path: tuple[str, ...]
    parse: Callable[[str], Any]
    example: str
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("id", ("id",), text_cell, "e1", "unique id of the employee (required)"),
    Column("name", ("name",), text_cell, "Ayu Lestari", "name as shown in rosters and calendars"),
    Column("team", ("team",), text_cell, "fin", "team id; a team not in the base is created"),
    Column("site", ("site",), text_cell, "hq", "office site id; a site not in the base is created"),
    Column("locations", ("locations",), locations_cell, "office;home;other", "where they may work"),
    Column("needs", ("needs",), list_cell, "", "resources needed away from the office (ids)"),
    Column("unavailable", ("unavailable",), dates_cell, "2026-12-24", "leave: dates and FROM..TO ranges"),
    Column("fixed", ("fixed",), fixed_cell, "", "days pinned to a location: DATE=office|home|other"),
    Column("weekly_hours_min", ("weekly_hours", "min"), number_cell, "", "fewest hours a week"),
    Column("weekly_hours_max", ("weekly_hours", "max"), number_cell, "", "most hours a week"),
    Column("daily_hours_min", ("daily_hours", "min"), number_cell, "", "fewest hours on a worked day"),
    Column("daily_hours_max", ("daily_hours", "max"), number_cell, "", "most hours on a worked day"),
    Column("office_days_min", ("office_days", "min"), whole_cell, "", "fewest office days a week"),
    Column("office_days_max", ("office_days", "max"), whole_cell, "", "most office days a week"),
    Column("remote_days_max", ("remote_days", "max"), whole_cell, "", "most home or other days a week"),
    Column("start_earliest", ("start", "earliest"), clock_cell, "", "earliest start, HH:MM"),
    Column("start_latest", ("start", "latest"), clock_cell, "", "latest start, HH:MM"),
    Column(
        "preferences",
        ("preferences", "days"),
        preferences_cell,
        "fri=home:3",
        "wishes: WEEKDAY-or-DATE=office|home|other|off[:WEIGHT]",
    ),
)
BY_NAME: dict[str, Column] = {column.name: column for column in COLUMNS}
