"""Shared test helpers: every roster a test solves is re-checked by the independent checker."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from optimizer import RosterSolution, SolveOptions, check, parse_problem, solve
from optimizer.domain.problem import RosterProblem

# The shared folder (golden problems) sits next to the repository; ROSTER_SHARED_DIR points elsewhere.
SHARED_DIR = Path(os.environ.get("ROSTER_SHARED_DIR", Path(__file__).resolve().parents[1] / ".." / "shared"))


def solve_checked(problem: RosterProblem | dict[str, Any], **options: Any) -> RosterSolution:
    """Solve with one worker and a fixed seed, then assert the checker accepts the roster
    and recomputes exactly the solver's score."""
    if isinstance(problem, dict):
        problem = parse_problem(problem)
    settings = {"time_limit": 30.0, "workers": 1, "seed": 0, **options}
    solution = solve(problem, SolveOptions(**settings))
    assert_checked(problem, solution)
    return solution


def assert_checked(problem: RosterProblem, solution: RosterSolution) -> None:
    """The checker finds no violation and the same score as the solver."""
    if not solution.assignments:
        return
    result = check(problem, solution.assignments, solution.team_days)
    assert result.violations == [], result.violations[:5]
    assert result.score == solution.score
    assert solution.objective == result.score.total
