"""Every soft term of SPEC §3, on the solver and on hand-made rosters, with values worked out by hand.

Solver cases assert the optimal value of each term and the weighted total;
``solve_checked`` re-checks each roster, so the checker's score agrees too.
Checker cases score hand-made rosters and state the arithmetic in a comment.
"""

from __future__ import annotations

from typing import Any

from optimizer import check, parse_problem
from optimizer.domain.solution import Score
from tests.core.tiny import day, off, tiny_problem, week_preferences, week_roster, where, worked
from tests.helpers import solve_checked


def _score(problem_data: dict[str, Any], changes: dict) -> Score:
    """The checker's score of the base roster (all office 09:00–18:00) with ``changes``."""
    problem = parse_problem(problem_data)
    result = check(problem, week_roster(problem, changes))
    assert result.violations == [], result.violations
    return result.score


def home(employee: str, weekday: str) -> Any:
    return worked(employee, day(weekday), "home")


# preference ----------------------------------------------------------------------------------


def test_preference_solver_gives_the_desk_to_the_heavier_wish(build):
    # One desk on Monday, two who wish the office that day with weights 3 and 5: the weight-3 wish
    # is the one left unmet. preference = 3, weighted 10 · 3 = 30, total 30.
    people = [
        {"preferences": {"days": [{"weekday": "mon", "location": "office", "weight": 3}]}},
        {"preferences": {"days": [{"date": day("mon"), "location": "office", "weight": 5}]}},
    ]
    site = {"id": "hq", "desks": 2, "desks_by_date": {day("mon"): 1}}
    solution = solve_checked(build(people, sites=[site], weights={"preference": 10}))
    assert where(solution, "e2")["mon"] == "office"
    assert where(solution, "e1")["mon"] != "office"
    assert solution.score.terms["preference"] == 3
    assert solution.score.weighted["preference"] == 30
    assert solution.score.total == solution.objective == 30


def test_preference_solver_two_wishes_on_a_fixed_day_add_up(build):
    # Monday is fixed to the office; a weekday wish (2) and a date wish (3) both ask for home that
    # day: both unmet, 2 + 3 = 5. Weighted by 4: 20.
    wishes = {
        "days": [
            {"weekday": "mon", "location": "home", "weight": 2},
            {"date": day("mon"), "location": "home", "weight": 3},
        ]
    }
    problem = build([{"fixed": {day("mon"): "office"}, "preferences": wishes}], weights={"preference": 4})
    solution = solve_checked(problem)
    assert solution.score.terms["preference"] == 5
    assert solution.score.total == 20


def test_preference_checker_two_wishes_on_one_day_add_up():
    # Monday wishes: home (weekday, 2), home (date, 3), office (weekday, 7). In the office: 2 + 3 = 5
    # unmet; at home: only the office wish, 7.
    wishes = {
        "days": [
            {"weekday": "mon", "location": "home", "weight": 2},
            {"date": day("mon"), "location": "home", "weight": 3},
            {"weekday": "mon", "location": "office", "weight": 7},
        ]
    }
    data = tiny_problem([{"preferences": wishes}], weights={"preference": 10})
    in_office = _score(data, {})
    assert in_office.terms["preference"] == 5
    assert in_office.weighted["preference"] == 50
    assert in_office.total == 50
    assert _score(data, {("e1", "mon"): home("e1", "mon")}).terms["preference"] == 7


def test_preference_checker_off_fixed_and_not_allowed_count_as_unmet():
    # e1 (off days allowed): office wish on Wednesday (4) but off → 4; a wish to be off on Thursday (1)
    # but at work → 1. e2: Monday fixed to the office, wish home (2) → 2. e3, office-only: wish for
    # home on Tuesday (3) → 3; a wish for "other" on Friday (6) → 6. Total 4 + 1 + 2 + 3 + 6 = 16.
    data = tiny_problem(
        [
            {
                "preferences": {
                    "days": [
                        {"weekday": "wed", "location": "office", "weight": 4},
                        {"weekday": "thu", "location": "off", "weight": 1},
                    ]
                }
            },
            {
                "fixed": {day("mon"): "office"},
                "preferences": {"days": [{"weekday": "mon", "location": "home", "weight": 2}]},
            },
            {
                "locations": ["office"],
                "preferences": {
                    "days": [
                        {"weekday": "tue", "location": "home", "weight": 3},
                        {"weekday": "fri", "location": "other", "weight": 6},
                    ]
                },
            },
        ],
        policy={"allow_off_days": True, "weekly_hours": {"min": 32, "max": 40}},
        weights={"preference": 1},
    )
    score = _score(data, {("e1", "wed"): off("e1", day("wed"))})
    assert score.terms["preference"] == 16
    assert score.total == 16


