"""A roster indexed by (employee, working day), with the assignments that cannot be placed."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from optimizer.domain.clock import to_minutes
from optimizer.domain.solution import Assignment, Violation
from optimizer.instance import Instance

_CLOCK = re.compile(r"^\d\d:\d\d$")


@dataclass(frozen=True)
class Placed:
    """One assignment in minutes; ``None`` where the roster gave no readable value."""

    location: str
    site: str | None
    start: int | None
    end: int | None
    minutes: int | None
    hours_on_grid: bool


@dataclass
class RosterView:
    cells: dict[tuple[int, int], Placed]
    misplaced: list[Violation] = field(default_factory=list)

    def location(self, e: int, d: int) -> str | None:
        """The location of ``e`` on ``d``, or None when the roster has none."""
        cell = self.cells.get((e, d))
        return cell.location if cell else None

    def start(self, e: int, d: int) -> int | None:
        """The start minute of ``e`` on ``d``, if any."""
        cell = self.cells.get((e, d))
        return cell.start if cell else None


def _clock(value: str | None) -> int | None:
    if value is None or not _CLOCK.match(value):
        return None
    minutes = to_minutes(value)
    return minutes if minutes <= 24 * 60 and int(value[3:]) < 60 else None


def _minutes(hours: float | None) -> float | None:
    """Hours as minutes, or None when missing or not a sensible number of hours."""
    if hours is None or not math.isfinite(hours) or not 0 <= hours <= 24:
        return None
    return hours * 60


def index_roster(instance: Instance, assignments: list[Assignment]) -> RosterView:
    """Place each assignment; unknown employees, non-working days and duplicates are violations."""
    employees = {e.id: e.index for e in instance.employees}
    days: dict[dt.date, int] = {day.date: day.index for day in instance.days}
    view = RosterView(cells={})
    for a in assignments:
        e, d = employees.get(a.employee), days.get(a.date)
        if e is None or d is None:
            what = "unknown employee" if e is None else "a date that is not a working day"
            view.misplaced.append(
                Violation(
                    constraint="one_assignment",
                    employee=a.employee,
                    date=a.date,
                    message=f"extra assignment: {what}",
                )
            )
            continue
        if (e, d) in view.cells:
            view.misplaced.append(
                Violation(
                    constraint="one_assignment",
                    employee=a.employee,
                    date=a.date,
                    message="more than one assignment on this day",
                )
            )
            continue
        minutes = _minutes(a.hours)
        view.cells[e, d] = Placed(
            location=a.location,
            site=a.site,
            start=_clock(a.start),
            end=_clock(a.end),
            minutes=None if minutes is None else round(minutes),
            hours_on_grid=minutes is not None
            and abs(minutes - round(minutes)) < 1e-6
            and round(minutes) % instance.step == 0,
        )
    return view
