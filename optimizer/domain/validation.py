"""Turning raw JSON into a valid :class:`RosterProblem`, or into every problem found at once.

Two passes: pydantic checks shapes and ranges field by field; then the rules
that need the whole problem (references, the step grid, fixed dates inside the
horizon, known holiday calendars) are checked here. Each problem is reported
with its JSON path (``loc``), a plain message (``msg``) and a short ``type``,
in the shape FastAPI uses for 422 responses.
"""

from __future__ import annotations

import copy
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
from optimizer.i18n import DEFAULT_LANGUAGE, catalogue, translate
from optimizer.i18n.errors import plain

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class ProblemError:
    """One thing wrong with the input: where it is and what is wrong."""

    loc: Loc
    msg: str
    type: str
    key: str | None = None
    """The catalogue id of the message (None: ``msg`` is the only wording)."""
    params: tuple[tuple[str, Any], ...] = ()
    """The message's parameters; ``owner`` and ``got`` are message ids themselves."""

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The message in a language (English ``msg`` when it has no catalogue id)."""
        if self.key is None:
            return self.msg
        values = {name: _nested(value, lang) if name in _NESTED_IDS else value for name, value in self.params}
        return translate(self.key, lang, **values)

    def as_dict(self, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
        """The FastAPI ``detail[]`` shape."""
        return {"loc": list(self.loc), "msg": self.message(lang), "type": self.type}

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """``employees[0].team: unknown team 'x'``: the path and the message in a language."""
        path = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in self.loc)
        message = self.message(lang)
        return f"{path.replace('.[', '[')}: {message}" if path else message

    def __str__(self) -> str:
        return self.text()


_NESTED_IDS = frozenset({"owner", "got"})


def _nested(message_id: str, lang: str) -> str:
    """A parameter that is a message id itself (an object or a kind of value)."""
    if message_id in catalogue(DEFAULT_LANGUAGE):
        return translate(message_id, lang)
    return translate("owner.object", lang)


def problem_error(loc: Loc, type_: str, key: str, **params: Any) -> ProblemError:
    """An error worded by catalogue id ``key`` (its English text becomes ``msg``)."""
    made = ProblemError(loc, "", type_, key, tuple(params.items()))
    return ProblemError(loc, made.message(), type_, key, made.params)


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
        shape_errors = list(_pydantic_errors(exc))
        raise InvalidProblem(shape_errors + _errors_beyond(data, shape_errors)) from None
    errors = list(semantic_errors(problem))
    if errors:
        raise InvalidProblem(errors)
    return problem


# Placeholders for required fields that had to be pruned, so the rest can still be checked.
_REQUIRED_PLACEHOLDERS: dict[Loc, Any] = {
    ("horizon", "start"): "2000-01-03",
    ("horizon", "days"): 42,
}


# Placeholders by field name for required fields elsewhere: neutral values that
# create no reference errors of their own (an id is made unique from its path).
_MISSING_PLACEHOLDERS: dict[str, Any] = {
    "id": "\u0000invalid:",
    "desks": 0,
    "capacity": 0,
    "start": "00:00",
    "end": "24:00",
}


def _errors_beyond(data: Any, shape_errors: list[ProblemError]) -> list[ProblemError]:
    """The whole-problem errors hidden behind shape errors.

    The fields with shape errors are pruned (a required field takes a
    placeholder, or its enclosing optional field goes) and the rest is
    validated again, a few rounds at most; whole-problem errors found then are
    reported too, except those about what was pruned.
    """
    if not isinstance(data, dict):
        return []
    pruned = copy.deepcopy(data)
    removed: list[Loc] = []
    errors = shape_errors
    for _ in range(4):
        for error in errors:
            loc = _prunable(error)
            if loc and _prune(pruned, loc):
                removed.append(loc)
        try:
            problem = RosterProblem.model_validate(pruned)
            break
        except ValidationError as exc:
            errors = list(_pydantic_errors(exc))
    else:
        return []
    horizon_touched = any(loc[0] == "horizon" for loc in removed)
    ids_touched = {loc[0] for loc in removed if loc[-1] == "id"}
    return [
        error
        for error in semantic_errors(problem)
        if not any(error.loc[: len(loc)] == loc for loc in removed)
        and not (horizon_touched and error.type == "outside_horizon")
        and not (error.type == "unknown_reference" and _REFERS_TO.get(error.key or "") in ids_touched)
    ]


# What an unknown reference refers to: a reference into a list whose ids had errors may be one of them.
_REFERS_TO: dict[str, str] = {
    "val.unknown_employee": "employees",
    "val.not_a_member": "employees",
    "val.unknown_team": "teams",
    "val.unknown_site": "sites",
    "val.unknown_resource": "resources",
}


def _prunable(error: ProblemError) -> Loc:
    """The path to remove for an error: the field, or the nearest optional field that holds it."""
    loc = tuple(part for part in error.loc if not (isinstance(part, str) and "[" in part))
    if loc in _REQUIRED_PLACEHOLDERS or (loc and loc[-1] in _MISSING_PLACEHOLDERS):
        return loc
    if error.type == "missing":
        loc = loc[:-1]
    while loc and not isinstance(loc[-1], str):
        loc = loc[:-1]
    return loc


def _prune(data: Any, loc: Loc) -> bool:
    """Remove the value at ``loc`` (a placeholder for required fields); False if nothing changed."""
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    key = loc[-1]
    if not isinstance(parent, dict):
        return False
    placeholder = _REQUIRED_PLACEHOLDERS.get(loc, _MISSING_PLACEHOLDERS.get(str(key)))
    if placeholder is not None:
        if key == "id":
            placeholder = f"{placeholder}{'.'.join(map(str, loc))}"
        if parent.get(key) == placeholder:
            return False
        parent[key] = placeholder
        return True
    if key in parent:
        del parent[key]
        return True
    return False


def _pydantic_errors(exc: ValidationError) -> Iterator[ProblemError]:
    for error in exc.errors(include_url=False):
        yield from_pydantic(error)


def from_pydantic(error: Any, root: type | None = RosterProblem) -> ProblemError:
    """One of pydantic's errors in plain words (no class names), with its catalogue id."""
    loc = tuple(error["loc"])
    worded = plain(error, root)
    if worded is None:
        return ProblemError(loc, error["msg"].removeprefix("Value error, "), error["type"])
    key, params = worded
    return problem_error(loc, error["type"], key, **params)


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
            yield problem_error(
                ("previous", index, "employee"),
                "unknown_reference",
                "val.unknown_employee",
                id=entry.employee,
            )
    yield from _frozen_errors(problem)


