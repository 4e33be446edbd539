"""Sizing a problem's sites: minimum desks, the trade-off curve and what-if scenarios.

The request is checked against the problem before any solve (unknown sites,
bad override paths, an empty curve range), with every error at once in the
422 ``detail`` shape. Sites are sized one at a time (SPEC §4): the sized
site's desks become one number for every day, the other sites keep theirs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from optimizer.capacity.curve import CurveSettings, knee, trade_off_curve
from optimizer.capacity.minimum import MinimumResult, minimum_desks, site_staff, with_site_desks
from optimizer.capacity.models import (
    CapacityProgress,
    CapacityReport,
    CapacityRequest,
    CurvePoint,
    ScenarioRow,
    SiteCapacity,
)
from optimizer.capacity.overrides import apply_overrides
from optimizer.capacity.points import as_solution, best_of, solve_point, weekday_occupancy
from optimizer.capacity.typical import typical_week
from optimizer.capacity.wording import text
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterSolution
from optimizer.domain.validation import InvalidProblem, ProblemError
from optimizer.instance import compile_instance
from optimizer.model.explain import explain_infeasibility

ProgressHandler = Callable[[CapacityProgress], None]


def check_request(problem: RosterProblem, request: CapacityRequest) -> dict[str, RosterProblem]:
    """Every request error at once, or the problem of each scenario by name."""
    errors: list[ProblemError] = []
    known = [site.id for site in problem.sites]
    for index, site in enumerate(request.sites or []):
        if site not in known:
            listed = ", ".join(known) or "none"
            errors.append(
                ProblemError(("sites", index), f"unknown site {site!r} (sites: {listed})", "unknown_site")
            )
    if request.sites == []:
        errors.append(ProblemError(("sites",), "no site to size: leave sites out to size all", "empty"))
    if not problem.sites:
        errors.append(ProblemError(("sites",), "the problem has no site to size", "empty"))
    scenarios: dict[str, RosterProblem] = {}
    for index, scenario in enumerate(request.scenarios):
        try:
            scenarios[scenario.name] = apply_overrides(
                problem, scenario.overrides, ("scenarios", index, "overrides")
            )
        except InvalidProblem as exc:
            errors.extend(exc.errors)
            continue
        kept = {site.id for site in scenarios[scenario.name].sites}
        for site in request.sites or known:
            if site in known and site not in kept:
                loc = ("scenarios", index, "overrides")
                errors.append(ProblemError(loc, f"site {site!r} is gone after the overrides", "unknown_site"))
    if errors:
        raise InvalidProblem(errors)
    return scenarios


class _Run:
    """One sizing run: options, the stop event, the progress handler and the clock."""

    def __init__(self, request: CapacityRequest, on_progress: ProgressHandler | None, stop):
        self.request, self.on_progress, self.stop = request, on_progress, stop
        self.started = time.perf_counter()
        self.notes: list[str] = []

    @property
    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def report(self, stage: str, **fields) -> None:
        if self.on_progress is not None:
            elapsed = time.perf_counter() - self.started
            self.on_progress(CapacityProgress(stage=stage, elapsed=round(elapsed, 3), **fields))


def size_capacity(
    problem: RosterProblem,
    request: CapacityRequest,
    on_progress: ProgressHandler | None = None,
    stop: threading.Event | None = None,
) -> CapacityReport:
    """Size each requested site of a valid problem, then each scenario; raises :class:`InvalidProblem`
    (422 details) for a request that does not fit the problem. With ``request.typical`` the
    problem's individual dates are dropped first (see :func:`typical_week`)."""
    dropped = []
    if request.typical:
        problem, dropped = typical_week(problem)
    scenarios = check_request(problem, request)
    run = _Run(request, on_progress, stop)
    sites = request.sites or [site.id for site in problem.sites]
    results = [size_site(problem, site, run, curve=request.curve) for site in sites if not run.stopped]
    rows: list[ScenarioRow] = []
    if request.scenarios:
        rows = [_row("baseline", problem, result) for result in results]
    for name, changed in scenarios.items():
        for site in sites:
            if run.stopped:
                break
            run.report(
                "scenario",
                scenario=name,
                site=site,
                message=text("progress.scenario", scenario=name, site=site),
            )
            rows.append(_row(name, changed, size_site(changed, site, run, curve=False, scenario=name)))
    run.report("done", message=text("progress.done"))
    return CapacityReport(
        sites=results,
        scenarios=rows,
        time_limit=request.time_limit,
        solve_seconds=round(time.perf_counter() - run.started, 3),
        stopped=run.stopped,
        typical=request.typical,
        dropped=dropped,
        notes=run.notes,
    )


def _row(name: str, problem: RosterProblem, result: SiteCapacity) -> ScenarioRow:
    return ScenarioRow(
        scenario=name,
        site=result.site,
        staff=result.staff,
        feasible=result.feasible,
        minimum_desks=result.minimum_desks,
        proven=result.proven,
        people_per_desk=result.people_per_desk,
        peak_weekday=result.peak_weekday,
        objective=result.objective_at_minimum,
        unlimited_objective=result.unlimited_objective,
        explanation=result.explanation,
    )


