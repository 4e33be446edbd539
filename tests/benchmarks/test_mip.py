"""The HiGHS MIP peer reproduces the golden optima, and its rosters pass the checker."""

import json

import pytest

from benchmarks.instances import family_problem
from benchmarks.mip import solve_mip
from optimizer import check, parse_problem
from tests.helpers import SHARED_DIR

GOLDEN = SHARED_DIR / "golden"
CASES = ["golden-8x1w-5000", "golden-8x1w-5015", "golden-30x2w-6000", "golden-30x2w-6001"]


def _golden(name):
    path = GOLDEN / f"{name}.json"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return json.loads(path.read_text())


@pytest.mark.parametrize("name", CASES)
def test_mip_matches_golden_optimum(name):
    data = _golden(name)
    problem = parse_problem(data["problem"])
    result = solve_mip(problem, time_limit=30)
    assert result.status == "optimal"
    verdict = check(problem, result.assignments, result.team_days)
    assert verdict.violations == []
    assert verdict.score.total == data["expected"]["objective"]
    assert result.objective == result.bound == data["expected"]["objective"]


def test_mip_reports_golden_infeasibility():
    data = _golden("golden-8x1w-5001")
    assert data["expected"]["status"] == "infeasible"
    assert solve_mip(parse_problem(data["problem"]), time_limit=10).status == "infeasible"


def test_mip_roster_on_a_benchmark_instance_is_valid_with_times():
    problem = family_problem("S")
    result = solve_mip(problem, time_limit=10)
    verdict = check(problem, result.assignments, result.team_days)
    assert result.status == "optimal" and verdict.valid
    assert verdict.score.total == result.objective
    assert result.first_seconds is not None and result.first_seconds <= result.best_seconds
    assert result.best_seconds <= result.total_seconds
