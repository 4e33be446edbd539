"""The relaxation round: groups solved with every shared desk and seat give a proven bound and a roster."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace

import pytest

from benchmarks.instances import Family, build_problem, family_problem
from optimizer import SolveOptions, solve
from optimizer.checker import check
from optimizer.domain.solution import RosterSolution
from optimizer.domain.validation import parse_problem
from optimizer.instance import compile_instance
from optimizer.model import relaxation
from optimizer.model import solve as solve_module
from optimizer.model.decompose import DeskLedger, proportional_shares, site_groups
from optimizer.model.first_roster import first_roster, repaired
from optimizer.model.relaxation import (
    GLOBAL_TERMS,
    _home_groups,
    _Improving,
    _offered,
    _usage,
    fairness_floor,
    relax,
    relaxed_group,
)
from tests.helpers import assert_checked, solve_checked


@pytest.fixture(scope="module")
def two_sites():
    """The M benchmark family: 200 staff at two sites, a few members sitting away from their team."""
    return family_problem("M")


@pytest.fixture(scope="module")
def optimum(two_sites):
    """The whole problem solved directly to proven optimality."""
    solution = solve_checked(two_sites, workers=2, time_limit=60)
    assert solution.status == "optimal"
    return solution


def _solve_group(group, time_limit, hint=None):
    return solve(group, SolveOptions(time_limit=time_limit, workers=2, explain=False, hint=hint))


def test_a_relaxed_group_keeps_every_desk_and_seat_and_drops_the_global_terms(two_sites):
    group = site_groups(two_sites)[0]
    relaxed = relaxed_group(two_sites, group)
    assert [e.id for e in relaxed.employees] == [two_sites.employees[i].id for i in group]
    assert relaxed.resources == two_sites.resources
    whole = {site.id: site for site in two_sites.sites}
    assert all(site == whole[site.id] for site in relaxed.sites)
    assert {e.site for e in relaxed.employees} <= {site.id for site in relaxed.sites}
    assert all(getattr(relaxed.weights, term) == 0 for term in GLOBAL_TERMS)
    assert relaxed.weights.preference == two_sites.weights.preference
    assert {e.team for e in relaxed.employees} == {team.id for team in relaxed.teams}


def test_the_bound_never_passes_the_optimum_and_the_union_is_checked(two_sites, optimum):
    instance = compile_instance(two_sites)
    _assert_bound_and_checked_union(two_sites, instance, optimum, groups=2)


def _assert_bound_and_checked_union(problem, instance, optimum, groups):
    """The relaxation has ``groups`` groups, a bound no higher than the optimum and a checker-valid roster."""
    found = relax(problem, instance, _solve_group, budget=60)
    assert found is not None and found.groups == groups
    assert 0 < found.bound <= optimum.objective
    assert found.roster is not None
    verdict = check(problem, found.roster.assignments, found.roster.team_days)
    assert verdict.valid, verdict.violations[:3]
    assert verdict.score.total == found.roster.score.total >= optimum.objective


def test_a_large_site_is_cut_into_groups_of_whole_teams_that_bound_and_fit(monkeypatch):
    one_site = build_problem(Family("one site", 200))
    optimum = solve_checked(one_site, workers=2, time_limit=60)
    assert optimum.status == "optimal"
    monkeypatch.setattr(relaxation, "GROUP_SIZE", 60)
    _assert_bound_and_checked_union(one_site, compile_instance(one_site), optimum, groups=3)


def test_one_group_or_too_little_time_gives_no_relaxation(two_sites):
    problem = family_problem("S")  # one site
    assert relax(problem, compile_instance(problem), _solve_group, budget=10) is None
    assert relax(two_sites, compile_instance(two_sites), _solve_group, budget=3) is None  # 0.6 s a group


def test_solve_with_the_relaxation_reaches_the_optimum(two_sites, optimum, monkeypatch):
    monkeypatch.setattr(solve_module, "RELAX_FROM", 1)
    progress = []
    solution = solve(two_sites, SolveOptions(time_limit=60, workers=2), on_progress=progress.append)
    assert_checked(two_sites, solution)
    assert solution.status == "optimal" and solution.objective == optimum.objective
    groups = [p for p in progress if p.stage == "groups"]
    assert groups and groups[0].bound is not None and groups[0].bound <= optimum.objective


def test_a_bound_reaching_the_start_proves_it_optimal_without_the_whole_search(two_sites, monkeypatch):
    monkeypatch.setattr(solve_module, "RELAX_FROM", 1)
    real = solve_module.relax

    def exact(*args, **kwargs):
        found = real(*args, **kwargs)  # None for each group's own solve (one site)
        return found and replace(found, bound=found.roster.score.total)  # as if the union were proven best

    monkeypatch.setattr(solve_module, "relax", exact)
    _forbid_the_whole_model(monkeypatch, two_sites)
    solution = solve(two_sites, SolveOptions(time_limit=60, workers=2))
    assert solution.status == "optimal" and solution.bound == solution.objective
    assert_checked(two_sites, solution)


def test_the_whole_search_keeps_the_relaxation_bound(two_sites, monkeypatch):
    monkeypatch.setattr(solve_module, "RELAX_FROM", 1)
    real = solve_module.relax
    seen = []

    def recorded(*args, **kwargs):
        found = real(*args, **kwargs)
        if found is not None:
            seen.append(found)
        return found

    monkeypatch.setattr(solve_module, "relax", recorded)
    solution = solve(two_sites, SolveOptions(time_limit=60, workers=2))
    assert solution.bound >= seen[0].bound


def test_improving_rounds_lower_the_whole_score_with_valid_rosters_until_settled(two_sites, optimum):
    """Settled: every group proven best against the rest of the roster."""
    instance = compile_instance(two_sites)
    start = first_roster(instance)
    assert start is not None and start.score.total > optimum.objective
    groups = site_groups(two_sites)
    unknown = [RosterSolution(status="feasible", objective=0) for _ in groups]  # no bound: every group runs
    seen = []
    improving = _Improving(two_sites, instance, groups, unknown, _solve_group, stop=None)
    # A generous deadline: the rounds end as soon as every group is proven best against the rest.
    best, settled = improving.run(start, time.perf_counter() + 600, lambda r, b: seen.append(r), bound=0)
    assert settled
    assert all(part.status == "optimal" for part in unknown)
    assert seen and seen[-1] is best
    totals = [r.score.total for r in seen]
    assert totals == sorted(totals, reverse=True) and len(set(totals)) == len(totals)
    assert optimum.objective <= best.score.total < start.score.total
    for roster in seen:
        verdict = check(two_sites, roster.assignments, roster.team_days)
        assert verdict.valid and verdict.score == roster.score


def test_groups_still_improving_at_the_time_limit_are_the_answer_without_the_whole_search(
    two_sites, monkeypatch
):
    monkeypatch.setattr(solve_module, "RELAX_FROM", 1)
    real = solve_module.relax

    def unsettled(*args, **kwargs):
        found = real(*args, **kwargs)  # None for each group's own solve (one site)
        return found and replace(found, settled=False)

    monkeypatch.setattr(solve_module, "relax", unsettled)
    _forbid_the_whole_model(monkeypatch, two_sites)
    progress = []
    solution = solve(two_sites, SolveOptions(time_limit=60, workers=2), on_progress=progress.append)
    assert_checked(two_sites, solution)
    groups = [p for p in progress if p.stage == "groups"]
    assert groups and groups[-1].objective == solution.objective
    assert solution.bound == groups[-1].bound


def _forbid_the_whole_model(monkeypatch, problem):
    """Make building a model of all of ``problem``'s employees fail the test."""
    build = solve_module.build_model

    def groups_only(instance, **kwargs):
        assert len(instance.employees) < len(problem.employees), "the whole model was built"
        return build(instance, **kwargs)

    monkeypatch.setattr(solve_module, "build_model", groups_only)


