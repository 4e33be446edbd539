"""How many solves a sizing may run: the minimum drops at most MAX_DROPS times, and the count is exact."""

from __future__ import annotations

import math

import pytest

from optimizer.capacity import CapacityRequest, max_explanations, max_solves, size_capacity
from optimizer.capacity import minimum as minimum_module
from optimizer.capacity.minimum import MAX_DROPS, MinimumResult, minimum_desks
from optimizer.model import solve as solve_module
from tests.capacity.problems import office_week


def test_the_minimum_drops_at_most_max_drops_times(monkeypatch):
    # The peak search stops at 10 desks without a proof, and every check at one desk fewer finds a roster.
    checks: list[int] = []

    def unproven_peak(*args, **kwargs) -> MinimumResult:
        return MinimumResult("feasible", 10, 0, False, None, [], 0.0)

    def always_feasible(problem, site, desks, *args, **kwargs):
        checks.append(desks)
        return "feasible", []

    monkeypatch.setattr(minimum_module, "minimal_peak", unproven_peak)
    monkeypatch.setattr(minimum_module, "feasible_with", always_feasible)
    result = minimum_desks(office_week(), "hq", time_limit=1, workers=1)
    assert MAX_DROPS == 3
    assert checks == [9, 8, 7]
    assert result.minimum == 10 - MAX_DROPS
    assert not result.proven
    assert result.status == "feasible"


def test_a_proof_after_a_drop_ends_the_checks(monkeypatch):
    checks: list[int] = []

    def unproven_peak(*args, **kwargs) -> MinimumResult:
        return MinimumResult("feasible", 10, 0, False, None, [], 0.0)

    def feasible_above_eight(problem, site, desks, *args, **kwargs):
        checks.append(desks)
        return ("feasible", []) if desks >= 8 else ("infeasible", None)

    monkeypatch.setattr(minimum_module, "minimal_peak", unproven_peak)
    monkeypatch.setattr(minimum_module, "feasible_with", feasible_above_eight)
    result = minimum_desks(office_week(), "hq", time_limit=1, workers=1)
    assert checks == [9, 8, 7]
    assert (result.minimum, result.proven, result.status) == (8, True, "optimal")


def test_max_solves_counts_the_minimum_the_unlimited_roster_the_curve_and_its_bisection():
    problem = office_week(staff=10)
    request = CapacityRequest(curve_max_points=3, time_limit=5)
    # 1 peak search + 3 checks, 1 unlimited solve, 3 curve points, and bisecting a step of
    # ceil(10 / 2) = 5 desks takes ceil(log2(5)) = 3 solves.
    assert max_solves(problem, request) == 4 + 1 + 3 + math.ceil(math.log2(5))
    without_curve = CapacityRequest(curve=False, prove_minimum=False, time_limit=5)
    assert max_solves(problem, without_curve) == 1 + 1 + 1
    scenarios = CapacityRequest(
        curve=False, time_limit=5, scenarios=[{"name": "a", "overrides": {}}, {"name": "b", "overrides": {}}]
    )
    assert max_solves(problem, scenarios) == 3 * (4 + 1 + 1)
    assert max_explanations(problem, scenarios) == 3


@pytest.mark.parametrize("points", [2, 3, 25])
def test_a_sizing_runs_no_more_solves_than_max_solves(monkeypatch, points):
    solves: list[str] = []

    def counting(name, search):
        def run(*args, **kwargs):
            solves.append(name)
            return search(*args, **kwargs)

        return run

    monkeypatch.setattr(minimum_module, "run_search", counting("minimum", minimum_module.run_search))
    monkeypatch.setattr(solve_module, "run_search", counting("solve", solve_module.run_search))
    problem = office_week(staff=10, office_min=3)
    request = CapacityRequest(curve_max_points=points, time_limit=10, workers=1)
    report = size_capacity(problem, request)
    assert report.sites[0].feasible
    assert 0 < len(solves) <= max_solves(problem, request)
