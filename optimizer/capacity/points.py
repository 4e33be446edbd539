"""One point of the trade-off curve: the best roster with a given desk count at the sized site.

A roster that is valid with fewer desks stays valid with more, so each point
may reuse the roster of a smaller point when the solver's own roster is worse
within its time limit. That keeps the curve from ever rising as desks grow.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from optimizer.capacity.minimum import with_site_desks
from optimizer.capacity.models import CurvePoint, WeekdayOccupancy
from optimizer.checker import check
from optimizer.domain.problem import WEEKDAYS, RosterProblem
from optimizer.domain.solution import Assignment, Occupancy, RosterSolution, TeamDays
from optimizer.instance import compile_instance
from optimizer.model.solve import SolveOptions, solve


def solve_point(
    problem: RosterProblem,
    site: str,
    desks: int,
    hint: list[Assignment] | None,
    time_limit: float,
    workers: int,
    stop: threading.Event | None = None,
) -> RosterSolution:
    """The best roster within the time limit with ``desks`` desks at ``site``, warm-started by ``hint``."""
    options = SolveOptions(time_limit=time_limit, workers=workers, explain=False, hint=hint)
    return solve(with_site_desks(problem, site, desks), options, stop=stop)


def as_solution(
    problem: RosterProblem,
    site: str,
    desks: int,
    assignments: list[Assignment],
    team_days: list[TeamDays] | None = None,
) -> RosterSolution:
    """A roster found elsewhere, scored by the checker at ``desks`` desks (status ``feasible``).

    Raises ``ValueError`` if the roster is not valid there, which would be a bug.
    """
    sized = with_site_desks(problem, site, desks)
    instance = compile_instance(sized)
    result = check(sized, assignments, team_days, instance=instance)
    if not result.valid:
        raise ValueError(f"roster is not valid with {desks} desks at {site}: {result.violations[:3]}")
    return RosterSolution(
        status="feasible",
        objective=result.score.total,
        bound=None,
        assignments=assignments,
        score=result.score,
        occupancy=occupancy_of(instance.desks, [d.date for d in instance.days], assignments),
        team_days=team_days or [],
    )


def occupancy_of(desks: dict[str, list[int]], dates: list, assignments: list[Assignment]) -> list[Occupancy]:
    """Office count against desks per site and working day."""
    counts: dict[tuple[str, object], int] = defaultdict(int)
    for a in assignments:
        if a.location == "office" and a.site is not None:
            counts[a.site, a.date] += 1
    return [
        Occupancy(
            site=site,
            date=date,
            office=counts[site, date],
            desks=per_day[d],
            ratio=counts[site, date] / per_day[d] if per_day[d] else None,
        )
        for site, per_day in desks.items()
        for d, date in enumerate(dates)
    ]


def best_of(solved: RosterSolution, carried: RosterSolution | None) -> RosterSolution:
    """The solver's roster, or a carried one (valid here) when that is better; the bound is the solver's."""
    if carried is None or carried.objective is None:
        return solved
    if solved.assignments and solved.objective is not None and solved.objective <= carried.objective:
        return solved
    bound = None if solved.bound is None else min(solved.bound, carried.objective)
    return carried.model_copy(update={"bound": bound, "solve_seconds": solved.solve_seconds})


def weekday_occupancy(solution: RosterSolution, site: str) -> list[WeekdayOccupancy]:
    """Per weekday of the horizon: the busiest date's office count at ``site`` and the mean."""
    by_weekday: dict[str, list[int]] = defaultdict(list)
    for entry in solution.occupancy:
        if entry.site == site:
            by_weekday[WEEKDAYS[entry.date.weekday()]].append(entry.office)
    return [
        WeekdayOccupancy(weekday=day, peak=max(counts), mean=round(sum(counts) / len(counts), 2))
        for day in WEEKDAYS
        if (counts := by_weekday.get(day))
    ]


def unmet_preferences(problem: RosterProblem, assignments: list[Assignment]) -> int:
    """How many (day preference, matching available day) pairs the roster does not meet."""
    instance = compile_instance(problem)
    location = {(a.employee, a.date): a.location for a in assignments}
    return sum(
        location.get((employee.id, instance.days[d].date)) != wanted
        for employee in instance.employees
        for d, wanted, _ in employee.day_preferences
    )


def curve_point(
    problem: RosterProblem,
    site: str,
    desks: int,
    solution: RosterSolution,
    lower_bound: int | None,
    keep_roster: bool,
) -> CurvePoint:
    """Summarise a solution at ``desks`` desks; ``lower_bound`` is a bound known from elsewhere."""
    if not solution.assignments or solution.objective is None:
        return CurvePoint(desks=desks, status=solution.status, proven=solution.status == "infeasible")
    bound = (
        max(b for b in (solution.bound, lower_bound) if b is not None)
        if (solution.bound is not None or lower_bound is not None)
        else None
    )
    bound = min(bound, solution.objective) if bound is not None else None
    proven = bound == solution.objective
    terms = solution.score.terms if solution.score else {}
    weekdays = weekday_occupancy(solution, site)
    return CurvePoint(
        desks=desks,
        status="optimal" if proven else "feasible",
        proven=proven,
        objective=solution.objective,
        bound=bound,
        gap=None if bound is None else (solution.objective - bound) / max(1, abs(solution.objective)),
        preference=terms.get("preference"),
        unmet_preferences=unmet_preferences(problem, solution.assignments),
        lonely_office_days=terms.get("lonely_office_day"),
        office_peak=max((w.peak for w in weekdays), default=0),
        weekdays=weekdays,
        solve_seconds=round(solution.solve_seconds, 3),
        solution=solution if keep_roster else None,
    )
