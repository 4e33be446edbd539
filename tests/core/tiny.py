"""Tiny problems and hand-made rosters for the core tests.

Every tiny problem starts on Monday 2026-12-07 (ISO week 2026-W50) with one
site ``hq``, a five-day week of 8-hour days, a start window of 07:00–10:00 and
every weight at zero, so that a test switches on only the rule and the term it
is about.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from optimizer import Assignment, RosterProblem, RosterSolution

MONDAY = dt.date(2026, 12, 7)
WEEK = "2026-W50"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ZERO_WEIGHTS = {
    "preference": 0,
    "start_time": 0,
    "lonely_office_day": 0,
    "fairness": 0,
    "peak_occupancy": 0,
    "change": 0,
    "pattern": 0,
}


def day(weekday: str, week: int = 0) -> str:
    """The ISO date of a weekday in the tiny problems' first (or a later) week."""
    return (MONDAY + dt.timedelta(days=WEEKDAYS.index(weekday) + 7 * week)).isoformat()


def tiny_problem(
    employees: int | list[dict[str, Any]] = 1,
    *,
    days: int = 5,
    horizon: dict[str, Any] | None = None,
    team: bool = False,
    policy: dict[str, Any] | None = None,
    sites: list[dict[str, Any]] | None = None,
    resources: list[dict[str, Any]] | None = None,
    teams: list[dict[str, Any]] | None = None,
    weights: dict[str, int] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The JSON of a tiny problem; ``employees`` is a count or one override dict per employee.

    Employees are ``e1``, ``e2``, … at site ``hq`` (as many desks as people),
    members of team ``t`` when ``team`` is true. ``policy`` and ``weights`` are
    merged over the defaults above (``horizon`` over start and days); other sections replace them.
    """
    overrides = [{} for _ in range(employees)] if isinstance(employees, int) else employees
    people = []
    for index, override in enumerate(overrides, start=1):
        person: dict[str, Any] = {"id": f"e{index}", "site": "hq"}
        if team:
            person["team"] = "t"
        person.update(copy.deepcopy(override))
        people.append(person)
    data: dict[str, Any] = {
        "horizon": {"start": MONDAY.isoformat(), "days": days, **(horizon or {})},
        "policy": {
            "weekly_hours": {"min": 40, "max": 40},
            "daily_hours": {"min": 8, "max": 8},
            **(policy or {}),
        },
        "sites": sites if sites is not None else [{"id": "hq", "desks": len(people)}],
        "resources": resources or [],
        "teams": teams if teams is not None else ([{"id": "t"}] if team else []),
        "employees": people,
        "weights": {**ZERO_WEIGHTS, **(weights or {})},
    }
    data.update(extra)
    return data


def week_preferences(location: str, weight: int = 1, weekdays: tuple[str, ...] = WEEKDAYS[:5]) -> dict:
    """A ``preferences`` object asking for ``location`` on each of ``weekdays``."""
    return {"days": [{"weekday": w, "location": location, "weight": weight} for w in weekdays]}


def worked(
    employee: str,
    date: str,
    location: str = "office",
    start: str = "09:00",
    end: str = "18:00",
    hours: float = 8.0,
    site: str | None = "hq",
) -> Assignment:
    """One worked day of a hand-made roster (``site`` is kept only for the office)."""
    return Assignment(
        employee=employee,
        date=dt.date.fromisoformat(date),
        location=location,
        site=site if location == "office" else None,
        start=start,
        end=end,
        hours=hours,
    )


def off(employee: str, date: str) -> Assignment:
    """One day off (or of leave) of a hand-made roster."""
    return Assignment(employee=employee, date=dt.date.fromisoformat(date), location="off")


def week_roster(
    problem: RosterProblem, changes: dict[tuple[str, str], Assignment | None] | None = None
) -> list[Assignment]:
    """Every employee in the office 09:00–18:00 (8 h, 60-minute break) on each weekday of week one.

    ``changes`` maps ``(employee, weekday)`` to a replacement assignment, or to None to drop it.
    Days of leave are ``off``.
    """
    changes = changes or {}
    roster = []
    for employee in problem.employees:
        leave = {d.isoformat() for d in employee.unavailable}
        for weekday in WEEKDAYS[:5]:
            date = day(weekday)
            if (employee.id, weekday) in changes:
                replacement = changes[employee.id, weekday]
                if replacement is not None:
                    roster.append(replacement)
                continue
            if date in leave:
                roster.append(off(employee.id, date))
            else:
                roster.append(worked(employee.id, date, site=employee.site))
    return roster


def plan(solution: RosterSolution, employee: str) -> dict[str, Assignment]:
    """An employee's assignments in a solved roster, by weekday (``"mon"``, … of week one)."""
    return {
        WEEKDAYS[a.date.weekday()]: a
        for a in solution.assignments
        if a.employee == employee and a.date < MONDAY + dt.timedelta(days=7)
    }


def where(solution: RosterSolution, employee: str) -> dict[str, str]:
    """An employee's location by weekday in a solved roster."""
    return {weekday: a.location for weekday, a in plan(solution, employee).items()}
