"""Property: on tiny problems, an exhaustive search over every roster confirms the solver's answer:
``infeasible`` exactly when no roster is valid, and otherwise the least objective of all valid rosters."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, event, given, settings

from optimizer import parse_problem
from tests.helpers import solve_checked
from tests.properties.brute_force import best_objective
from tests.properties.strategies import small_problems

EXHAUSTIVE = settings(
    max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
TINY = {"max_employees": 3, "max_workdays": 3, "budget": 20_000}


def confirm_by_exhaustive_search(data: dict[str, Any]) -> None:
    """The solver's status and objective equal those of the exhaustive search."""
    problem = parse_problem(data)
    solution = solve_checked(problem, time_limit=20, explain=False)
    best, checked = best_objective(problem)
    event(f"solver: {solution.status}")
    event(f"objective: {'none' if best is None else '0' if best == 0 else 'positive'}")
    event(f"rosters checked: {'0' if not checked else '1-99' if checked < 100 else '100+'}")
    if best is None:
        assert solution.status == "infeasible", (
            f"no valid roster exists but the solver found {solution.objective}"
        )
    else:
        assert solution.status == "optimal", f"a valid roster of objective {best} exists"
        assert solution.objective == best


@EXHAUSTIVE
@given(small_problems(**TINY))
def test_exhaustive_search_confirms_status_and_optimum(data: dict[str, Any]) -> None:
    confirm_by_exhaustive_search(data)


@EXHAUSTIVE
@given(small_problems(**TINY, relaxed=True))
def test_exhaustive_search_confirms_the_optimum_of_mostly_feasible_problems(data: dict[str, Any]) -> None:
    confirm_by_exhaustive_search(data)