def _frozen_errors(problem: RosterProblem) -> Iterator[ProblemError]:
    """``frozen`` (v1.1): unknown employees, two entries a day, worked days without start or hours,
    office entries at another site. A frozen entry that breaks a rule is no error: it is infeasible."""
    sites = {employee.id: employee.site for employee in problem.employees}
    seen: set[tuple[str, dt.date]] = set()
    for index, entry in enumerate(problem.frozen):
        loc: Loc = ("frozen", index)
        known = entry.employee in sites
        if not known:
            yield problem_error(
                (*loc, "employee"), "unknown_reference", "val.unknown_employee", id=entry.employee
            )
        if (entry.employee, entry.date) in seen:
            yield problem_error(
                loc, "duplicate_entry", "val.second_entry", employee=entry.employee, date=entry.date
            )
        seen.add((entry.employee, entry.date))
        for field in ("start", "hours"):
            if entry.location != "off" and getattr(entry, field) is None:
                yield problem_error(
                    (*loc, field), "missing", f"val.frozen_needs_{field}", location=entry.location
                )
        site = sites.get(entry.employee)
        if known and entry.location == "office" and entry.site is not None and entry.site != site:
            yield problem_error(
                (*loc, "site"),
                "wrong_site",
                "val.wrong_site",
                site=entry.site,
                employee=entry.employee,
                own=site,
            )


def _duplicate_ids(problem: RosterProblem) -> Iterator[ProblemError]:
    for field in ("sites", "resources", "teams", "employees"):
        items = getattr(problem, field)
        counts = Counter(item.id for item in items)
        seen: set[str] = set()
        for index, item in enumerate(items):
            if counts[item.id] > 1 and item.id in seen:
                yield problem_error((field, index, "id"), "duplicate_id", "val.duplicate_id", id=item.id)
            seen.add(item.id)


def _horizon_errors(problem: RosterProblem) -> Iterator[ProblemError]:
    code = problem.horizon.holiday_calendar
    if code is not None and not known_calendar(code):
        yield problem_error(
            ("horizon", "holiday_calendar"), "unknown_calendar", "val.unknown_calendar", code=code
        )


def _grid_errors(
    loc: Loc, daily: HoursRange | None, start: StartWindow | None, step: int
) -> Iterator[ProblemError]:
    """Daily-hours bounds and the start window must lie on the step grid."""
    for side in ("min", "max"):
        value = getattr(daily, side) if daily else None
        if value is not None and not _on_grid_hours(value, step):
            yield problem_error(
                (*loc, "daily_hours", side), "off_grid", "val.hours_off_grid", value=value, step=step
            )
    for side in ("earliest", "latest"):
        value = getattr(start, side) if start else None
        if value is not None and to_minutes(value) % step:
            yield problem_error(
                (*loc, "start", side), "off_grid", "val.start_off_grid", value=value, step=step
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
                    yield problem_error(
                        ("teams", t, "meetings", m, "attendees", a),
                        "unknown_reference",
                        "val.not_a_member",
                        id=attendee,
                        team=team.id,
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
            yield problem_error((*loc, "team"), "unknown_reference", "val.unknown_team", id=employee.team)
        if employee.site is not None and employee.site not in sites:
            yield problem_error((*loc, "site"), "unknown_reference", "val.unknown_site", id=employee.site)
        if employee.site is None and "office" in employee.locations:
            yield problem_error((*loc, "site"), "missing_site", "val.needs_site")
        for r, need in enumerate(employee.needs):
            if need not in resources:
                yield problem_error((*loc, "needs", r), "unknown_reference", "val.unknown_resource", id=need)
        for day in employee.fixed:
            if day not in horizon_days:
                yield problem_error(
                    (*loc, "fixed", day.isoformat()), "outside_horizon", "val.fixed_outside", date=day
                )
        yield from _grid_errors(loc, employee.daily_hours, employee.start, step)
        yield from _merged_range_errors(problem, employee, loc)
        start_pref = employee.preferences.start
        if start_pref is not None and to_minutes(start_pref.time) % step:
            yield problem_error(
                (*loc, "preferences", "start", "time"),
                "off_grid",
                "val.preferred_start_off_grid",
                value=start_pref.time,
                step=step,
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
            yield problem_error(
                (*loc, field),
                "range_order",
                "val.merged_order_employee" if employee else "val.merged_order_policy",
                low_name=low_name,
                low=low,
                high_name=high_name,
                high=high,
            )


def _horizon_dates(start: dt.date, days: int) -> set[dt.date]:
    return {start + dt.timedelta(days=offset) for offset in range(days)}
