"""Re-planning a published roster (SPEC v1.1 §4): past days kept, fewest changes, then the best objective.

Tiny problems are confirmed by an exhaustive search over every roster of the
re-plan problem: the change count is the least possible, and the objective
is the least among rosters with that many changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from optimizer import InvalidProblem, RosterSolution, parse_problem
from optimizer.model.replan import ReplanRequest, replan, replan_problem
from optimizer.model.solve import SolveOptions
from tests.core.tiny import day, tiny_problem
from tests.helpers import assert_checked, solve_checked
from tests.properties.brute_force import best_by
from tests.properties.strategies import small_problems, working_dates

OPTIONS = SolveOptions(time_limit=20, workers=1, explain_time_limit=20)


def replanned(problem, published: RosterSolution, from_date: dt.date, request=None) -> RosterSolution:
    """Re-plan and re-check the new roster against the re-plan problem with the independent checker."""
    solution = replan(problem, published, from_date, request, OPTIONS)
    assert_checked(replan_problem(problem, published, from_date, request), solution)
    return solution


def team_problem() -> dict[str, Any]:
    # Three people, two desks on Thursday, Mon–Wed office wished by everyone.
    people = [
        {
            "preferences": {
                "days": [{"weekday": w, "location": "office", "weight": 1} for w in ("mon", "tue", "wed")]
            }
        }
    ] * 3
    return tiny_problem(
        people, sites=[{"id": "hq", "desks": 3, "desks_by_date": {day("thu"): 2}}], weights={"preference": 1}
    )


def test_past_days_are_kept_byte_for_byte_and_leave_is_listed():
    problem = parse_problem(team_problem())
    published = solve_checked(problem)
    thursday = dt.date.fromisoformat(day("thu"))
    request = ReplanRequest(unavailable={"e2": [thursday, thursday + dt.timedelta(days=1)]})
    solution = replanned(problem, published, thursday, request)
    assert solution.status == "optimal"
    past = [a.model_dump_json() for a in published.assignments if a.date < thursday]
    assert [a.model_dump_json() for a in solution.assignments if a.date < thursday] == past
    changed = {(c.employee, c.date.isoformat(), c.after.location) for c in solution.changes}
    assert {("e2", day("thu"), "off"), ("e2", day("fri"), "off")} <= changed
    assert solution.score.terms["change"] == 2  # only e2's two days of leave had to change
    body = solution.model_dump(mode="json")
    assert set(body["changes"][0]) == {"employee", "date", "from", "to"}


def test_leave_before_from_is_listed_and_wins_over_the_published_day():
    problem = parse_problem(
        tiny_problem(1, policy={"weekly_hours": {"min": 0, "max": 40}, "allow_off_days": True})
    )
    published = solve_checked(problem)
    monday, wednesday = dt.date.fromisoformat(day("mon")), dt.date.fromisoformat(day("wed"))
    solution = replanned(problem, published, wednesday, ReplanRequest(unavailable={"e1": [monday]}))
    assert solution.status == "optimal"
    assert [(c.date, c.after.location) for c in solution.changes] == [(monday, "off")]
    assert solution.score.terms["change"] == 0  # change counts only days from `from` on


def test_a_frozen_past_that_breaks_the_rules_now_is_infeasible_and_named():
    # Two published office days of 8 h; the week's hours are now capped at 8 h: the frozen days conflict.
    problem = parse_problem(tiny_problem(1))
    published = solve_checked(problem)
    wednesday = dt.date.fromisoformat(day("wed"))
    data = tiny_problem(1, policy={"weekly_hours": {"min": 0, "max": 8}, "allow_off_days": True})
    solution = replan(parse_problem(data), published, wednesday, options=OPTIONS)
    assert solution.status == "infeasible"
    assert "frozen" in {item.constraint for item in solution.explanation}
    assert solution.changes == []


def test_bad_replan_input_names_every_field_at_once():
    problem = parse_problem(tiny_problem(2))
    published = solve_checked(problem)
    saturday = dt.date.fromisoformat(day("sat"))
    wrong = published.model_copy(
        update={
            "assignments": [
                *published.assignments,
                published.assignments[0].model_copy(update={"date": saturday}),
            ]
        }
    )
    request = ReplanRequest(
        unavailable={"e9": [dt.date.fromisoformat(day("mon"))], "e1": [saturday]},
        desks={"annex": {saturday: 1}},
    )
    with pytest.raises(InvalidProblem) as caught:
        replan_problem(problem, wrong, saturday, request)
    locs = [error.loc for error in caught.value.errors]
    assert locs == [
        ("from",),
        ("published", "assignments", len(published.assignments), "date"),
        ("unavailable", "e9"),
        ("unavailable", "e1", 0),
        ("desks", "annex"),
        ("desks", "annex", day("sat")),
    ]


def test_employees_no_longer_in_the_problem_are_dropped():
    problem = parse_problem(tiny_problem(2))
    published = solve_checked(problem)
    smaller = parse_problem(tiny_problem(1))
    solution = replanned(smaller, published, dt.date.fromisoformat(day("tue")))
    assert {a.employee for a in solution.assignments} == {"e1"}
    assert solution.changes == []


# exhaustive confirmation on tiny problems ---------------------------------------------------------

EXHAUSTIVE = settings(
    max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
TINY = {"max_employees": 2, "max_workdays": 3, "budget": 5_000, "relaxed": True}


@EXHAUSTIVE
@given(small_problems(**TINY), st.integers(0, 2), st.integers(0, 5))
def test_the_replan_is_lexicographically_best_by_exhaustive_search(
    data: dict[str, Any], start: int, sick: int
):
    data["frozen"] = []  # the re-plan freezes the published past itself
    problem = parse_problem(data)
    published = solve_checked(problem, time_limit=20, explain=False)
    dates = working_dates(data)
    event(f"published: {published.status}")
    if not published.assignments or not dates:
        return
    from_date = dates[min(start, len(dates) - 1)]
    employee = problem.employees[sick % len(problem.employees)].id
    request = ReplanRequest(unavailable={employee: [from_date]})
    planned = replan_problem(problem, published, from_date, request)
    best, _ = best_by(planned, lambda result: (result.score.terms["change"], result.score.total))
    solution = replanned(problem, published, from_date, request)
    event(f"re-plan: {solution.status}, {'no' if not best else best[0]} change(s)")
    if best is None:
        assert solution.status == "infeasible"
        return
    assert solution.status == "optimal"
    assert (solution.score.terms["change"], solution.objective) == best
    past = [a for a in published.assignments if a.date < from_date]
    assert [a for a in solution.assignments if a.date < from_date] == past
