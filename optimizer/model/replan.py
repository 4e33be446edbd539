"""Re-planning a published roster (SPEC v1.1 §4 "Re-plan"), as three searches that bound each other.

The re-plan problem is the problem with every published assignment dated
before ``from`` added to its ``frozen`` and the published assignments from
``from`` on as its ``previous``. Its roster is lexicographically best:

1. the fewest ``change`` against the published roster;
2. among those (stage 1's count added as a constraint), the least objective
   under the problem's own weights (``change`` included);
3. among those (stage 2's objective added as a constraint), the fewest
   (employee, day) from ``from`` on whose start or hours differ from the
   published ones.

No big weight is guessed: each stage's result bounds the next. The objective,
score, bound and gap reported are stage 2's; ``optimal`` needs stages 1 and 2
proven.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.checker.roster_view import index_roster
from optimizer.checker.score import score_roster
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, Cell, Change, RosterSolution, TeamDays, TeamDaysChange
from optimizer.domain.validation import InvalidProblem, ProblemError, parse_problem
from optimizer.instance import compile_instance, working_days
from optimizer.model.builder import RosterModel, build_model
from optimizer.model.home_first import home_before_other
from optimizer.model.readout import occupancy, read_assignments, team_days
from optimizer.model.search import new_solver, run_search, status_name
from optimizer.model.solve import SolveOptions, model_score
from optimizer.model.terms import change

# Shares of the time limit for the three stages.
_SHARES = (0.4, 0.4, 0.2)


@dataclass
class ReplanRequest:
    """The changes of the day on top of the problem: new leave and desk counts."""

    unavailable: dict[str, list[dt.date]] | None = None
    desks: dict[str, dict[dt.date, int]] | None = None


def replan_problem(
    problem: RosterProblem,
    published: RosterSolution,
    from_date: dt.date,
    request: ReplanRequest | None = None,
) -> RosterProblem:
    """The re-plan problem: published days before ``from_date`` frozen, the rest as ``previous``.

    Raises :class:`InvalidProblem` with every error at once (a ``from`` that is
    not a working day, a published roster or a change of the day that does not fit the problem).
    """
    request = request or ReplanRequest()
    errors = list(_request_errors(problem, published, from_date, request))
    if errors:
        raise InvalidProblem(errors)
    employees = {e.id for e in problem.employees}
    kept = [a for a in published.assignments if a.employee in employees]
    past = {(a.employee, a.date) for a in kept if a.date < from_date}
    data = problem.model_dump(mode="json", exclude_none=True)
    data["frozen"] = [
        entry
        for entry in data.get("frozen", [])
        if (entry["employee"], dt.date.fromisoformat(entry["date"])) not in past
    ] + [_frozen_entry(a) for a in kept if a.date < from_date]
    data["previous"] = [
        {"employee": a.employee, "date": a.date.isoformat(), "location": a.location}
        for a in kept
        if a.date >= from_date
    ]
    for employee in data["employees"]:
        extra = (request.unavailable or {}).get(employee["id"], [])
        employee["unavailable"] = sorted({*employee.get("unavailable", []), *(d.isoformat() for d in extra)})
    for site in data["sites"]:
        for date, desks in (request.desks or {}).get(site["id"], {}).items():
            site.setdefault("desks_by_date", {})[date.isoformat()] = desks
    return parse_problem(data)


def _frozen_entry(a: Assignment) -> dict:
    """A published assignment as a frozen entry (its site is the employee's own, so it is left out)."""
    entry = {"employee": a.employee, "date": a.date.isoformat(), "location": a.location}
    if a.location != "off":
        entry.update(start=a.start, hours=a.hours)
    return entry


def _request_errors(problem, published: RosterSolution, from_date: dt.date, request: ReplanRequest):
    """A ``from`` off the working days, a published roster of other dates, changes of unknown things."""
    days = set(working_days(problem))
    if from_date not in days:
        yield ProblemError(("from",), f"{from_date} is not a working day of the horizon", "not_a_working_day")
    for index, a in enumerate(published.assignments):
        if a.date not in days:
            yield ProblemError(
                ("published", "assignments", index, "date"),
                f"{a.date} is not a working day of this problem: not a roster of this problem",
                "not_in_horizon",
            )
    employees = {e.id for e in problem.employees}
    for employee, dates in (request.unavailable or {}).items():
        if employee not in employees:
            yield ProblemError(
                ("unavailable", employee), f"unknown employee {employee!r}", "unknown_reference"
            )
        for index, date in enumerate(dates):
            if date not in days:
                yield ProblemError(
                    ("unavailable", employee, index),
                    f"{date} is not a working day of the horizon",
                    "not_in_horizon",
                )
    sites = {s.id for s in problem.sites}
    for site, counts in (request.desks or {}).items():
        if site not in sites:
            yield ProblemError(("desks", site), f"unknown site {site!r}", "unknown_reference")
        for date in counts:
            if date not in days:
                yield ProblemError(
                    ("desks", site, date.isoformat()),
                    f"{date} is not a working day of the horizon",
                    "not_in_horizon",
                )


def replan(
    problem: RosterProblem,
    published: RosterSolution,
    from_date: dt.date,
    request: ReplanRequest | None = None,
    options: SolveOptions | None = None,
    stop: threading.Event | None = None,
) -> RosterSolution:
    """Re-plan ``published`` from ``from_date`` on: the new roster, its ``changes`` and moved team days."""
    options = options or SolveOptions()
    started = time.perf_counter()
    planned = replan_problem(problem, published, from_date, request)
    instance = compile_instance(planned)
    built = build_model(instance)
    changes = change.build(built.context)
    model = built.model
    stages: list[str] = []

    def search(objective, share: float) -> tuple[str, cp_model.CpSolver]:
        model.minimize(objective)
        solver = new_solver(max(1.0, share * options.time_limit), options.workers)
        solver.parameters.random_seed = options.seed
        status = status_name(run_search(solver, model, stop), model)
        stages.append(status)
        return status, solver

    status, first = search(changes, _SHARES[0])
    if status not in ("optimal", "feasible"):
        return _no_roster(instance, status, options, started)
    fewest = round(first.objective_value)
    _hint(built, first)
    model.add(changes <= fewest)
    status, second = search(built.objective, _SHARES[1])
    if status not in ("optimal", "feasible"):
        second = first  # stage 2 found nothing in its time: stage 1's roster stands
    best = round(second.value(built.objective)) if built.terms else 0
    bound = math.ceil(second.best_objective_bound - 1e-6) if status in ("optimal", "feasible") else None
    final = second
    if options.time_limit > 0 and not (stop is not None and stop.is_set()):
        _hint(built, second)
        model.add(built.objective <= best)
        moved = _moved_times(built, published, from_date)
        status3, third = search(moved, _SHARES[2])
        if status3 in ("optimal", "feasible"):
            final = third
    proven = stages[0] == "optimal" and len(stages) > 1 and stages[1] == "optimal"
    return _solution(instance, built, final, proven, bound, published, started)


def _hint(built: RosterModel, solver: cp_model.CpSolver) -> None:
    """Start the next stage from the last stage's roster."""
    model, v = built.model, built.context.variables
    model.clear_hints()
    for e, row in enumerate(v.location):
        for d, literals in enumerate(row):
            for literal in literals.values():
                model.add_hint(literal, solver.boolean_value(literal))
            if v.timed[e] and v.start[e][d] is not None:
                model.add_hint(v.start[e][d], solver.value(v.start[e][d]))
                if not isinstance(v.units[e][d], int):
                    model.add_hint(v.units[e][d], solver.value(v.units[e][d]))


def _moved_times(built: RosterModel, published: RosterSolution, from_date: dt.date) -> cp_model.LinearExprT:
    """The (employee, day) from ``from_date`` on whose start or hours differ from the published ones.

    Counted for employees with time variables; a planned employee's start is
    the plan's, which is the published one whenever the rules allow it.
    """
    ctx = built.context
    instance, v, step = ctx.instance, ctx.variables, ctx.instance.step
    employees = {e.id: e.index for e in instance.employees}
    days = {day.date: day.index for day in instance.days}
    moved = []
    for a in published.assignments:
        e, d = employees.get(a.employee), days.get(a.date)
        if e is None or d is None or a.date < from_date or a.location == "off" or not v.timed[e]:
            continue
        if v.start[e][d] is None or a.start is None or a.hours is None:
            continue
        start, minutes = _minutes(a.start), a.hours * 60
        same = ctx.model.new_bool_var(f"same_times_{a.employee}_{d}")
        if start % step or abs(minutes - round(minutes)) > 1e-6 or round(minutes) % step:
            ctx.model.add(same == 0)
        else:
            ctx.model.add(v.start[e][d] == start // step).only_enforce_if(same)
            ctx.model.add(v.units[e][d] == round(minutes) // step).only_enforce_if(same)
        moved.append(1 - same)
    return sum(moved)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _no_roster(instance, status: str, options: SolveOptions, started: float) -> RosterSolution:
    """Infeasible (with the explanation, naming the frozen days involved) or unknown."""
    if status != "infeasible":
        return RosterSolution(status="unknown", solve_seconds=time.perf_counter() - started)
    explanation = None
    if options.explain:
        from optimizer.model.explain import explain_infeasibility

        explanation = explain_infeasibility(instance, options.explain_time_limit)
    return RosterSolution(
        status="infeasible", solve_seconds=time.perf_counter() - started, explanation=explanation, changes=[]
    )


def _solution(
    instance,
    built: RosterModel,
    solver: cp_model.CpSolver,
    proven: bool,
    bound: int | None,
    published: RosterSolution,
    started: float,
) -> RosterSolution:
    """The re-planned roster with stage 2's objective and bound, and what changed."""
    value = solver.value
    read = read_assignments(built.context, value)
    roster = home_before_other(instance, read)
    score = model_score(instance, built, value, read)
    if roster != read:
        score = score_roster(instance, index_roster(instance, roster))
    objective = score.total
    bound = objective if proven or bound is None else min(bound, objective)
    chosen = team_days(built.context, value)
    return RosterSolution(
        status="optimal" if proven else "feasible",
        objective=objective,
        bound=bound,
        gap=(objective - bound) / max(1, abs(objective)),
        solve_seconds=time.perf_counter() - started,
        assignments=roster,
        score=score,
        occupancy=occupancy(instance, roster),
        team_days=chosen,
        changes=roster_changes(published.assignments, roster),
        team_day_changes=team_day_changes(published.team_days, chosen),
    )


def _cell(a: Assignment | None) -> Cell:
    if a is None or a.location == "off":
        return Cell(location="off")
    return Cell(location=a.location, start=a.start, hours=a.hours)


def roster_changes(published: list[Assignment], roster: list[Assignment]) -> list[Change]:
    """Every (employee, date) of the new roster whose location, start or hours differ from the published."""
    before = {(a.employee, a.date): a for a in published}
    found = []
    for a in roster:
        old, new = _cell(before.get((a.employee, a.date))), _cell(a)
        if old != new:
            found.append(Change(employee=a.employee, date=a.date, before=old, after=new))
    return found


def team_day_changes(published: list[TeamDays], chosen: list[TeamDays]) -> list[TeamDaysChange]:
    """Anchor days of a team and week that moved."""
    before = {(t.team, t.week): sorted(t.dates) for t in published}
    return [
        TeamDaysChange(team=t.team, week=t.week, before=before[t.team, t.week], after=sorted(t.dates))
        for t in chosen
        if (t.team, t.week) in before and before[t.team, t.week] != sorted(t.dates)
    ]
