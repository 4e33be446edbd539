"""Inputs that once broke the solver, the checker or validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from optimizer import InvalidProblem, check, parse_problem
from tests.helpers import solve_checked

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_fairness_bound_counts_every_day_of_the_start_penalty():
    # One office-only employee whose site opens at 10:00 but who prefers 07:00 (weight 1):
    # 6 steps of 30 minutes late on each of the 10 working days, so start_time = fairness = 60,
    # more than one day's worth of penalty; total = 1·60 + 1·60 = 120.
    problem = {
        "horizon": {"start": "2026-12-07", "days": 12},
        "sites": [{"id": "hq", "desks": 5, "open": "10:00"}],
        "employees": [
            {
                "id": "e1",
                "site": "hq",
                "locations": ["office"],
                "preferences": {"start": {"time": "07:00", "weight": 1}},
            }
        ],
        "weights": {"fairness": 1},
    }
    solution = solve_checked(problem)
    assert solution.status == "optimal"
    assert solution.score.terms["fairness"] == 60
    assert solution.objective == 120


def test_checker_reports_unreadable_times_and_hours_instead_of_crashing():
    problem = parse_problem(json.loads((EXAMPLES / "team_week.json").read_text()))
    roster = solve_checked(problem)
    first, second = roster.assignments[0], roster.assignments[1]
    broken = [
        first.model_copy(update={"start": "12:3:", "hours": 1e308}),
        second.model_copy(update={"hours": float("nan")}),
        *roster.assignments[2:],
    ]
    result = check(problem, broken, roster.team_days)
    assert not result.valid
    named = {(v.constraint, v.employee, v.date) for v in result.violations}
    assert ("start_window", first.employee, first.date) in named
    assert ("daily_hours", second.employee, second.date) in named


@pytest.mark.parametrize(
    ("data", "loc"),
    [
        ({"horizon": {"start": "9999-12-30", "days": 5}}, ("horizon", "start")),
        (
            {"horizon": {"start": "2026-12-07", "days": 5}, "weights": {"preference": 10**30}},
            ("weights", "preference"),
        ),
    ],
    ids=["end-of-calendar", "huge-weight"],
)
def test_out_of_range_inputs_are_validation_errors(data, loc):
    with pytest.raises(InvalidProblem) as caught:
        parse_problem(data)
    assert [error.loc for error in caught.value.errors] == [loc]
