"""The constructive first roster: valid under the checker, reported first, and kept when the search stops."""

from __future__ import annotations

import threading

import pytest

from benchmarks.instances import family_problem
from optimizer import Progress, SolveOptions, check, solve
from optimizer.generator import GeneratorSettings, generate
from optimizer.instance import compile_instance
from optimizer.model.first_roster import construct, first_roster
from tests.helpers import assert_checked

GENERATED = [
    GeneratorSettings(
        employees=employees, teams=max(2, employees // 10), weeks=weeks, patterns=patterns, seed=seed
    )
    for employees in (12, 40, 120)
    for weeks in (1, 2)
    for patterns in (False, True)
    for seed in range(2)
] + [GeneratorSettings(employees=120, teams=12, sites=2, seed=seed) for seed in range(3)]


@pytest.mark.parametrize("settings", GENERATED, ids=lambda s: f"{s.employees}e{s.weeks}w{s.sites}s{s.seed}")
def test_constructive_roster_is_valid_on_generated_problems(settings):
    problem = generate(settings)
    first = first_roster(compile_instance(problem))
    assert first is not None
    verdict = check(problem, first.assignments, first.team_days)
    assert verdict.violations == []
    assert verdict.score == first.score


@pytest.mark.parametrize("size", ["S", "M"])
def test_constructive_roster_is_valid_on_benchmark_families(size):
    problem = family_problem(size)
    first = first_roster(compile_instance(problem))
    assert first is not None
    assert check(problem, first.assignments, first.team_days).valid


def test_infeasible_problem_gives_no_constructive_roster():
    # Six staff must come in on a meeting day at a site with four desks: no valid roster exists.
    problem = generate(GeneratorSettings(employees=12, teams=2, sites=2, seed=0))
    instance = compile_instance(problem)
    roster, team_days = construct(instance)
    assert not check(problem, roster, team_days).valid
    assert first_roster(instance) is None


def test_first_progress_point_is_the_constructive_roster():
    problem = family_problem("M")
    seen: list[Progress] = []
    options = SolveOptions(time_limit=30, workers=1, progress_rosters=True, explain=False)
    solution = solve(problem, options, on_progress=seen.append)
    assert_checked(problem, solution)
    assert seen[0].stage == "first_roster"
    assert seen[0].bound is None
    assert check(problem, seen[0].assignments).valid
    assert check(problem, seen[0].assignments).score.total == seen[0].objective
    assert solution.objective <= seen[0].objective


def test_stopping_at_the_first_roster_keeps_it():
    problem = family_problem("M")
    stop = threading.Event()
    seen: list[Progress] = []

    def on_progress(progress: Progress) -> None:
        seen.append(progress)
        stop.set()  # stop as soon as the constructive roster is reported, before the search starts

    options = SolveOptions(time_limit=60, workers=1, progress_rosters=True, explain=False)
    solution = solve(problem, options, on_progress=on_progress, stop=stop)
    assert seen[0].stage == "first_roster"
    assert solution.status in ("feasible", "optimal")
    assert_checked(problem, solution)
    assert solution.objective <= seen[0].objective


def test_without_first_roster_the_search_alone_reports():
    problem = family_problem("S")
    seen: list[Progress] = []
    solution = solve(
        problem, SolveOptions(time_limit=10, workers=1, first_roster=False), on_progress=seen.append
    )
    assert_checked(problem, solution)
    assert all(p.stage is None for p in seen)


def test_a_valid_hint_is_kept_with_its_anchor_days_when_stopped():
    problem = generate(GeneratorSettings(employees=40, teams=4, seed=1))
    assert any(team.anchor_days for team in problem.teams)
    earlier = solve(problem, SolveOptions(time_limit=20, workers=1, explain=False))
    assert_checked(problem, earlier)
    stop = threading.Event()
    seen: list[Progress] = []

    def on_progress(progress: Progress) -> None:
        seen.append(progress)
        stop.set()  # stop as soon as the hint is reported, before the search starts

    options = SolveOptions(time_limit=60, workers=1, explain=False, hint=earlier.assignments)
    again = solve(problem, options, on_progress=on_progress, stop=stop)
    assert seen[0].stage == "hint"
    assert seen[0].objective == earlier.objective
    assert_checked(problem, again)
    assert again.objective <= earlier.objective
    anchored = {days.team for days in again.team_days}
    assert anchored == {team.id for team in problem.teams if team.anchor_days}
