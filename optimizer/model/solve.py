"""Solving a problem: build, run CP-SAT, read the roster back, explain infeasibility."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from optimizer.checker import check
from optimizer.checker.roster_view import index_roster
from optimizer.checker.score import score_roster
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import TERMS, Assignment, RosterSolution, Score, TeamDays
from optimizer.instance import Instance, compile_instance
from optimizer.model.builder import RosterModel, build_model
from optimizer.model.decompose import DeskLedger, site_groups, subproblem, union
from optimizer.model.first_roster import FirstRoster, first_roster
from optimizer.model.home_first import home_before_other
from optimizer.model.readout import ValueOf, occupancy, read_assignments, team_days
from optimizer.model.relaxation import OnRoster, Relaxation, relax
from optimizer.model.search import new_solver, run_search, status_name


@dataclass
class SolveOptions:
    """How long and how to search."""

    time_limit: float = 30.0
    workers: int = 2
    seed: int = 0
    log: bool = False
    explain: bool = True
    explain_time_limit: float = 20.0
    hint: list[Assignment] | None = None
    progress_rosters: bool = False
    first_roster: bool = True


@dataclass
class Progress:
    """A moment of the search: the best roster's objective and the proven bound."""

    elapsed: float
    objective: int | None
    bound: int | None
    assignments: list[Assignment] | None = None
    stage: str | None = None

    @property
    def gap(self) -> float | None:
        """``(objective − bound) / max(1, |objective|)`` when both are known."""
        if self.objective is None or self.bound is None:
            return None
        return (self.objective - self.bound) / max(1, abs(self.objective))


