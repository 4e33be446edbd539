"""Why is this cell where it is? Each other location, forced, is either impossible or has a cost.

The cell is pinned to the asked location (a ``fixed`` day, or a frozen day
off) and the problem solved in two stages: the least objective, then the
fewest other cells moved against the given roster. If no roster exists, the
explanation of the pinned problem, without the pin itself, is the set of
rules that forbid it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from optimizer.checker.roster_view import index_roster
from optimizer.checker.score import score_roster
from optimizer.domain.changes import Cell
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment
from optimizer.domain.validation import InvalidProblem, ProblemError, parse_problem
from optimizer.domain.why import Alternative, WhyAnswer, describe_cost
from optimizer.instance import Instance, compile_instance
from optimizer.model.solve import SolveOptions
from optimizer.model.stages import cells_moved_from, objective, solve_in_stages
from optimizer.replan.changes import roster_changes

WORK_LOCATIONS = ("office", "home", "other")


def why(
    problem: RosterProblem,
    roster: list[Assignment],
    employee: str,
    date: dt.date,
    location: str | None = None,
    options: SolveOptions | None = None,
) -> WhyAnswer:
    """What it would take to give ``employee`` another location on ``date``.

    ``location`` asks about one location; without it every allowed other one is answered.
    Raises :class:`InvalidProblem` naming ``employee``, ``date`` or ``location`` when they do not fit.
    """
    instance = compile_instance(problem)
    cell = _current_cell(instance, roster, employee, date, location)
    data = instance.employees[_index(instance, employee)]
    asked = [location] if location else _alternatives(instance, data.locations, cell.location)
    options = options or SolveOptions(time_limit=10.0)
    before = score_roster(instance, index_roster(instance, roster))
    answers = [_answer(problem, roster, employee, date, where, before.terms, options) for where in asked]
    return WhyAnswer(employee=employee, date=date, current=cell, alternatives=answers)


def _index(instance: Instance, employee: str) -> int:
    return next(e.index for e in instance.employees if e.id == employee)


def _current_cell(
    instance: Instance, roster: list[Assignment], employee: str, date: dt.date, location: str | None
) -> Cell:
    """The roster's cell, after checking that the question is about a real cell."""
    errors = []
    known = {e.id for e in instance.employees}
    if employee not in known:
        errors.append(ProblemError(("employee",), f"unknown employee {employee!r}", "value_error"))
    if date not in {day.date for day in instance.days}:
        errors.append(ProblemError(("date",), f"{date} is not a working day of the horizon", "value_error"))
    if location is not None and location not in (*WORK_LOCATIONS, "off"):
        errors.append(
            ProblemError(("location",), f"{location!r} is not office, home, other or off", "value_error")
        )
    found = next((a for a in roster if a.employee == employee and a.date == date), None)
    if not errors and found is None:
        errors.append(
            ProblemError(("roster",), f"the roster has no cell for {employee} on {date}", "value_error")
        )
    if errors:
        raise InvalidProblem(errors)
    if found.location == "off":
        return Cell(location="off")
    return Cell(location=found.location, start=found.start, hours=found.hours)


def _alternatives(instance: Instance, locations: frozenset[str], current: str) -> list[str]:
    allowed = [loc for loc in WORK_LOCATIONS if loc in locations]
    if instance.problem.policy.allow_off_days:
        allowed.append("off")
    return [loc for loc in allowed if loc != current]


def _answer(
    problem: RosterProblem,
    roster: list[Assignment],
    employee: str,
    date: dt.date,
    location: str,
    before: dict[str, int],
    options: SolveOptions,
) -> Alternative:
    """Solve with the cell pinned to ``location``; report the conflict or the cost."""
    pinned = _pin(problem, employee, date, location)
    staged = solve_in_stages(pinned, [objective, cells_moved_from(roster)], options, objective_stage=0)
    solution = staged.solution
    if solution.status == "infeasible":
        conflicts = [
            item
            for item in solution.explanation or []
            if not (
                item.constraint in ("fixed", "frozen")
                and item.subject.employee == employee
                and item.subject.date == date
            )
        ]
        words = "; ".join(f"{item.constraint}: {item.message}" for item in conflicts) or "no roster exists"
        return Alternative(
            location=location, possible=False, conflicts=conflicts, summary=f"Impossible: {words}"
        )
    if not solution.assignments:
        return Alternative(
            location=location, possible=False, summary="No roster with this cell was found in time."
        )
    after = solution.score
    cost = {term: after.terms[term] - before[term] for term in after.terms}
    weighted = {term: staged.instance.weights[term] * value for term, value in cost.items()}
    moved = [c for c in roster_changes(roster, solution.assignments) if c.from_.location != c.to.location]
    moved = [c for c in moved if not (c.employee == employee and c.date == date)]
    total = sum(weighted.values())
    summary = (
        f"Possible at {total:+d} points ({describe_cost(weighted, cost)}), "
        f"moving {len(moved)} other cell{'s' if len(moved) != 1 else ''}."
    )
    return Alternative(
        location=location,
        possible=True,
        cost=cost,
        weighted_cost=weighted,
        total_cost=total,
        proven=solution.status == "optimal",
        moved=moved,
        score=after,
        assignments=solution.assignments,
        summary=summary,
    )


def _pin(problem: RosterProblem, employee: str, date: dt.date, location: str) -> RosterProblem:
    """The problem with one cell pinned: ``fixed`` for a work location, a frozen day off for ``off``."""
    data: dict[str, Any] = problem.model_dump(mode="json", exclude_none=True)
    day = date.isoformat()
    if location == "off":
        frozen = [f for f in data.get("frozen", []) if (f["employee"], f["date"]) != (employee, day)]
        data["frozen"] = [*frozen, {"employee": employee, "date": day, "location": "off"}]
    else:
        for entry in data["employees"]:
            if entry["id"] == employee:
                entry.setdefault("fixed", {})[day] = location
    return parse_problem(data)