def _fewer_desks(problem, site_id, date, desks):
    def tighten(site):
        return site.model_copy(update={"desks_by_date": {**site.desks_by_date, date: desks}})

    sites = [tighten(site) if site.id == site_id else site for site in problem.sites]
    return problem.model_copy(update={"sites": sites})


def test_repair_moves_single_days_until_the_desks_fit(two_sites, optimum):
    roster = optimum.assignments
    busiest = max(
        {(a.site, a.date) for a in roster if a.location == "office"},
        key=lambda key: sum(a.location == "office" and (a.site, a.date) == key for a in roster),
    )
    used = sum(a.location == "office" and (a.site, a.date) == busiest for a in roster)
    tighter = _fewer_desks(two_sites, *busiest, used - 2)
    instance = compile_instance(tighter)
    assert not check(tighter, roster, optimum.team_days).valid
    mended = repaired(instance, roster, optimum.team_days)
    assert mended is not None
    verdict = check(tighter, mended.assignments, mended.team_days)
    assert verdict.valid and verdict.score.total == mended.score.total
    moved = {a.employee for a, b in zip(roster, mended.assignments, strict=True) if a != b}
    assert 1 <= len(moved) <= 10


def test_fairness_floor_counts_only_wishes_the_rules_never_allow():
    start = dt.date(2026, 12, 7)
    problem = parse_problem(
        {
            "horizon": {"start": start.isoformat(), "days": 5},
            "sites": [{"id": "hq", "desks": 5}],
            "employees": [
                {
                    "id": "desk_only",
                    "site": "hq",
                    "locations": ["office"],
                    "office_days": {"max": 5},
                    "preferences": {"days": [{"weekday": "mon", "location": "home", "weight": 3},
                                             {"weekday": "fri", "location": "home", "weight": 4},
                                             {"weekday": "tue", "location": "office", "weight": 5}]},
                },
                {
                    "id": "flexible",
                    "site": "hq",
                    "preferences": {"days": [{"weekday": "mon", "location": "home", "weight": 5},
                                             {"weekday": "tue", "location": "office", "weight": 5}]},
                },
            ],
        }
    )  # fmt: skip
    instance = compile_instance(problem)
    assert fairness_floor(instance) == 7
    assert solve_checked(problem, time_limit=10).score.terms["fairness"] >= 7