ProgressHandler = Callable[[Progress], None]


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports each improving roster to ``on_progress``."""

    def __init__(
        self, built: RosterModel, options: SolveOptions, on_progress: ProgressHandler, started: float
    ):
        super().__init__()
        self._built, self._options, self._on_progress = built, options, on_progress
        self.started = started

    def on_solution_callback(self) -> None:
        roster, objective = None, round(self.objective_value)
        if self._options.progress_rosters:
            instance = self._built.context.instance
            read = read_assignments(self._built.context, self.value)
            roster = home_before_other(instance, read)
            if roster != read:  # the swap met wishes for home: the roster's own score
                objective = score_roster(instance, index_roster(instance, roster)).total
        self._on_progress(
            Progress(
                elapsed=time.perf_counter() - self.started,
                objective=objective,
                bound=math.ceil(self.best_objective_bound - 1e-6),
                assignments=roster,
            )
        )


def solve(
    problem: RosterProblem,
    options: SolveOptions | None = None,
    on_progress: ProgressHandler | None = None,
    stop: threading.Event | None = None,
) -> RosterSolution:
    """Find the best roster of a valid problem within the time limit.

    ``stop`` ends the search early (the best roster found so far is kept).
    Unless a hint is given, a constructive roster (:mod:`optimizer.model.first_roster`)
    is built first: when valid it is the first progress point (stage ``first_roster``),
    bounds the search's objective and is the answer if the search finds nothing better
    (a given hint that is a whole valid roster plays the same part). Problems of
    :data:`DECOMPOSE_FROM` employees or more whose sites and teams
    fall into independent groups are first solved group by group (see
    :mod:`optimizer.model.decompose`), and the whole search starts from that roster.
    """
    options = options or SolveOptions()
    started = time.perf_counter()
    deadline = started + options.time_limit
    instance = compile_instance(problem)
    start = _given_start(instance, options.hint, started, on_progress) if options.hint else None
    if start is None and options.first_roster:
        start = _first_roster(instance, started, on_progress)
    from_groups, lower = False, None
    if options.hint is None and len(problem.employees) >= RELAX_FROM:
        best = None if start is None else start.objective

        def better(roster: FirstRoster, bound: int) -> None:
            nonlocal best
            if best is None or roster.score.total < best:
                best = roster.score.total
                _report(on_progress, started, _as_start(roster), bound, "groups")

        relaxation = _relax(problem, instance, options, deadline, stop, better)
        if relaxation is not None:
            lower = relaxation.bound
            found = relaxation.roster
            if found is not None and (start is None or found.score.total < start.objective):
                start, from_groups = _as_start(found), True
            # Proven optimal, or the groups improved until (nearly) the time limit: no whole search.
            hurried = deadline - time.perf_counter() < _WHOLE_AFTER_GROUPS * options.time_limit
            if start is not None and (start.objective <= lower or not relaxation.settled or hurried):
                return _with_floor(_unproven(instance, start, None, time.perf_counter() - started), lower)
    if options.hint is None and not from_groups and len(problem.employees) >= DECOMPOSE_FROM:
        left = replace(options, time_limit=max(0.0, deadline - time.perf_counter()))
        groups = _solve_groups(problem, instance, left, on_progress, stop, started)
        if groups is not None and (start is None or _score(instance, groups) <= start.objective):
            start, from_groups = groups, True
    built = build_model(instance)
    if lower is not None:
        # Proven by the relaxation: every roster costs at least this much.
        built.model.add(built.objective >= lower)
    # The first roster only bounds the objective: as a solution hint it slowed the proofs
    # (L and C unproven at their limits, see docs/performance.md). Given hints and the
    # groups' roster are hinted.
    hint, chosen = options.hint, None
    if hint is None and from_groups and _HINT_GROUPS:
        hint, chosen = start.assignments, start.team_days
    if hint:
        _add_hint(built, instance, hint, chosen)
    start_total = None
    if start is not None:
        start_total = _score(instance, start)
        # Only rosters at least as good as the start are of interest.
        built.model.add(built.objective <= start_total)
    # The time limit counts from the call: what the first roster, the groups and the build took
    # is taken from the search (which still gets a moment to improve on the start).
    left = max(min(1.0, options.time_limit), deadline - time.perf_counter())
    solver = new_solver(left, options.workers)
    solver.parameters.random_seed = options.seed
    solver.parameters.log_search_progress = options.log
    watcher = _Watcher(built, options, on_progress, started) if on_progress else None
    status = status_name(run_search(solver, built.model, stop, watcher), built.model)
    elapsed = time.perf_counter() - started
    found = status in ("optimal", "feasible")
    if found and (start_total is None or solver.objective_value <= start_total):
        return _with_floor(read_solution(instance, built, solver, status, elapsed), lower)
    if start is not None:
        return _with_floor(_unproven(instance, start, solver, elapsed), lower)
    if status == "infeasible":
        return infeasible_solution(instance, options, started)
    return RosterSolution(status="unknown", solve_seconds=elapsed)


def _first_roster(
    instance: Instance, started: float, on_progress: ProgressHandler | None
) -> RosterSolution | None:
    """The constructive roster as a start, reported as the first progress point (None if invalid)."""
    first = first_roster(instance)
    if first is None:
        return None
    start = _as_start(first)
    _report(on_progress, started, start, None, "first_roster")
    return start


def _relax(
    problem: RosterProblem,
    instance: Instance,
    options: SolveOptions,
    deadline: float,
    stop: threading.Event | None,
    on_roster: OnRoster,
) -> Relaxation | None:
    """The relaxation's rounds (:mod:`optimizer.model.relaxation`) until ``deadline``."""

    def solve_group(group: RosterProblem, time_limit: float, hint: list[Assignment] | None) -> RosterSolution:
        settings = replace(options, time_limit=time_limit, explain=False, hint=hint)
        return solve(group, settings, stop=stop)

    return relax(problem, instance, solve_group, deadline - time.perf_counter(), stop, on_roster)


def _as_start(roster: FirstRoster) -> RosterSolution:
    """A valid roster built before the whole search, as its start."""
    return RosterSolution(
        status="feasible",
        objective=roster.score.total,
        assignments=roster.assignments,
        team_days=roster.team_days,
    )


def _report(
    on_progress: ProgressHandler | None, started: float, start: RosterSolution, bound: int | None, stage: str
) -> None:
    """Report a start (its objective, the bound known so far) as a progress point."""
    if on_progress is not None:
        elapsed = time.perf_counter() - started
        on_progress(Progress(elapsed, start.objective, bound, start.assignments, stage=stage))


def _with_floor(solution: RosterSolution, lower: int | None) -> RosterSolution:
    """``solution`` with its bound raised to the relaxation's ``lower`` bound (never past its objective)."""
    if lower is None or solution.objective is None:
        return solution
    bound = min(solution.objective, max(lower, solution.bound if solution.bound is not None else lower))
    status = "optimal" if bound == solution.objective else solution.status
    gap = (solution.objective - bound) / max(1, abs(solution.objective))
    return solution.model_copy(update={"bound": bound, "gap": gap, "status": status})