def size_site(
    problem: RosterProblem, site: str, run: _Run, curve: bool, scenario: str | None = None
) -> SiteCapacity:
    """The sizing of one site: minimum, proof, occupancy at the minimum and (optionally) the curve."""
    request, started = run.request, time.perf_counter()
    spec = next(s for s in problem.sites if s.id == site)
    staff = site_staff(problem, site)
    result = SiteCapacity(
        site=site,
        name=spec.name,
        staff=staff,
        current_desks=spec.desks,
        current_desks_by_date=_desks_by_date(problem, site, spec.desks),
        feasible=False,
    )
    run.report("minimum", site=site, scenario=scenario, message=text("progress.minimum", site=site))
    minimum = minimum_desks(
        problem, site, request.time_limit, request.workers, request.prove_minimum, run.stop
    )
    if minimum.status == "infeasible":
        result.feasible = False
        result.explanation = _explain(problem, site, run)
        result.solve_seconds = round(time.perf_counter() - started, 3)
        return result
    if minimum.minimum is None:
        run.notes.append(text("note.not_found", site=site, seconds=request.time_limit))
        result.solve_seconds = round(time.perf_counter() - started, 3)
        return result
    _fill_minimum(result, minimum, staff)
    run.report("proof", site=site, scenario=scenario, desks=minimum.minimum, message=minimum.proof or "")
    unlimited = _unlimited(problem, site, staff, minimum, run, scenario)
    result.unlimited_objective = unlimited.objective
    result.unlimited_proven = unlimited.status == "optimal"
    result.natural_demand = weekday_occupancy(unlimited, site)
    points = _points(problem, site, minimum, unlimited, run, curve, result, scenario)
    result.curve = points
    first = points[0] if points else None
    if first is not None and first.desks == minimum.minimum:
        result.objective_at_minimum = first.objective
        result.weekdays = first.weekdays
        result.peak_weekday = _peak_weekday(first)
    result.knee = knee(points) if curve else None
    result.solve_seconds = round(time.perf_counter() - started, 3)
    return result


def _fill_minimum(result: SiteCapacity, minimum: MinimumResult, staff: int) -> None:
    result.feasible = True
    result.minimum_desks = minimum.minimum
    result.minimum_lower_bound = minimum.lower_bound
    result.proven = minimum.proven
    result.proof = minimum.proof
    result.people_per_desk = round(staff / minimum.minimum, 2) if minimum.minimum else None


def _unlimited(problem, site, staff, minimum: MinimumResult, run: _Run, scenario) -> RosterSolution:
    """The best roster with as many desks as staff at the site (capacity cannot bind)."""
    request = run.request
    desks = max(staff, minimum.minimum or 0)
    run.report("unlimited", site=site, scenario=scenario, desks=desks, message=text("progress.unlimited"))
    solved = solve_point(problem, site, desks, minimum.roster, request.time_limit, request.workers, run.stop)
    seed = as_solution(problem, site, desks, minimum.roster) if minimum.roster else None
    return best_of(solved, seed)


def _points(problem, site, minimum: MinimumResult, unlimited, run: _Run, curve: bool, result, scenario):
    """The curve points (only the minimum's when ``curve`` is off)."""
    request = run.request
    start = max(minimum.minimum, request.desks_from or 0)
    if request.desks_from is not None and request.desks_from < minimum.minimum:
        run.notes.append(
            text("note.curve_start", site=site, minimum=minimum.minimum, desks_from=request.desks_from)
        )
    unlimited_peak = max((o.office for o in unlimited.occupancy if o.site == site), default=start)
    end = max(start, unlimited_peak)
    if request.desks_to is not None and curve:
        if request.desks_to < minimum.minimum:
            raise InvalidProblem(
                [
                    ProblemError(
                        ("desks_to",),
                        f"empty curve range: desks_to {request.desks_to} is below the minimum "
                        f"of {minimum.minimum} desks at {site}",
                        "empty_range",
                    )
                ]
            )
        end = min(end, request.desks_to)
    if not curve:
        end = start
    seed = as_solution(problem, site, start, minimum.roster)
    settings = CurveSettings(
        start=start,
        end=end,
        max_points=request.curve_max_points if curve else 1,
        time_limit=request.time_limit,
        workers=request.workers,
        parallel=request.parallel_points,
        keep_rosters=request.include_rosters,
    )

    def on_point(point: CurvePoint) -> None:
        run.report("curve", site=site, scenario=scenario, desks=point.desks, objective=point.objective)

    walked = trade_off_curve(problem, site, settings, seed, unlimited, on_point, run.stop)
    result.curve_step = walked.step
    result.curve_complete = walked.complete
    if walked.complete:
        target = unlimited.objective
        result.binding_until = next(
            p.desks for p in walked.points if p.objective is not None and p.objective <= target
        )
    return walked.points


def _desks_by_date(problem: RosterProblem, site: str, desks: int) -> dict:
    """Today's desks at ``site`` on the working days where they differ from ``desks``."""
    instance = compile_instance(problem)
    per_day = instance.desks[site]
    return {day.date: per_day[day.index] for day in instance.days if per_day[day.index] != desks}


def _peak_weekday(point: CurvePoint) -> str | None:
    """The weekday with the highest office count (then the highest mean)."""
    if not point.weekdays:
        return None
    return max(point.weekdays, key=lambda w: (w.peak, w.mean)).weekday


def _explain(problem: RosterProblem, site: str, run: _Run):
    """Why no roster exists even with unlimited desks at ``site``."""
    run.report("minimum", site=site, message=text("progress.explain"))
    relaxed = with_site_desks(problem, site, max(1, site_staff(problem, site)))
    return explain_infeasibility(compile_instance(relaxed), run.request.explain_time_limit)