def test_preference_checker_met_wish_for_a_day_off_scores_nothing():
    data = tiny_problem(
        [{"preferences": {"days": [{"weekday": "thu", "location": "off", "weight": 5}]}}],
        policy={"allow_off_days": True, "weekly_hours": {"min": 32, "max": 40}},
        weights={"preference": 1},
    )
    assert _score(data, {("e1", "thu"): off("e1", day("thu"))}).terms["preference"] == 0


def test_preference_checker_leave_day_does_not_count():
    # A wish (9) for the office on a day of leave: the employee is not available, so it counts 0.
    data = tiny_problem(
        [{"unavailable": [day("wed")], "preferences": week_preferences("office", 9, ("wed",))}],
        weights={"preference": 1},
    )
    assert _score(data, {}).terms["preference"] == 0


def test_preference_checker_wishes_outside_the_working_days_do_not_count():
    # A Saturday wish and a date wish on a holiday (Friday) match no working day.
    wishes = {
        "days": [
            {"weekday": "sat", "location": "home", "weight": 4},
            {"date": day("fri"), "location": "home", "weight": 4},
        ]
    }
    data = tiny_problem(
        [{"preferences": wishes}], days=7, horizon={"holidays": [day("fri")]}, weights={"preference": 1}
    )
    assert _score(data, {("e1", "fri"): None}).terms["preference"] == 0


# start_time ----------------------------------------------------------------------------------


def test_start_time_solver_on_a_15_minute_grid(build):
    # Step 15, earliest 07:30, wish 07:00 with weight 2: every day 2 steps late, 2 · 2 · 5 days = 20;
    # weighted by 3: 60.
    problem = build(
        [{"preferences": {"start": {"time": "07:00", "weight": 2}}}],
        policy={"step_minutes": 15, "start": {"earliest": "07:30", "latest": "10:00"}},
        weights={"start_time": 3},
    )
    solution = solve_checked(problem)
    assert {a.start for a in solution.assignments} == {"07:30"}
    assert solution.score.terms["start_time"] == 20
    assert solution.score.weighted["start_time"] == 60
    assert solution.objective == 60


def test_start_time_checker_counts_steps_on_worked_days_only():
    # Wish 09:00 with weight 3 on a 30-minute grid: Monday 08:00 (2 steps → 6), Tuesday 10:00
    # (2 steps → 6), Wednesday off (nothing), Thursday and Friday 09:00 (0). Total 12.
    data = tiny_problem(
        [{"preferences": {"start": {"time": "09:00", "weight": 3}}}],
        policy={"allow_off_days": True, "weekly_hours": {"min": 32, "max": 40}},
        weights={"start_time": 1},
    )
    score = _score(
        data,
        {
            ("e1", "mon"): worked("e1", day("mon"), start="08:00", end="17:00"),
            ("e1", "tue"): worked("e1", day("tue"), start="10:00", end="19:00"),
            ("e1", "wed"): off("e1", day("wed")),
        },
    )
    assert score.terms["start_time"] == 12
    assert score.total == 12


def test_start_time_checker_on_a_15_minute_grid():
    # Wish 08:45 on a 15-minute grid, all days at 09:00: 1 step × weight 2 × 5 days = 10.
    data = tiny_problem(
        [{"preferences": {"start": {"time": "08:45", "weight": 2}}}],
        policy={"step_minutes": 15},
        weights={"start_time": 1},
    )
    assert _score(data, {}).terms["start_time"] == 10


# lonely_office_day ---------------------------------------------------------------------------


def _lonely_team(weights: dict[str, int]) -> dict[str, Any]:
    # Three members, each fixed to the office on a different day (e1 Mon, e2 Tue, e3 Wed) and wishing
    # home on every day. On a fixed day the member has k = 2 available teammates; θ = 0.5 needs 1.
    people = [
        {"fixed": {day(weekday): "office"}, "preferences": week_preferences("home")}
        for weekday in ("mon", "tue", "wed")
    ]
    return tiny_problem(people, team=True, weights=weights, lonely_threshold=0.5)


