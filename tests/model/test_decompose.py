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
    assert [p.stage for p in progress[:2]] == ["first_roster", "groups"]  # then the search's rosters
    assert all(p.assignments is not None for p in progress[:2])
    direct = solve_checked(two_sites, workers=2, time_limit=60)
    assert solution.status == direct.status == "optimal"
    assert solution.objective == direct.objective


def test_a_large_site_is_cut_into_groups_of_whole_teams():
    problem = family_problem("L")  # 2,000 staff at 3 sites
    groups = site_groups(problem, size=300)
    assert len(groups) > 3
    assert sorted(i for group in groups for i in group) == list(range(len(problem.employees)))
    team_group = {}
    for g, group in enumerate(groups):
        assert len(group) >= 150
        for i in group:
            assert team_group.setdefault(problem.employees[i].team, g) == g


def test_second_round_offers_exactly_the_seats_the_others_leave(two_sites):
    groups = site_groups(two_sites)
    instance = compile_instance(two_sites)
    ledger = DeskLedger(instance, groups)
    first = solve(subproblem(two_sites, groups, 0, ledger), SolveOptions(time_limit=10, explain=False))
    ledger.book(first.assignments)
    needs = {e.id: e.needs for e in two_sites.employees}
    part = subproblem(two_sites, groups, 1, ledger, hold_back=False)
    for day in instance.days:
        used = sum(a.location in ("home", "other") and "vpn" in needs[a.employee] for a in first.assignments
                   if a.date == day.date)  # fmt: skip
        assert part.resources[0].capacity_by_date[day.date] == two_sites.resources[0].capacity - used


def test_one_site_decomposes_by_teams_and_stays_valid(monkeypatch):
    problem = family_problem("M")
    one_site = problem.model_copy(
        update={"employees": [e.model_copy(update={"site": "hq"}) for e in problem.employees],
                "sites": [problem.sites[0].model_copy(update={"desks": 140})]}
    )  # fmt: skip
    monkeypatch.setattr(solve_module, "DECOMPOSE_FROM", 1)
    monkeypatch.setattr(decompose, "GROUP_SIZE", 60)
    progress = []
    solution = solve(one_site, SolveOptions(time_limit=60, workers=2), on_progress=progress.append)
    assert_checked(one_site, solution)
    assert "groups" in [p.stage for p in progress]
    assert len(site_groups(one_site)) >= 3
