"""SPEC v1.1 in given/then pairs: the team pattern, frozen days and home before other.

Solver cases state the optimum worked out by hand; ``solve_checked`` re-checks
each roster with the independent checker and compares the scores. Checker
cases score hand-made rosters.
"""

from __future__ import annotations

from typing import Any

from optimizer import SolveOptions, check, parse_problem, solve
from optimizer.domain.solution import Score
from tests.core.minimal import assert_minimal, items
from tests.core.tiny import day, off, plan, tiny_problem, week_preferences, week_roster, worked
from tests.helpers import solve_checked

MON_WED_OFFICE = {"mon": "office", "tue": "office", "wed": "office", "thu": "remote", "fri": "remote"}


def team_of(count: int, pattern: dict[str, str], people: list[dict[str, Any]] | None = None, **kw: Any):
    """``count`` members of team ``t`` with ``pattern``, pattern weight 1 and nothing else weighted."""
    weights = {"pattern": 1, **kw.pop("weights", {})}
    return tiny_problem(
        people or count, team=True, teams=[{"id": "t", "pattern": pattern}], weights=weights, **kw
    )


def score(data: dict[str, Any], changes: dict) -> Score:
    """The checker's score of the base roster (all office 09:00–18:00) with ``changes``; it must be valid."""
    problem = parse_problem(data)
    result = check(problem, week_roster(problem, changes))
    assert result.violations == [], result.violations
    return result.score


def home(employee: str, weekday: str, **kw: Any):
    return worked(employee, day(weekday), "home", **kw)


def other(employee: str, weekday: str):
    return worked(employee, day(weekday), "other")


# pattern ----------------------------------------------------------------------------------------


def test_pattern_matched_costs_nothing():
    # Mon–Wed office, Thu–Fri remote, and the solver is free: every day matches, pattern 0.
    solution = solve_checked(team_of(2, MON_WED_OFFICE))
    assert solution.score.terms["pattern"] == 0
    for employee in ("e1", "e2"):
        week = plan(solution, employee)
        assert [week[d].location for d in ("mon", "tue", "wed")] == ["office"] * 3
        assert {week[d].location for d in ("thu", "fri")} == {"home"}  # remote, and home before other


def test_pattern_missed_counts_each_member_day():
    # The base roster is all office: Thu and Fri miss "remote" for both members: 2 · 2 = 4.
    assert score(team_of(2, MON_WED_OFFICE), {}).terms["pattern"] == 4
    # One desk on Monday: one of the two misses the office wish there. pattern 1, weighted 10.
    data = team_of(2, MON_WED_OFFICE, sites=[{"id": "hq", "desks": 2, "desks_by_date": {day("mon"): 1}}])
    data["weights"]["pattern"] = 10
    solution = solve_checked(data)
    assert solution.score.terms["pattern"] == 1
    assert solution.score.weighted["pattern"] == 10
    assert solution.objective == 10


def test_remote_matches_home_and_other_but_home_and_other_match_only_themselves():
    remote = team_of(1, {"thu": "remote", "fri": "remote"})
    assert (
        score(remote, {("e1", "thu"): home("e1", "thu"), ("e1", "fri"): other("e1", "fri")}).terms["pattern"]
        == 0
    )
    at_home = team_of(1, {"thu": "home", "fri": "home"})
    # Thu home matches, Fri other does not: 1.
    assert (
        score(at_home, {("e1", "thu"): home("e1", "thu"), ("e1", "fri"): other("e1", "fri")}).terms["pattern"]
        == 1
    )
    elsewhere = team_of(1, {"fri": "other"})
    assert score(elsewhere, {("e1", "fri"): home("e1", "fri")}).terms["pattern"] == 1
    assert score(elsewhere, {("e1", "fri"): other("e1", "fri")}).terms["pattern"] == 0


def test_pattern_excuses_a_member_who_may_not_use_a_matching_location():
    # e1 is office-only: the Thu–Fri "remote" wish is excused (0); e2 in the office on Thu–Fri misses 2.
    data = team_of(2, MON_WED_OFFICE, people=[{"locations": ["office"]}, {}])
    assert score(data, {}).terms["pattern"] == 2
    # Unavailable days are not counted either, and off matches nothing.
    data = team_of(1, {"mon": "office", "tue": "office"}, people=[{"unavailable": [day("mon")]}])
    data["policy"] = {**data["policy"], "weekly_hours": {"min": 0, "max": 40}, "allow_off_days": True}
    assert score(data, {("e1", "tue"): off("e1", day("tue"))}).terms["pattern"] == 1


def test_pattern_counts_fixed_and_meeting_days_that_do_not_match():
    # Fixed home on Monday against an office wish: 1; a Thursday meeting in the office against "remote": 1.
    data = team_of(1, {"mon": "office", "thu": "remote"}, people=[{"fixed": {day("mon"): "home"}}])
    data["teams"][0]["meetings"] = [{"weekday": "thu", "start": "09:00", "end": "10:00"}]
    solution = solve_checked(data)
    assert solution.score.terms["pattern"] == 2


def test_pattern_is_not_part_of_fairness():
    # All office against a home wish every day: preference 5, so fairness 5; the pattern's 2 misses
    # on Thu–Fri are not added to it.
    data = team_of(1, MON_WED_OFFICE, people=[{"preferences": week_preferences("home")}])
    terms = score(data, {}).terms
    assert (terms["preference"], terms["pattern"], terms["fairness"]) == (5, 2, 5)


