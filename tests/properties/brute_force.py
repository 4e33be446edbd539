"""Exhaustive search over every roster of a tiny problem, written independently of the model.

Each (employee, working day) may be off or at any of the three locations with
any start and duration drawn from the union of every start window and daily
range in the problem (on the step grid). The independent checker decides
which rosters are valid and scores them. To keep the enumeration short, cells
and rows are pruned with the checker too: a cell is dropped when the checker
finds a single-day violation on that very cell, and a row (one employee's
week) when it finds a weekly violation of that employee. Those rules depend on
nothing but the employee's own assignments (SPEC §3), so pruning loses no
valid roster. Anchor days are left to the checker, which accepts any choice of
team days when none is given.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from optimizer import Assignment, CheckResult, RosterProblem, check
from optimizer.instance import compile_instance

PER_CELL = {
    "frozen",
    "unavailable",
    "no_off_day",
    "fixed",
    "allowed_location",
    "start_window",
    "span",
    "daily_hours",
    "core_hours",
    "opening_hours",
}
PER_ROW = {"weekly_hours", "office_days", "remote_days"}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def working_dates(problem: RosterProblem) -> list[dt.date]:
    """Days of the horizon on a listed weekday that are not explicit holidays."""
    horizon = problem.horizon
    assert horizon.holiday_calendar is None, "the brute force reads explicit holidays only"
    dates = [horizon.start + dt.timedelta(days=i) for i in range(horizon.days)]
    return [d for d in dates if WEEKDAYS[d.weekday()] in horizon.workdays and d not in horizon.holidays]


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _grid(low: int, high: int, step: int) -> list[int]:
    first = -(-low // step) * step
    return list(range(first, high + 1, step))


def time_options(problem: RosterProblem) -> tuple[list[int], list[int]]:
    """Every start minute and every duration in minutes that some window or range of the problem allows."""
    policy, step = problem.policy, problem.policy.step_minutes
    windows = [policy.start] + [e.start for e in problem.employees if e.start is not None]
    ranges = [policy.daily_hours] + [e.daily_hours for e in problem.employees if e.daily_hours is not None]
    earliest = min(_minutes(w.earliest) for w in windows if w.earliest is not None)
    latest = max(_minutes(w.latest) for w in windows if w.latest is not None)
    shortest = round(60 * min(r.min for r in ranges if r.min is not None))
    longest = round(60 * max(r.max for r in ranges if r.max is not None))
    return _grid(earliest, latest, step), [m for m in _grid(shortest, longest, step) if m > 0]


def _break(problem: RosterProblem, date: dt.date) -> int:
    policy = problem.policy
    return policy.break_minutes_by_weekday.get(WEEKDAYS[date.weekday()], policy.break_minutes)


def cell_options(problem: RosterProblem, employee: Any, date: dt.date) -> list[Assignment]:
    """Every assignment of one employee on one day: off, or a location with a start and a duration."""
    starts, durations = time_options(problem)
    options = [Assignment(employee=employee.id, date=date, location="off")]
    pause = _break(problem, date)
    for location in ("office", "home", "other"):
        for start in starts:
            for minutes in durations:
                end = start + minutes + pause
                if end > 24 * 60:
                    continue
                options.append(
                    Assignment(
                        employee=employee.id,
                        date=date,
                        location=location,
                        site=employee.site if location == "office" else None,
                        start=_clock(start),
                        end=_clock(end),
                        hours=minutes / 60,
                    )
                )
    return options


def _own(violations: list, names: set[str], employee: str, date: dt.date | None = None) -> bool:
    return any(
        v.constraint in names and v.employee == employee and (date is None or v.date == date)
        for v in violations
    )


def best_objective(problem: RosterProblem, limit: int = 200_000) -> tuple[int | None, int]:
    """The least objective over every valid roster (None when there is none) and the rosters checked."""
    best, checked = best_by(problem, lambda result: (result.score.total,), limit)
    return (None if best is None else best[0]), checked


def best_by(
    problem: RosterProblem, key: Callable[[CheckResult], tuple], limit: int = 200_000
) -> tuple[tuple | None, int]:
    """The least ``key`` of the checker's result over every valid roster (None when there is none)."""
    instance = compile_instance(problem)  # shared with every check call, only to save time

    def violations(assignments: list[Assignment]) -> list:
        return check(problem, assignments, instance=instance).violations

    dates = working_dates(problem)
    rows_by_employee = []
    for employee in problem.employees:
        cells = [
            [
                a
                for a in cell_options(problem, employee, date)
                if not _own(violations([a]), PER_CELL, employee.id, date)
            ]
            for date in dates
        ]
        rows = [
            list(row)
            for row in itertools.product(*cells)
            if not _own(violations(list(row)), PER_ROW, employee.id)
        ]
        if not rows:
            return None, 0
        rows_by_employee.append(rows)
    size = 1
    for rows in rows_by_employee:
        size *= len(rows)
    assert size <= limit, f"{size} rosters are too many to enumerate"
    best, checked = None, 0
    for combination in itertools.product(*rows_by_employee):
        roster = [a for row in combination for a in row]
        result = check(problem, roster, instance=instance)
        checked += 1
        if result.valid and (best is None or key(result) < best):
            best = key(result)
    return best, checked