def test_lonely_office_day_solver_keeps_company_when_it_pays():
    # Lonely weight 5, preference 1: bringing a teammate in on each fixed day costs 1 and saves 5.
    # Unmet wishes: 3 fixed days + 3 companions = 6; lonely 0. Total 6.
    solution = solve_checked(_lonely_team({"preference": 1, "lonely_office_day": 5}))
    assert solution.score.terms["preference"] == 6
    assert solution.score.terms["lonely_office_day"] == 0
    # Terms of weight 0 are still reported, unweighted, but add nothing.
    assert sum(solution.score.weighted.values()) == solution.score.weighted["preference"] == 6
    assert solution.objective == 6


def test_lonely_office_day_solver_stays_lonely_when_company_costs_more():
    # Lonely weight 1, preference 2: a companion costs 2 and saves 1, so each fixed day stays lonely.
    # preference 3 (the fixed days), lonely 3. Total 2 · 3 + 1 · 3 = 9.
    solution = solve_checked(_lonely_team({"preference": 2, "lonely_office_day": 1}))
    assert solution.score.terms["preference"] == 3
    assert solution.score.terms["lonely_office_day"] == 3
    assert solution.score.weighted == {
        "preference": 6,
        "start_time": 0,
        "lonely_office_day": 3,
        "fairness": 0,
        "peak_occupancy": 0,
        "change": 0,
        "pattern": 0,
    }
    assert solution.objective == 9


def test_lonely_office_day_checker_with_fractions_and_leave():
    # Four members, θ = 0.5. With everyone available k = 3, need ceil(1.5) = 2 teammates.
    # Mon: e1, e2 in (each has 1 < 2) → 2. Tue: e1–e3 in (each has 2) → 0. Wed: e1 alone → 1.
    # Thu: e4 on leave so k = 2, need 1; e1, e2 in (each has 1) → 0. Fri: all four → 0. Total 3.
    data = tiny_problem(
        [{}, {}, {}, {"unavailable": [day("thu")]}],
        team=True,
        policy={"weekly_hours": {"min": 32, "max": 40}},
        weights={"lonely_office_day": 2},
        lonely_threshold=0.5,
    )
    changes = {
        ("e3", "mon"): home("e3", "mon"),
        ("e4", "mon"): home("e4", "mon"),
        ("e4", "tue"): home("e4", "tue"),
        ("e2", "wed"): home("e2", "wed"),
        ("e3", "wed"): home("e3", "wed"),
        ("e4", "wed"): home("e4", "wed"),
        ("e3", "thu"): home("e3", "thu"),
    }
    problem = parse_problem(data)
    # e4's leave day is off; 32 h in a week prorated to 32 h, so no rule is broken.
    result = check(problem, week_roster(problem, changes))
    assert result.violations == []
    assert result.score.terms["lonely_office_day"] == 3
    assert result.score.total == 6


def test_lonely_office_day_checker_threshold_is_exact_not_float():
    # Eleven members, so k = 10. θ = 0.7 needs exactly 7 (0.7 · 10 in floats is 7.000000000000001,
    # whose ceiling 8 would be wrong); θ = 0.3 needs exactly 3 (not 4). On Monday 8 are in the office
    # (each has 7 teammates there), on Tuesday 4 (each has 3).
    # θ = 0.7: Mon 0, Tue 4 lonely; Wed–Fri all 11 in → 0. Total 4.
    # θ = 0.3: Mon 0, Tue 0. Total 0.
    at_home = {("e" + str(i), "mon"): home(f"e{i}", "mon") for i in range(9, 12)}
    at_home |= {("e" + str(i), "tue"): home(f"e{i}", "tue") for i in range(5, 12)}
    for theta, lonely in ((0.7, 4), (0.3, 0)):
        data = tiny_problem(11, team=True, weights={"lonely_office_day": 1}, lonely_threshold=theta)
        assert _score(data, at_home).terms["lonely_office_day"] == lonely, theta


def test_lonely_office_day_checker_counts_teammates_at_the_same_site_only():
    # e1 and e2 at hq, e3 at the annex, one team, θ = 1. At hq k = 1: e1 alone in the office on Monday
    # (e2 home) is lonely → 1; e3 has no teammate at the annex (k = 0) and never counts. Other days
    # e1 and e2 are both in (each has 1 ≥ 1). Total 1.
    data = tiny_problem(
        [{}, {}, {"site": "annex"}],
        team=True,
        sites=[{"id": "hq", "desks": 2}, {"id": "annex", "desks": 1}],
        weights={"lonely_office_day": 1},
        lonely_threshold=1,
    )
    assert _score(data, {("e2", "mon"): home("e2", "mon")}).terms["lonely_office_day"] == 1


