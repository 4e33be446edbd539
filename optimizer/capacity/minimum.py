"""The fewest desks a site needs: the minimal peak office count, every other hard constraint kept.

The sized site gets as many desks as it has staff (capacity cannot bind), and
the objective becomes the site's busiest-day office count. The optimum of that
model is the minimum; it is then confirmed by solving with one desk fewer and
getting ``infeasible``.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment
from optimizer.instance import compile_instance
from optimizer.model.builder import build_model, build_peak_model
from optimizer.model.readout import read_roster
from optimizer.model.search import new_solver, run_search, status_name


@dataclass
class MinimumResult:
    """The outcome of sizing one site."""

    status: str  # "optimal", "feasible", "infeasible" or "unknown"
    minimum: int | None
    lower_bound: int | None
    proven: bool
    proof: str | None
    roster: list[Assignment] | None
    seconds: float


def site_staff(problem: RosterProblem, site: str) -> int:
    """Employees whose site is ``site``."""
    return sum(employee.site == site for employee in problem.employees)


def with_site_desks(problem: RosterProblem, site: str, desks: int) -> RosterProblem:
    """The problem with ``site`` given ``desks`` desks on every day (``desks_by_date`` dropped)."""
    resized = {"desks": desks, "desks_by_date": {}}
    sites = [s.model_copy(update=resized) if s.id == site else s for s in problem.sites]
    return problem.model_copy(update={"sites": sites})


def minimal_peak(
    problem: RosterProblem,
    site: str,
    time_limit: float,
    workers: int,
    stop: threading.Event | None = None,
) -> MinimumResult:
    """Minimise the site's peak office count; ``proven`` when the optimum is proven."""
    started = time.perf_counter()
    relaxed = with_site_desks(problem, site, max(1, site_staff(problem, site)))
    built, peak = build_peak_model(compile_instance(relaxed), site)
    solver = new_solver(time_limit, workers)
    status = status_name(run_search(solver, built.model, stop), built.model)
    seconds = time.perf_counter() - started
    if status in ("infeasible", "unknown"):
        return MinimumResult(status, None, None, status == "infeasible", None, None, seconds)
    minimum = int(solver.value(peak))
    optimal = status == "optimal"
    lower = minimum if optimal else max(0, math.ceil(solver.best_objective_bound - 1e-6))
    roster = read_roster(built.context, solver.value)
    proof = "peak minimisation proven optimal" if optimal else None
    if minimum == 0:
        optimal, lower, proof = True, 0, "no one needs to be in the office"
    return MinimumResult(
        "optimal" if optimal else "feasible", minimum, lower, optimal, proof, roster, seconds
    )


def feasible_with(
    problem: RosterProblem,
    site: str,
    desks: int,
    time_limit: float,
    workers: int,
    stop: threading.Event | None = None,
) -> tuple[str, list[Assignment] | None]:
    """Whether a valid roster exists with ``desks`` desks at ``site``: status and a roster if found."""
    instance = compile_instance(with_site_desks(problem, site, desks))
    built = build_model(instance, objective=False)
    solver = new_solver(time_limit, workers)
    status = status_name(run_search(solver, built.model, stop), built.model)
    if status in ("optimal", "feasible"):
        return "feasible", read_roster(built.context, solver.value)
    return status, None


MAX_DROPS = 3


def minimum_desks(
    problem: RosterProblem,
    site: str,
    time_limit: float,
    workers: int,
    prove: bool = True,
    stop: threading.Event | None = None,
) -> MinimumResult:
    """The minimum desk count of ``site`` and, with ``prove``, its confirmation at one desk fewer.

    Should the check at one desk fewer find a roster (the peak search ran out
    of time), the minimum drops and the check repeats: at most :data:`MAX_DROPS`
    checks and drops, so that a sizing's number of solves stays bounded (after
    the last drop the minimum is left unproven).
    """
    started = time.perf_counter()
    result = minimal_peak(problem, site, time_limit, workers, stop)
    if result.minimum is None or not prove:
        return result
    drops = 0
    while drops < MAX_DROPS and result.minimum > 0 and not (stop is not None and stop.is_set()):
        status, roster = feasible_with(problem, site, result.minimum - 1, time_limit, workers, stop)
        if status == "infeasible":
            result.proven, result.lower_bound = True, result.minimum
            result.status = "optimal"
            result.proof = f"no valid roster with {result.minimum - 1} desks (solver proof)"
            break
        if status == "unknown":
            break
        result.minimum, result.roster = result.minimum - 1, roster
        result.proven, result.proof = False, None
        result.status = "feasible"
        drops += 1
    if result.minimum == 0:
        result.proven, result.lower_bound, result.status = True, 0, "optimal"
        result.proof = result.proof or "no one needs to be in the office"
    result.seconds = time.perf_counter() - started
    return result
