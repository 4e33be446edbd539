"""Lexicographic search in stages: each stage's best value bounds the next stage's model.

A re-plan first minimises the changes against the published roster, then the
objective among rosters with that few changes; "why this cell?" first
minimises the objective with the cell forced, then the cells that move. Each
stage is a separate CP-SAT search on the same model, started from the last
stage's roster as a hint, with the previous stage's value added as a bound.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.domain.clock import to_minutes
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, RosterSolution
from optimizer.instance import Instance, compile_instance
from optimizer.model.builder import RosterModel, build_model
from optimizer.model.search import new_solver, run_search, status_name
from optimizer.model.solve import SolveOptions, infeasible_solution, read_solution
from optimizer.model.terms import change

Stage = Callable[[RosterModel], cp_model.LinearExprT]


def objective(built: RosterModel) -> cp_model.LinearExprT:
    """The problem's own weighted objective."""
    return built.objective


def previous_changes(built: RosterModel) -> cp_model.LinearExprT:
    """The ``change`` term against ``previous``, built whatever its weight."""
    return built.terms["change"] if "change" in built.terms else change.build(built.context)


def cells_moved_from(roster: list[Assignment]) -> Stage:
    """A stage counting the (employee, day) whose location differs from ``roster``."""

    def moved(built: RosterModel) -> cp_model.LinearExprT:
        ctx = built.context
        employees = {e.id: e.index for e in ctx.instance.employees}
        days = {day.date: day.index for day in ctx.instance.days}
        terms = []
        for a in roster:
            e, d = employees.get(a.employee), days.get(a.date)
            if e is None or d is None or not ctx.variables.location[e][d]:
                continue
            terms.append(1 - ctx.variables.literal(e, d, a.location))
        return sum(terms)

    return moved


def published_times_moved(published: list[Assignment], start: dt.date) -> Stage:
    """A stage counting the (employee, day) from ``start`` on whose start or hours differ from ``published``.

    Only cells with time variables are counted; planned cells get their published times back
    afterwards where the rules allow it (:mod:`optimizer.replan.restore`).
    """

    def moved(built: RosterModel) -> cp_model.LinearExprT:
        ctx = built.context
        v, step = ctx.variables, ctx.instance.step
        employees = {e.id: e.index for e in ctx.instance.employees}
        days = {day.date: day.index for day in ctx.instance.days}
        terms = []
        for a in published:
            e, d = employees.get(a.employee), days.get(a.date)
            if e is None or d is None or a.date < start or a.start is None or a.hours is None:
                continue
            if not v.timed[e] or v.start[e][d] is None:
                continue
            begin, minutes = to_minutes(a.start), round(a.hours * 60)
            same = ctx.model.new_bool_var(f"same_times_{a.employee}_{d}")
            if begin % step or minutes % step:
                ctx.model.add(same == 0)
            else:
                ctx.model.add(v.start[e][d] == begin // step).only_enforce_if(same)
                ctx.model.add(v.units[e][d] == minutes // step).only_enforce_if(same)
            terms.append(1 - same)
        return sum(terms)

    return moved


@dataclass
class StageResult:
    """The outcome of one stage: its status, its value and its proven bound."""

    status: str
    value: int | None
    bound: int | None

    @property
    def proven(self) -> bool:
        """Whether this stage's value is proven optimal."""
        return self.status == "optimal"


@dataclass
class StagedSolution:
    """The roster of the last stage and what each stage achieved."""

    solution: RosterSolution
    stages: list[StageResult]
    instance: Instance


def solve_in_stages(
    problem: RosterProblem,
    stages: list[Stage],
    options: SolveOptions | None = None,
    *,
    objective_stage: int,
    stop: threading.Event | None = None,
) -> StagedSolution:
    """Minimise each stage's expression in turn, keeping every earlier stage at its best value.

    The time limit is shared equally among the stages (a stage that finishes early leaves its
    time to the next). The solution's objective, bound and gap are those of ``objective_stage``;
    it is ``optimal`` only when every stage up to that one is proven.
    """
    options = options or SolveOptions()
    started = time.perf_counter()
    instance = compile_instance(problem)
    built = build_model(instance)
    results: list[StageResult] = []
    solver: cp_model.CpSolver | None = None
    expressions = [stage(built) for stage in stages]
    for number, expression in enumerate(expressions):
        left = options.time_limit - (time.perf_counter() - started)
        budget = max(0.2, left / (len(expressions) - number))
        built.model.minimize(expression)
        if solver is not None:
            _hint_from(built.model, solver)
        solver = new_solver(budget, options.workers)
        solver.parameters.random_seed = options.seed
        status = status_name(run_search(solver, built.model, stop), built.model)
        if status not in ("optimal", "feasible"):
            results.append(StageResult(status, None, None))
            break
        value = round(solver.objective_value)
        bound = min(value, math.ceil(solver.best_objective_bound - 1e-6))
        results.append(StageResult(status, value, bound))
        built.model.add(expression <= value)
    elapsed = time.perf_counter() - started
    last = results[-1]
    if last.value is None:
        solution = _no_roster(instance, last.status, results, options, started)
        return StagedSolution(solution, results, instance)
    solution = read_solution(instance, built, solver, last.status, elapsed)
    goal = results[objective_stage] if objective_stage < len(results) else last
    proven = all(r.proven for r in results[: objective_stage + 1])
    bound = goal.bound if goal.bound is not None else None
    if bound is not None and solution.objective is not None:
        bound = min(bound, solution.objective)
    solution.status = "optimal" if proven else "feasible"
    solution.bound = solution.objective if proven else bound
    if solution.bound is not None and solution.objective is not None:
        solution.gap = (solution.objective - solution.bound) / max(1, abs(solution.objective))
    return StagedSolution(solution, results, instance)


def _hint_from(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Start the next stage from the last stage's solution."""
    model.clear_hints()
    proto = model.proto
    for index in range(len(proto.variables)):
        model.proto.solution_hint.vars.append(index)
        model.proto.solution_hint.values.append(solver.value(model.get_int_var_from_proto_index(index)))


def _no_roster(
    instance: Instance, status: str, results: list[StageResult], options: SolveOptions, started: float
) -> RosterSolution:
    """Infeasible (explained) when the first stage proves no roster exists; unknown otherwise."""
    if status == "infeasible" and len(results) == 1:
        return infeasible_solution(instance, options, started)
    return RosterSolution(status="unknown", solve_seconds=time.perf_counter() - started)