def test_lonely_office_day_checker_zero_threshold_never_lonely():
    data = tiny_problem(3, team=True, weights={"lonely_office_day": 1}, lonely_threshold=0)
    changes = {("e2", "mon"): home("e2", "mon"), ("e3", "mon"): home("e3", "mon")}
    assert _score(data, changes).terms["lonely_office_day"] == 0


# fairness ------------------------------------------------------------------------------------


def test_fairness_solver_splits_the_desk(build):
    # Two who wish the office every day, one desk: five wishes are unmet whatever happens; fairness
    # (the worst-off employee's own unmet weight) is best split 3/2 → 3. Total 5 + 3 = 8.
    people = [{"preferences": week_preferences("office")} for _ in range(2)]
    problem = build(people, sites=[{"id": "hq", "desks": 1}], weights={"preference": 1, "fairness": 1})
    solution = solve_checked(problem)
    assert solution.score.terms["preference"] == 5
    assert solution.score.terms["fairness"] == 3
    assert solution.objective == 8


def test_fairness_solver_counts_start_time_too(build):
    # As above, but e1 also wishes to start at 07:00 with earliest 08:00: 2 steps × 5 days = 10 that
    # cannot be avoided. With x office days for e1, e1 carries (5 − x) + 10 and e2 carries x; the
    # maximum is least at x = 5: max(10, 5) = 10. Total 5 + 10 + 10 = 25.
    people = [
        {"preferences": {**week_preferences("office"), "start": {"time": "07:00", "weight": 1}}},
        {"preferences": week_preferences("office")},
    ]
    problem = build(
        people,
        sites=[{"id": "hq", "desks": 1}],
        policy={"start": {"earliest": "08:00", "latest": "10:00"}},
        weights={"preference": 1, "start_time": 1, "fairness": 1},
    )
    solution = solve_checked(problem)
    assert set(where(solution, "e1").values()) == {"office"}
    assert solution.score.terms["fairness"] == 10
    assert solution.objective == 25


def test_fairness_checker_is_the_largest_unweighted_load():
    # e1: 3 unmet home wishes (Mon–Wed in the office) + start 10:00 against 09:00, weight 1, on Monday
    # only (2 steps) = 5. e2: 4 unmet office wishes (home Mon–Thu) = 4. Fairness = 5, weighted by 2 =
    # 10; preference 10 · 7 = 70 and start_time 3 · 2 = 6. Total 86.
    data = tiny_problem(
        [
            {
                "preferences": {
                    **week_preferences("home", 1, ("mon", "tue", "wed")),
                    "start": {"time": "09:00"},
                }
            },
            {"preferences": week_preferences("office")},
        ],
        weights={"preference": 10, "start_time": 3, "fairness": 2},
    )
    changes = {("e2", w): home("e2", w) for w in ("mon", "tue", "wed", "thu")}
    changes[("e1", "mon")] = worked("e1", day("mon"), start="10:00", end="19:00")
    score = _score(data, changes)
    assert score.terms["preference"] == 7
    assert score.terms["start_time"] == 2
    assert score.terms["fairness"] == 5
    assert score.weighted["fairness"] == 10
    assert score.total == 70 + 6 + 10


# peak_occupancy ------------------------------------------------------------------------------


def test_peak_occupancy_solver_spreads_office_days(build):
    # Three employees who must each be in the office 2 days: 6 office days over 5 days, so the
    # busiest day has at least ceil(6/5) = 2. peak 2, weighted by 3: 6.
    problem = build(3, policy={"office_days": {"min": 2}}, weights={"peak_occupancy": 3})
    solution = solve_checked(problem)
    assert solution.score.terms["peak_occupancy"] == 2
    assert max(o.office for o in solution.occupancy) == 2
    assert solution.objective == 6


def test_peak_occupancy_solver_sums_over_sites(build):
    # hq: as above, peak 2. annex: one employee, office-only → peak 1. A third site without staff
    # contributes 0. Total 3.
    people = [{"office_days": {"min": 2}}] * 3 + [{"site": "annex", "locations": ["office"]}]
    sites = [{"id": "hq", "desks": 3}, {"id": "annex", "desks": 1}, {"id": "empty", "desks": 5}]
    solution = solve_checked(build(people, sites=sites, weights={"peak_occupancy": 1}))
    assert solution.score.terms["peak_occupancy"] == 3
    assert solution.objective == 3