def _given_start(
    instance: Instance, hint: list[Assignment], started: float, on_progress: ProgressHandler | None
) -> RosterSolution | None:
    """A hint that is a whole valid roster (a retried run's best, say) as the start, reported at once."""
    verdict = check(instance.problem, hint, instance=instance)
    if not verdict.valid:
        return None
    if on_progress is not None:
        elapsed = time.perf_counter() - started
        on_progress(Progress(elapsed, verdict.score.total, None, hint, stage="hint"))
    return RosterSolution(
        status="feasible",
        objective=verdict.score.total,
        assignments=hint,
        team_days=_team_days_of(instance, hint),
    )


def _team_days_of(instance: Instance, roster: list[Assignment]) -> list[TeamDays]:
    """Anchor days a valid roster keeps: per team and week, the first days with every attendee in."""
    located = {(a.employee, a.date): a.location for a in roster}
    chosen = []
    for team in instance.teams.values():
        if not team.anchor_days:
            continue
        for week, days in instance.weeks.items():
            together = [
                instance.days[d].date
                for d in days
                if all(
                    located.get((instance.employees[e].id, instance.days[d].date)) == "office"
                    for e in instance.anchor_attendees(team.id, d)
                )
            ]
            count = min(team.anchor_days, len(days))
            chosen.append(TeamDays(team=team.id, week=week, dates=together[:count]))
    return chosen


def _score(instance: Instance, start: RosterSolution) -> int:
    """The checker's total of a starting roster."""
    return score_roster(instance, index_roster(instance, start.assignments)).total


_HINT_GROUPS = True

# From this many employees, site groups are first solved relaxed (optimizer.model.relaxation):
# a proven bound, and a roster improved group by group; the whole search runs only with the
# time they leave once every group is proven best against the rest.
RELAX_FROM = 5000
# The whole search after settled groups only with at least this share of the time limit left
# (building and presolving a model of 5,000 or more takes seconds to tens of seconds).
_WHOLE_AFTER_GROUPS = 0.2

DECOMPOSE_FROM = 5000
# Time for the groups before the whole problem is searched: a quick first round
# (shares of the time limit, capped so that a first roster comes within a minute),
# then a second round that improves each group; every group gets at least a few seconds.
_FIRST_ROUND, _FIRST_ROUND_CAP, _SECOND_ROUND, _GROUP_MINIMUM = 0.15, 40.0, 0.5, 2.0


def _solve_groups(
    problem: RosterProblem,
    instance: Instance,
    options: SolveOptions,
    on_progress: ProgressHandler | None,
    stop: threading.Event | None,
    called: float,
) -> RosterSolution | None:
    """A valid roster of the whole problem from its groups solved apart, or None.

    A first quick round gives a roster early (reported as progress); a second
    round improves each group in turn, with exactly the desks and resource seats
    the other groups leave. Only assignments and team days are filled in; progress
    times count from ``called``.
    (Starting the second round from the constructive roster instead of the first
    round was measured worse on XL: see docs/performance.md.)
    """
    started = time.perf_counter()
    groups = site_groups(problem)
    rounds = (min(_FIRST_ROUND * options.time_limit, _FIRST_ROUND_CAP), _SECOND_ROUND * options.time_limit)
    if not 2 <= len(groups) <= rounds[0] / _GROUP_MINIMUM:
        return None
    deadline = started + sum(rounds)
    ledger = DeskLedger(instance, groups)
    parts: list[RosterSolution] = []
    for round_number, budget in enumerate(rounds):
        for g, group in enumerate(groups):
            if round_number == 1 and time.perf_counter() > deadline:
                break
            share = max(_GROUP_MINIMUM, budget * len(group) / len(problem.employees))
            settings = replace(options, time_limit=share, explain=False)
            if round_number == 0:
                sub = solve(subproblem(problem, groups, g, ledger), settings, stop=stop)
                if not sub.assignments:
                    return None
                parts.append(sub)
            else:
                ledger.book(parts[g].assignments, sign=-1)
                part = subproblem(problem, groups, g, ledger, hold_back=False)
                sub = solve(part, replace(settings, hint=parts[g].assignments), stop=stop)
                if sub.assignments and sub.objective <= _total(part, parts[g]):
                    parts[g] = sub
            ledger.book(parts[g].assignments)
            if stop is not None and stop.is_set():
                break
        if len(parts) < len(groups):
            return None
        roster = union(problem, parts)
        if on_progress is not None:
            total = score_roster(instance, index_roster(instance, roster.assignments)).total
            on_progress(Progress(time.perf_counter() - called, total, None, roster.assignments, "groups"))
    return roster


