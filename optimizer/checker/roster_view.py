"""A roster indexed by (employee, working day), with the assignments that cannot be placed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from optimizer.domain.clock import to_minutes
from optimizer.domain.solution import Assignment, Violation
from optimizer.instance import Instance

_CLOCK_CHARS = set("0123456789:")


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
    if value is None or len(value) != 5 or not set(value) <= _CLOCK_CHARS or value[2] != ":":
        return None
    minutes = to_minutes(value)
    return minutes if 0 <= minutes <= 24 * 60 and int(value[3:]) < 60 else None


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
        minutes = None if a.hours is None else a.hours * 60
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
