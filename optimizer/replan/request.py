"""The re-plan problem (SPEC v1.1 §4): published days before ``from`` frozen, the rest as ``previous``.

The day's events (new leave, a changed desk count) are applied to the problem
first; every mistake in them, in ``from`` or in the published roster is
reported at once, each with its path, before anything is solved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment
from optimizer.domain.validation import InvalidProblem, ProblemError, parse_problem
from optimizer.instance import compile_instance

# Fields of an assignment that a frozen entry carries (``end`` follows from start, hours and the break).
_FROZEN_FIELDS = ("employee", "date", "location", "site", "start", "hours")


@dataclass
class DayEvents:
    """What happened since the roster was published: new leave and changed desk counts."""

    unavailable: dict[str, list[dt.date]] = field(default_factory=dict)
    desks: dict[str, dict[dt.date, int]] = field(default_factory=dict)


class InvalidReplan(InvalidProblem):
    """A re-plan request that cannot be carried out; carries every error found."""


@dataclass
class ReplanProblem:
    """The problem to solve, and what was left out of the published roster."""

    problem: RosterProblem
    published: list[Assignment]
    dropped_employees: list[str]


def replan_problem(
    problem: RosterProblem, published: list[Assignment], start: dt.date, events: DayEvents | None = None
) -> ReplanProblem:
    """Build the re-plan problem, or raise :class:`InvalidReplan` with every error."""
    events = events or DayEvents()
    errors = request_errors(problem, published, start, events)
    if errors:
        raise InvalidReplan(errors)
    ids = {employee.id for employee in problem.employees}
    kept = [a for a in published if a.employee in ids]
    dropped = sorted({a.employee for a in published} - ids)
    data = problem.model_dump(mode="json", exclude_none=True)
    _apply_events(data, events)
    own = {(entry["employee"], entry["date"]) for entry in data.get("frozen", [])}
    data["frozen"] = data.get("frozen", []) + [
        _frozen(a) for a in kept if a.date < start and (a.employee, a.date.isoformat()) not in own
    ]
    data["previous"] = [a.model_dump(mode="json", exclude_none=True) for a in kept if a.date >= start]
    try:
        replanned = parse_problem(data)
    except InvalidProblem as exc:
        raise InvalidReplan(exc.errors) from None
    return ReplanProblem(replanned, kept, dropped)


def request_errors(
    problem: RosterProblem, published: list[Assignment], start: dt.date | None, events: DayEvents
) -> list[ProblemError]:
    """Every error of a re-plan request: ``from`` (None: already reported), events, published roster."""
    working = {day.date for day in compile_instance(problem).days}
    errors: list[ProblemError] = []
    if start is not None and start not in working:
        errors.append(ProblemError(("from",), f"{start} is not a working day of the horizon", "value_error"))
    errors += _event_errors(problem, events, working)
    ids = {employee.id for employee in problem.employees}
    errors += _published_errors(published, [a for a in published if a.employee in ids], working)
    return errors


def _frozen(assignment: Assignment) -> dict[str, Any]:
    entry = assignment.model_dump(mode="json", exclude_none=True)
    return {key: entry[key] for key in _FROZEN_FIELDS if key in entry}


def _event_errors(problem: RosterProblem, events: DayEvents, working: set[dt.date]) -> list[ProblemError]:
    """Unknown employees and sites, dates outside the horizon, negative desk counts."""
    errors = []
    employees = {employee.id for employee in problem.employees}
    for employee, dates in events.unavailable.items():
        if employee not in employees:
            errors.append(
                ProblemError(("unavailable", employee), f"unknown employee {employee!r}", "value_error")
            )
        for i, date in enumerate(dates):
            if date not in working:
                errors.append(
                    ProblemError(
                        ("unavailable", employee, i),
                        f"{date} is not a working day of the horizon",
                        "value_error",
                    )
                )
    sites = {site.id for site in problem.sites}
    for site, counts in events.desks.items():
        if site not in sites:
            errors.append(ProblemError(("desks", site), f"unknown site {site!r}", "value_error"))
        for date, count in counts.items():
            loc = ("desks", site, date.isoformat())
            if date not in working:
                errors.append(ProblemError(loc, f"{date} is not a working day of the horizon", "value_error"))
            if count < 0:
                errors.append(ProblemError(loc, f"{count} desks: a desk count is at least 0", "value_error"))
    return errors


def _published_errors(
    published: list[Assignment], kept: list[Assignment], working: set[dt.date]
) -> list[ProblemError]:
    """A published roster must be a roster of this problem: its dates, and employees it still has."""
    errors = []
    if not published:
        errors.append(ProblemError(("published",), "holds no roster", "value_error"))
    for i, assignment in enumerate(published):
        if assignment.date not in working:
            errors.append(
                ProblemError(
                    ("published", "assignments", i, "date"),
                    f"{assignment.date} is not a working day of this problem's horizon",
                    "value_error",
                )
            )
    if published and not kept:
        errors.append(
            ProblemError(
                ("published",), "none of its employees is in the problem: not a roster of it", "value_error"
            )
        )
    seen: set[tuple[str, dt.date]] = set()
    for i, assignment in enumerate(kept):
        key = (assignment.employee, assignment.date)
        if key in seen:
            errors.append(
                ProblemError(
                    ("published", "assignments", i),
                    f"a second assignment for {assignment.employee} on {assignment.date}",
                    "value_error",
                )
            )
        seen.add(key)
    return errors


def _apply_events(data: dict[str, Any], events: DayEvents) -> None:
    """New leave joins each employee's ``unavailable``; desk counts go into ``desks_by_date``."""
    for employee in data["employees"]:
        extra = [date.isoformat() for date in events.unavailable.get(employee["id"], [])]
        if extra:
            employee["unavailable"] = sorted(set(employee.get("unavailable", [])) | set(extra))
    for site in data["sites"]:
        for date, count in events.desks.get(site["id"], {}).items():
            site.setdefault("desks_by_date", {})[date.isoformat()] = count