# frozen -----------------------------------------------------------------------------------------

FROZEN_HOME = {"employee": "e1", "date": day("tue"), "location": "home", "start": "08:30", "hours": 8}


def test_frozen_day_is_kept_exactly():
    # A preference for the office every day (weight 1) cannot move the frozen home day at 08:30.
    data = tiny_problem(
        [{"preferences": week_preferences("office")}], frozen=[FROZEN_HOME], weights={"preference": 1}
    )
    solution = solve_checked(data)
    tuesday = plan(solution, "e1")["tue"]
    assert (tuesday.location, tuesday.start, tuesday.hours, tuesday.end) == ("home", "08:30", 8.0, "17:30")
    assert solution.score.terms["preference"] == 1


def test_frozen_day_that_breaks_another_rule_is_infeasible_and_named():
    # Frozen at home on the day of a team meeting in the office: no roster; frozen and the meeting named.
    data = tiny_problem(1, team=True, frozen=[FROZEN_HOME])
    data["teams"] = [{"id": "t", "meetings": [{"weekday": "tue", "start": "09:00", "end": "10:00"}]}]
    solution = solve_checked(data, explain_time_limit=20)
    assert solution.status == "infeasible"
    found = items(solution)
    assert ("frozen", (("date", day("tue")), ("employee", "e1"))) in found
    assert any(constraint == "team_meeting" for constraint, _ in found)
    message = next(item.message for item in solution.explanation if item.constraint == "frozen")
    assert "e1" in message and day("tue") in message
    assert_minimal(data, solution)


def test_frozen_start_off_the_grid_is_infeasible_and_named():
    data = tiny_problem(1, frozen=[{**FROZEN_HOME, "start": "08:45"}])
    solution = solve_checked(data, explain_time_limit=20)
    assert solution.status == "infeasible"
    assert "frozen" in {item.constraint for item in solution.explanation}


def test_unavailable_wins_over_frozen():
    # Frozen at home on Tuesday, then on leave that day: the day is off and nothing conflicts.
    # Weekly hours are prorated to the 4 available days (32 h).
    data = tiny_problem([{"unavailable": [day("tue")]}], frozen=[FROZEN_HOME])
    solution = solve_checked(data)
    assert solution.status == "optimal"
    assert plan(solution, "e1")["tue"].location == "off"
    assert check(parse_problem(data), solution.assignments).valid


def test_frozen_off_day_and_frozen_outside_the_horizon():
    data = tiny_problem(
        frozen=[
            {"employee": "e1", "date": day("wed"), "location": "off"},
            {"employee": "e1", "date": day("sat"), "location": "office", "start": "09:00", "hours": 8},
        ],
        policy={"allow_off_days": True, "weekly_hours": {"min": 32, "max": 40}},
    )
    solution = solve_checked(data)
    assert plan(solution, "e1")["wed"].location == "off"
    assert len(solution.assignments) == 5  # Saturday is not a working day: the entry has no effect


# home before other ------------------------------------------------------------------------------


def test_home_before_other_where_nothing_asks_for_other():
    # Nobody may be in the office on Thursday and nothing tells home and other apart: home.
    data = tiny_problem(2, sites=[{"id": "hq", "desks": 2, "desks_by_date": {day("thu"): 0}}])
    solution = solve_checked(data)
    assert {plan(solution, e)["thu"].location for e in ("e1", "e2")} == {"home"}


def test_other_stays_where_something_asks_for_it():
    people = [
        {"fixed": {day("thu"): "other"}},
        {"preferences": {"days": [{"weekday": "thu", "location": "other", "weight": 0}]}},
        {"locations": ["office", "other"]},
        {},
    ]
    data = tiny_problem(
        people,
        sites=[{"id": "hq", "desks": 4, "desks_by_date": {day("thu"): 0}}],
        previous=[{"employee": "e4", "date": day("thu"), "location": "other"}],
        frozen=[{"employee": "e4", "date": day("mon"), "location": "other", "start": "09:00", "hours": 8}],
    )
    solution = solve_checked(data, time_limit=20)
    assert [plan(solution, e)["thu"].location for e in ("e1", "e2", "e3")] == ["other"] * 3
    assert plan(solution, "e4")["mon"].location == "other"


def test_every_progress_roster_puts_home_before_other_and_reports_its_own_score():
    # Best-so-far rosters, as a job streams them, follow the rule too, with the objective of that roster.
    people = [{"preferences": {"days": [{"weekday": "thu", "location": "home", "weight": 1}]}}] * 4
    data = tiny_problem(
        people,
        sites=[{"id": "hq", "desks": 4, "desks_by_date": {day("thu"): 0, day("fri"): 1}}],
        weights={"preference": 1, "lonely_office_day": 1},
    )
    problem = parse_problem(data)
    seen = []
    solution = solve(
        problem, SolveOptions(time_limit=20, workers=1, progress_rosters=True), on_progress=seen.append
    )
    assert seen and solution.status == "optimal"
    for progress in seen:
        result = check(problem, progress.assignments)
        assert result.valid
        assert result.score.total == progress.objective
        assert all(a.location != "other" for a in progress.assignments)