def test_peak_occupancy_checker_takes_the_busiest_day_per_site():
    # hq (e1–e3): Mon 3 in, Tue 1, other days 2 → peak 3. annex (e4): in every day → peak 1. Total 4.
    data = tiny_problem(
        [{}, {}, {}, {"site": "annex"}],
        sites=[{"id": "hq", "desks": 3}, {"id": "annex", "desks": 1}],
        weights={"peak_occupancy": 1},
    )
    changes = {("e2", "tue"): home("e2", "tue"), ("e3", "tue"): home("e3", "tue")}
    changes |= {("e3", w): home("e3", w) for w in ("wed", "thu", "fri")}
    assert _score(data, changes).terms["peak_occupancy"] == 4


# change --------------------------------------------------------------------------------------


def test_change_solver_keeps_the_previous_roster_when_it_pays(build):
    # Previous roster: Monday office, Tuesday off (not possible: no off days), Wednesday office (now
    # leave), Saturday office (not a working day: no effect). A wish for home on Monday (1) against a
    # change weight of 2: keep the office → preference 1. Changes: Tuesday (worked ≠ off) and
    # Wednesday (off ≠ office) are unavoidable → 2. Total 1 · 1 + 2 · 2 = 5.
    previous = [
        {"employee": "e1", "date": day("mon"), "location": "office"},
        {"employee": "e1", "date": day("tue"), "location": "off"},
        {"employee": "e1", "date": day("wed"), "location": "office"},
        {"employee": "e1", "date": day("sat"), "location": "office"},
    ]
    employee = {"unavailable": [day("wed")], "preferences": week_preferences("home", 1, ("mon",))}
    problem = build([employee], previous=previous, weights={"preference": 1, "change": 2})
    solution = solve_checked(problem)
    assert where(solution, "e1")["mon"] == "office"
    assert solution.score.terms["change"] == 2
    assert solution.score.terms["preference"] == 1
    assert solution.objective == 5


def test_change_checker_counts_differences_including_leave():
    # Previous: Mon home (roster office → 1), Tue office (same → 0), Wed other (roster home → 1),
    # Thu office on a day now on leave (off → 1), a Sunday entry (ignored). Total 3, weighted by 4: 12.
    data = tiny_problem(
        [{"unavailable": [day("thu")]}],
        days=7,
        previous=[
            {"employee": "e1", "date": day("mon"), "location": "home"},
            {"employee": "e1", "date": day("tue"), "location": "office"},
            {"employee": "e1", "date": day("wed"), "location": "other"},
            {"employee": "e1", "date": day("thu"), "location": "office"},
            {"employee": "e1", "date": day("sun"), "location": "home"},
        ],
        weights={"change": 4},
    )
    score = _score(data, {("e1", "wed"): home("e1", "wed")})
    assert score.terms["change"] == 3
    assert score.weighted["change"] == 12
    assert score.total == 12


def test_start_time_solver_ignores_days_off(build):
    # Off days allowed; a wish to be off on Friday (5) and to start at 07:00 with earliest 08:00.
    # Friday off (0 unmet, 32 h still within 32–40), four worked days 2 steps late: start_time 8.
    employee = {
        "preferences": {
            "days": [{"weekday": "fri", "location": "off", "weight": 5}],
            "start": {"time": "07:00", "weight": 1},
        }
    }
    problem = build(
        [employee],
        policy={
            "allow_off_days": True,
            "weekly_hours": {"min": 32, "max": 40},
            "start": {"earliest": "08:00", "latest": "10:00"},
        },
        weights={"preference": 1, "start_time": 1},
    )
    solution = solve_checked(problem)
    assert where(solution, "e1")["fri"] == "off"
    assert solution.score.terms["start_time"] == 8
    assert solution.objective == 8


def test_lonely_office_day_solver_counts_teammates_who_cannot_come_in(build):
    # θ = 1; e2 is a teammate at hq who may only work at home, so k = 1 and e1 needs 1 teammate in
    # the office. e1 is fixed to the office on Monday and can never have company there: lonely 1.
    people = [{"fixed": {day("mon"): "office"}}, {"locations": ["home"]}]
    problem = build(people, team=True, weights={"lonely_office_day": 1}, lonely_threshold=1)
    solution = solve_checked(problem)
    assert solution.score.terms["lonely_office_day"] == 1
    assert solution.objective == 1