def test_the_fit_round_offers_a_site_first_to_its_own_group(two_sites):

    instance = compile_instance(two_sites)
    groups = site_groups(two_sites)
    relaxed = [
        solve(relaxed_group(two_sites, group), SolveOptions(time_limit=30, explain=False)) for group in groups
    ]
    usage = [_usage(instance, part.assignments) for part in relaxed]
    home = _home_groups(two_sites, groups)
    reserve = DeskLedger(instance, groups).held
    assert set(home.values()) == {0, 1}
    for g in (0, 1):
        other = 1 - g
        offered = _offered(two_sites, instance, groups, g, usage, home, reserve, fitted=set())
        for site in offered.sites:
            whole = next(s for s in two_sites.sites if s.id == site.id)
            for day in instance.days:
                desks = whole.desks_by_date.get(day.date, whole.desks)
                held = reserve[other].get((site.id, day.index), 0)
                if home[site.id] == g:  # the site's own group leaves the other group's reserve
                    assert site.desks_by_date[day.date] == max(0, desks - held)
                else:  # seated away: what the site's own group leaves, but never less than its own reserve
                    left = desks - usage[other]["desk", site.id, day.date]
                    own = reserve[g].get((site.id, day.index), 0)
                    assert site.desks_by_date[day.date] == max(0, left, own)
        vpn = two_sites.resources[0]
        users = [sum(vpn.id in two_sites.employees[i].needs for i in group) for group in groups]
        (seats,) = offered.resources
        for day in instance.days:
            capacity = vpn.capacity_by_date.get(day.date, vpn.capacity)
            share = proportional_shares(capacity, users)[other]
            # Not fitted yet: the other group keeps what it uses up to its share.
            used = min(usage[other]["seat", vpn.id, day.date], share)
            assert seats.capacity_by_date[day.date] == max(0, capacity - used)
        fitted = _offered(two_sites, instance, groups, g, usage, home, reserve, fitted={other})
        for day in instance.days:
            capacity = vpn.capacity_by_date.get(day.date, vpn.capacity)
            left = capacity - usage[other]["seat", vpn.id, day.date]
            assert fitted.resources[0].capacity_by_date[day.date] == max(0, left)
