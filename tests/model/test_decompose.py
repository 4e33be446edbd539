"""Large problems start from their site groups solved apart; the result stays valid and optimal."""

from __future__ import annotations

import pytest

from benchmarks.instances import family_problem
from optimizer import SolveOptions, solve
from optimizer.instance import compile_instance
from optimizer.model import decompose
from optimizer.model import solve as solve_module
from optimizer.model.decompose import DeskLedger, site_groups, subproblem
from tests.helpers import assert_checked, solve_checked


@pytest.fixture
def two_sites():
    """The M benchmark family: 200 staff at two sites, a few members sitting away from their team."""
    return family_problem("M")


def test_groups_keep_teams_whole(two_sites):
    groups = site_groups(two_sites)
    assert len(groups) == 2
    team_group = {}
    for g, group in enumerate(groups):
        for i in group:
            team = two_sites.employees[i].team
            assert team_group.setdefault(team, g) == g
    assert sorted(i for group in groups for i in group) == list(range(len(two_sites.employees)))


def test_later_groups_see_only_the_desks_left(two_sites):
    groups = site_groups(two_sites)
    instance = compile_instance(two_sites)
    dates = [day.date for day in instance.days]
    ledger = DeskLedger(instance, groups)
    first = solve(subproblem(two_sites, groups, 0, ledger), SolveOptions(time_limit=10, explain=False))
    ledger.book(first.assignments)
    second = subproblem(two_sites, groups, 1, ledger)
    for site in second.sites:
        for date in dates:
            used = sum(
                a.location == "office" and a.site == site.id and a.date == date for a in first.assignments
            )
            original = next(s for s in two_sites.sites if s.id == site.id)
            assert site.desks_by_date[date] <= original.desks_by_date.get(date, original.desks) - used


def test_resource_shares_never_exceed_the_capacity(two_sites):
    groups = site_groups(two_sites)
    ledger = DeskLedger(compile_instance(two_sites), groups)
    shares = [subproblem(two_sites, groups, g, ledger).resources[0].capacity for g in range(len(groups))]
    assert sum(shares) == two_sites.resources[0].capacity


def test_decomposed_solve_is_checked_and_reaches_the_optimum(two_sites, monkeypatch):
    monkeypatch.setattr(solve_module, "DECOMPOSE_FROM", 1)
    progress = []
    solution = solve(two_sites, SolveOptions(time_limit=60, workers=2), on_progress=progress.append)
    assert_checked(two_sites, solution)
    assert progress and progress[0].assignments is not None  # the groups' roster comes first
    direct = solve_checked(two_sites, workers=2, time_limit=60)
    assert solution.status == direct.status == "optimal"
    assert solution.objective == direct.objective
    assert decompose.site_groups is site_groups
