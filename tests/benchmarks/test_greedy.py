"""The greedy peer's roster is judged by the checker, and its status follows the verdict."""

import json

import pytest

from benchmarks.greedy import solve_greedy
from benchmarks.instances import family_problem
from optimizer import check, parse_problem
from tests.helpers import SHARED_DIR


def test_greedy_roster_on_s_is_valid_and_scored_by_the_checker():
    problem = family_problem("S")
    result = solve_greedy(problem)
    verdict = check(problem, result.assignments, result.team_days)
    assert result.status == "feasible" and verdict.valid
    assert result.objective == verdict.score.total
    assert len(result.assignments) == 12 * 5


def test_greedy_is_no_better_than_the_optimum():
    path = SHARED_DIR / "golden" / "golden-8x1w-5000.json"
    if not path.exists():
        pytest.skip("golden file not available")
    data = json.loads(path.read_text())
    result = solve_greedy(parse_problem(data["problem"]))
    assert result.status == "feasible"
    assert result.objective >= data["expected"]["objective"]


def test_greedy_reports_unknown_when_it_breaks_a_rule():
    path = SHARED_DIR / "golden" / "golden-8x1w-5001.json"  # infeasible: no valid roster exists
    if not path.exists():
        pytest.skip("golden file not available")
    result = solve_greedy(parse_problem(json.loads(path.read_text())["problem"]))
    assert result.status == "unknown" and result.objective is None
    assert result.violations
