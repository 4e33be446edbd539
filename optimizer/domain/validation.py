"""Turning raw JSON into a valid :class:`RosterProblem`, or into every problem found at once.

Two passes: pydantic checks shapes and ranges field by field; then the rules
that need the whole problem (references, the step grid, fixed dates inside the
horizon, known holiday calendars) are checked here. Each problem is reported
with its JSON path (``loc``), a plain message (``msg``) and a short ``type``,
in the shape FastAPI uses for 422 responses.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import holidays as holidays_lib
from pydantic import ValidationError

from optimizer.domain.clock import to_minutes
from optimizer.domain.problem import Employee, HoursRange, RosterProblem, StartWindow
from optimizer.domain.rules import ORDERED_PAIRS, merged_field

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class ProblemError:
    """One thing wrong with the input: where it is and what is wrong."""

    loc: Loc
    msg: str
    type: str

    def as_dict(self) -> dict[str, Any]:
        """The FastAPI ``detail[]`` shape."""
        return {"loc": list(self.loc), "msg": self.msg, "type": self.type}

    def __str__(self) -> str:
        path = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in self.loc)
        return f"{path.replace('.[', '[')}: {self.msg}"


class InvalidProblem(ValueError):
    """Raised when a problem does not validate; carries every error found."""

    def __init__(self, errors: list[ProblemError]):
        self.errors = errors
        super().__init__("; ".join(str(error) for error in errors[:5]))


def parse_problem(data: Any) -> RosterProblem:
    """Validate raw JSON data into a problem, or raise :class:`InvalidProblem` with every error."""
    try:
        problem = RosterProblem.model_validate(data)
    except ValidationError as exc:
        raise InvalidProblem(list(_pydantic_errors(exc))) from None
    errors = list(semantic_errors(problem))
    if errors:
        raise InvalidProblem(errors)
    return problem


def _pydantic_errors(exc: ValidationError) -> Iterator[ProblemError]:
    for error in exc.errors(include_url=False):
        msg = error["msg"].removeprefix("Value error, ")
        yield ProblemError(tuple(error["loc"]), msg, error["type"])


def known_calendar(code: str) -> bool:
    """Whether the holidays package knows this country code."""
    return code in holidays_lib.list_supported_countries()


def semantic_errors(problem: RosterProblem) -> Iterator[ProblemError]:
    """Every rule that needs more than one field: references, grid, horizon."""
    yield from _duplicate_ids(problem)
    yield from _horizon_errors(problem)
    step = problem.policy.step_minutes
    yield from _grid_errors(("policy",), problem.policy.daily_hours, problem.policy.start, step)
    yield from _merged_range_errors(problem, None, ("policy",))
    yield from _team_errors(problem)
    yield from _employee_errors(problem)
    employee_ids = {employee.id for employee in problem.employees}
    for index, entry in enumerate(problem.previous):
        if entry.employee not in employee_ids:
            yield ProblemError(
                ("previous", index, "employee"),
                f"unknown employee {entry.employee!r}",
                "unknown_reference",
            )


def _duplicate_ids(problem: RosterProblem) -> Iterator[ProblemError]:
    for field in ("sites", "resources", "teams", "employees"):
        items = getattr(problem, field)
        counts = Counter(item.id for item in items)
        seen: set[str] = set()
        for index, item in enumerate(items):
            if counts[item.id] > 1 and item.id in seen:
                yield ProblemError((field, index, "id"), f"duplicate id {item.id!r}", "duplicate_id")
            seen.add(item.id)


def _horizon_errors(problem: RosterProblem) -> Iterator[ProblemError]:
    code = problem.horizon.holiday_calendar
    if code is not None and not known_calendar(code):
        yield ProblemError(
            ("horizon", "holiday_calendar"),
            f"unknown holiday calendar {code!r} (use an ISO country code such as 'ID')",
            "unknown_calendar",
        )


def _grid_errors(
    loc: Loc, daily: HoursRange | None, start: StartWindow | None, step: int
) -> Iterator[ProblemError]:
    """Daily-hours bounds and the start window must lie on the step grid."""
    for side in ("min", "max"):
        value = getattr(daily, side) if daily else None
        if value is not None and not _on_grid_hours(value, step):
            yield ProblemError(
                (*loc, "daily_hours", side),
                f"{value} h is not a multiple of the {step}-minute step",
                "off_grid",
            )
    for side in ("earliest", "latest"):
        value = getattr(start, side) if start else None
        if value is not None and to_minutes(value) % step:
            yield ProblemError(
                (*loc, "start", side),
                f"start {value} is not on the {step}-minute grid",
                "off_grid",
            )


def _on_grid_hours(hours: float, step: int) -> bool:
    minutes = hours * 60
    return abs(minutes - round(minutes)) < 1e-9 and round(minutes) % step == 0


def _team_errors(problem: RosterProblem) -> Iterator[ProblemError]:
    members: dict[str, set[str]] = {team.id: set() for team in problem.teams}
    for employee in problem.employees:
        if employee.team in members:
            members[employee.team].add(employee.id)
    for t, team in enumerate(problem.teams):
        for m, meeting in enumerate(team.meetings):
            for a, attendee in enumerate(meeting.attendees or []):
                if attendee not in members[team.id]:
                    yield ProblemError(
                        ("teams", t, "meetings", m, "attendees", a),
                        f"{attendee!r} is not a member of team {team.id!r}",
                        "unknown_reference",
                    )


def _employee_errors(problem: RosterProblem) -> Iterator[ProblemError]:
    teams = {team.id for team in problem.teams}
    sites = {site.id for site in problem.sites}
    resources = {resource.id for resource in problem.resources}
    step = problem.policy.step_minutes
    horizon_days = _horizon_dates(problem.horizon.start, problem.horizon.days)
    for index, employee in enumerate(problem.employees):
        loc: Loc = ("employees", index)
        if employee.team is not None and employee.team not in teams:
            yield ProblemError((*loc, "team"), f"unknown team {employee.team!r}", "unknown_reference")
        if employee.site is not None and employee.site not in sites:
            yield ProblemError((*loc, "site"), f"unknown site {employee.site!r}", "unknown_reference")
        if employee.site is None and "office" in employee.locations:
            yield ProblemError(
                (*loc, "site"),
                "an employee who may work in the office needs a site",
                "missing_site",
            )
        for r, need in enumerate(employee.needs):
            if need not in resources:
                yield ProblemError((*loc, "needs", r), f"unknown resource {need!r}", "unknown_reference")
        for day in employee.fixed:
            if day not in horizon_days:
                yield ProblemError(
                    (*loc, "fixed", day.isoformat()),
                    f"fixed date {day} is outside the horizon",
                    "outside_horizon",
                )
        yield from _grid_errors(loc, employee.daily_hours, employee.start, step)
        yield from _merged_range_errors(problem, employee, loc)
        start_pref = employee.preferences.start
        if start_pref is not None and to_minutes(start_pref.time) % step:
            yield ProblemError(
                (*loc, "preferences", "start", "time"),
                f"preferred start {start_pref.time} is not on the {step}-minute grid",
                "off_grid",
            )


def _merged_range_errors(
    problem: RosterProblem, employee: Employee | None, loc: Loc
) -> Iterator[ProblemError]:
    """A rule may be valid alone yet clash with what it merges with (policy, defaults)."""
    for field, (low_name, high_name) in ORDERED_PAIRS.items():
        if employee is not None and getattr(employee, field) is None:
            continue
        merged = merged_field(problem.policy, employee, field)
        low, high = merged[low_name], merged[high_name]
        if low > high:
            yield ProblemError(
                (*loc, field),
                f"{low_name} {low} is greater than {high_name} {high} once merged with "
                + ("the policy and defaults" if employee else "the defaults"),
                "range_order",
            )


def _horizon_dates(start: dt.date, days: int) -> set[dt.date]:
    return {start + dt.timedelta(days=offset) for offset in range(days)}
