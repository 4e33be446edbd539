"""Property: on random small problems, every roster the solver returns passes the independent
checker with exactly the solver's score, and an infeasible answer comes with an explanation."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from optimizer import parse_problem, solve
from optimizer.domain.solution import HARD_CONSTRAINTS
from optimizer.model.solve import SolveOptions
from tests.helpers import assert_checked, solve_checked
from tests.properties.strategies import small_problems, working_dates

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def solve_and_compare(data: dict[str, Any]) -> None:
    """Solve; the roster passes the checker with the same score, or the answer is an explained infeasible."""
    solution = solve_checked(data, time_limit=20, explain_time_limit=5)  # re-checks the roster and score
    assert solution.status in ("optimal", "infeasible"), "a tiny problem is always decided"
    if solution.status == "infeasible":
        assert solution.assignments == [] and solution.objective is None
        assert solution.explanation, "an infeasible problem is explained"
        assert {item.constraint for item in solution.explanation} <= set(HARD_CONSTRAINTS)
        return
    assert solution.bound == solution.objective and solution.gap == 0
    assert len(solution.assignments) == len(data["employees"]) * len(working_dates(data))
    assert len(solution.occupancy) == len(data["sites"]) * len(working_dates(data))


@PROPERTY_SETTINGS
@given(small_problems())
def test_every_roster_passes_the_checker_with_the_same_score(data: dict[str, Any]) -> None:
    solve_and_compare(data)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(small_problems(relaxed=True))
def test_every_roster_of_mostly_feasible_problems_passes_the_checker(data: dict[str, Any]) -> None:
    solve_and_compare(data)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(small_problems(max_employees=3))
def test_same_seed_and_one_worker_give_the_same_roster(data: dict[str, Any]) -> None:
    problem = parse_problem(data)
    options = SolveOptions(time_limit=20, workers=1, seed=3, explain=False)
    first, second = solve(problem, options), solve(problem, options)
    assert_checked(problem, first)
    assert first.status == second.status
    assert first.assignments == second.assignments
    assert first.team_days == second.team_days