def _total(problem: RosterProblem, solution: RosterSolution) -> int:
    """The objective of a group's earlier roster under its current subproblem."""
    instance = compile_instance(problem)
    return score_roster(instance, index_roster(instance, solution.assignments)).total


def _unproven(
    instance: Instance, start: RosterSolution, solver: cp_model.CpSolver | None, elapsed: float
) -> RosterSolution:
    """The start, when the whole search found nothing better or did not run (optimal if proven)."""
    roster = start.assignments
    score = score_roster(instance, index_roster(instance, roster))
    bound = solver.best_objective_bound if solver is not None else None
    known = bound is not None and math.isfinite(bound)
    bound_value = min(score.total, math.ceil(bound - 1e-6)) if known else None
    return RosterSolution(
        status="optimal" if bound_value == score.total else "feasible",
        objective=score.total,
        bound=bound_value,
        gap=None if bound_value is None else (score.total - bound_value) / max(1, abs(score.total)),
        solve_seconds=elapsed,
        assignments=roster,
        score=score,
        occupancy=occupancy(instance, roster),
        team_days=start.team_days,
    )


def infeasible_solution(instance: Instance, options: SolveOptions, started: float) -> RosterSolution:
    """``infeasible``, with the explanation when ``options.explain`` asks for it."""
    explanation = None
    if options.explain:
        from optimizer.model.explain import explain_infeasibility

        explanation = explain_infeasibility(instance, options.explain_time_limit)
    return RosterSolution(
        status="infeasible", solve_seconds=time.perf_counter() - started, explanation=explanation
    )


def _add_hint(
    built: RosterModel, instance: Instance, hint: list[Assignment], chosen: list[TeamDays] | None = None
) -> None:
    """Hint each given (employee, date) location, e.g. from a previous or neighbouring roster,
    and the anchor days ``chosen`` with it."""
    for days in chosen or []:
        literals = built.context.anchor.get(days.team, {})
        dates = set(days.dates)
        for d in instance.weeks.get(days.week, []):
            if d in literals:
                built.model.add_hint(literals[d], instance.days[d].date in dates)
    index = {e.id: e.index for e in instance.employees}
    days = {day.date: day.index for day in instance.days}
    for a in hint:
        e, d = index.get(a.employee), days.get(a.date)
        if e is None or d is None:
            continue
        for location, literal in built.context.variables.location[e][d].items():
            built.model.add_hint(literal, location == a.location)


def read_solution(
    instance: Instance, built: RosterModel, solver: cp_model.CpSolver, status: str, elapsed: float
) -> RosterSolution:
    """The roster of a finished search (status OPTIMAL or FEASIBLE) with its score and bounds."""
    value: ValueOf = solver.value
    read = read_assignments(built.context, value)
    roster = home_before_other(instance, read)
    if roster != read:
        # The swap can only meet wishes for home: the roster returned is scored by the checker.
        score = score_roster(instance, index_roster(instance, roster))
    else:
        score = model_score(instance, built, value, read)
    objective = score.total
    bound = objective if status == "optimal" else math.ceil(solver.best_objective_bound - 1e-6)
    bound = min(bound, objective)
    return RosterSolution(
        status=status,
        objective=objective,
        bound=bound,
        gap=(objective - bound) / max(1, abs(objective)),
        solve_seconds=elapsed,
        assignments=roster,
        score=score,
        occupancy=occupancy(instance, roster),
        team_days=team_days(built.context, value),
    )


def model_score(instance: Instance, built: RosterModel, value: ValueOf, roster: list[Assignment]) -> Score:
    """Terms in the objective are read from the model; terms of weight 0 are evaluated on the roster."""
    unmodelled = score_roster(instance, index_roster(instance, roster)).terms
    terms = {
        term: _read(value, built.terms[term]) if term in built.terms else unmodelled[term] for term in TERMS
    }
    weighted = {term: instance.weights[term] * terms[term] for term in TERMS}
    return Score(terms=terms, weighted=weighted, total=sum(weighted.values()))


def _read(value: ValueOf, expr: cp_model.LinearExprT) -> int:
    """The value of a term expression (a plain number when the term is constant)."""
    return int(expr) if isinstance(expr, int) else int(value(expr))
