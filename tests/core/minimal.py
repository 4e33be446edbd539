"""Reading explanations in tests, and checking their minimality on the model in explain mode."""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model

from optimizer import RosterProblem, RosterSolution, parse_problem
from optimizer.domain.solution import ExplanationItem
from optimizer.instance import compile_instance
from optimizer.model.builder import build_model
from optimizer.model.context import GroupKey


def assert_minimal(data: RosterProblem | dict[str, Any], solution: RosterSolution) -> None:
    """The named groups cannot hold together, and without any one of them the rest can.

    This rebuilds the model in explain mode (every constraint group behind its own literal) and
    assumes only the named groups; all other hard constraints are then switched off.
    """
    problem = data if isinstance(data, RosterProblem) else parse_problem(data)
    built = build_model(compile_instance(problem), explain=True, objective=False)
    groups = built.context.groups
    named = [groups[GroupKey(item.constraint, subject_items(item))] for item in solution.explanation]
    assert not _feasible(built.model, named)
    for index in range(len(named)):
        assert _feasible(built.model, named[:index] + named[index + 1 :]), solution.explanation[index]


def _feasible(model: cp_model.CpModel, assumptions: list) -> bool:
    model.clear_assumptions()
    model.add_assumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 10
    status = solver.solve(model)
    assert status != cp_model.UNKNOWN
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def subject_items(item: ExplanationItem) -> tuple[tuple[str, str], ...]:
    """The subject fields that are set, sorted, dates as ISO strings."""
    return tuple(sorted(item.subject.model_dump(exclude_none=True, mode="json").items()))


def items(solution: RosterSolution) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
    """Each explanation item as (constraint, its subject items)."""
    return {(item.constraint, subject_items(item)) for item in solution.explanation}
