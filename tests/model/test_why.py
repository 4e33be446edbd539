"""Why this cell? Each alternative is either forbidden by named rules, or has a cost and moved cells."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from optimizer import check, parse_problem
from optimizer.domain.validation import InvalidProblem
from optimizer.model.solve import SolveOptions
from optimizer.model.why import why
from tests.core.tiny import day, tiny_problem
from tests.helpers import solve_checked

WEEKLY_MEETING = {"weekday": "tue", "start": "09:00", "end": "11:00", "name": "Weekly"}
OPTIONS = SolveOptions(time_limit=20, workers=1)


def ask(data: dict[str, Any], employee: str, weekday: str, location: str | None = None):
    """Solve ``data``, then ask about one cell; every possible alternative's roster is checked."""
    problem = parse_problem(data)
    solution = solve_checked(problem)
    answer = why(
        problem, solution.assignments, employee, dt.date.fromisoformat(day(weekday)), location, OPTIONS
    )
    for alternative in answer.alternatives:
        if alternative.possible:
            result = check(problem, alternative.assignments)
            assert result.valid, result.violations
            assert result.score == alternative.score
            cell = next(
                a for a in alternative.assignments if a.employee == employee and a.date == answer.date
            )
            assert cell.location == alternative.location
    return solution, answer


def one_day_two_people() -> dict[str, Any]:
    # One desk, one day; e1 wants the office with weight 5, e2 with weight 3 (preference weight 1).
    return tiny_problem(
        [
            {"preferences": {"days": [{"weekday": "mon", "location": "office", "weight": 5}]}},
            {"preferences": {"days": [{"weekday": "mon", "location": "office", "weight": 3}]}},
        ],
        days=1,
        sites=[{"id": "hq", "desks": 1}],
        weights={"preference": 1},
    )


def test_a_feasible_alternative_worked_out_by_hand():
    # The roster gives e1 the desk (3 unmet). Giving it to e2 leaves e1's 5 unmet: +2, and e1 moves home.
    solution, answer = ask(one_day_two_people(), "e2", "mon", "office")
    assert solution.objective == 3
    [office] = answer.alternatives
    assert office.possible and office.proven
    assert office.cost["preference"] == 2 and office.weighted_cost["preference"] == 2
    assert office.total_cost == 2
    assert [(c.employee, c.from_.location, c.to.location) for c in office.moved] == [("e1", "office", "home")]
    assert "+2 preference points" in office.summary and "moving 1 other cell" in office.summary


def test_the_cheapest_alternative_moves_another_cell_when_that_is_cheaper():
    # e1 at home: leaving the desk empty costs 5; giving it to e2 costs 5 − 3 = 2, with e2 moving.
    _, answer = ask(one_day_two_people(), "e1", "mon")
    alternatives = {a.location: a for a in answer.alternatives}
    assert answer.current.location == "office"
    assert set(alternatives) == {"home", "other"}
    assert alternatives["home"].total_cost == 2
    assert [(c.employee, c.to.location) for c in alternatives["home"].moved] == [("e2", "office")]


def test_a_meeting_forbids_working_from_home():
    data = tiny_problem(
        [{"team": "fin"} for _ in range(3)], teams=[{"id": "fin", "meetings": [WEEKLY_MEETING]}]
    )
    _, answer = ask(data, "e1", "tue", "home")
    [home] = answer.alternatives
    assert not home.possible
    assert [item.constraint for item in home.conflicts] == ["team_meeting"]
    assert home.conflicts[0].subject.team == "fin"
    assert home.summary.startswith("Impossible: team_meeting:")


def test_a_location_the_employee_may_not_use_is_forbidden_by_allowed_location():
    data = tiny_problem([{"name": "Ayu", "locations": ["office", "home"]}, {}])
    _, answer = ask(data, "e1", "wed", "other")
    [other] = answer.alternatives
    assert not other.possible
    assert {item.constraint for item in other.conflicts} == {"allowed_location"}


def test_office_days_cap_moves_another_office_day_home():
    # Ayu works at most 3 office days; she wants the office all week (weight 1 each): 2 unmet.
    data = tiny_problem(
        [
            {
                "name": "Ayu",
                "locations": ["office", "home"],
                "office_days": {"max": 3},
                "preferences": {
                    "days": [
                        {"weekday": w, "location": "office", "weight": 1}
                        for w in ("mon", "tue", "wed", "thu", "fri")
                    ]
                },
            }
        ],
        weights={"preference": 1},
    )
    solution, answer = ask(data, "e1", "mon")
    current = answer.current.location
    home_day = next(a for a in solution.assignments if a.location == "home")
    _, asked = ask(
        data, "e1", {0: "mon", 1: "tue", 2: "wed", 3: "thu", 4: "fri"}[home_day.date.weekday()], "office"
    )
    [office] = asked.alternatives
    assert office.possible and office.total_cost == 0 and len(office.moved) == 1
    assert current in ("office", "home")


def test_vpn_seats_and_desks_swap_two_people():
    data = tiny_problem(
        [{"needs": ["vpn"]} for _ in range(5)],
        sites=[{"id": "hq", "desks": 2}],
        resources=[{"id": "vpn", "capacity": 3}],
    )
    solution, _ = ask(data, "e1", "mon")
    at_home = next(
        a for a in solution.assignments if a.date.isoformat() == day("mon") and a.location != "office"
    )
    _, answer = ask(data, at_home.employee, "mon", "office")
    [office] = answer.alternatives
    assert office.possible and len(office.moved) == 1 and office.moved[0].to.location != "office"


def test_weekly_hours_do_not_depend_on_the_location():
    data = tiny_problem(
        [{}, {"name": "Budi", "weekly_hours": {"min": 40, "max": 45}}],
        policy={"daily_hours": {"min": 7, "max": 8}},
    )
    _, answer = ask(data, "e2", "thu")
    assert answer.alternatives and all(a.possible and a.total_cost == 0 for a in answer.alternatives)


def test_a_question_about_no_cell_names_every_wrong_field():
    problem = parse_problem(tiny_problem(1))
    solution = solve_checked(problem)
    with pytest.raises(InvalidProblem) as caught:
        why(problem, solution.assignments, "nobody", dt.date(2026, 12, 12), "mars")
    assert [e.loc for e in caught.value.errors] == [("employee",), ("date",), ("location",)]


def test_a_day_off_is_forbidden_without_days_off_and_possible_with_them():
    _, answer = ask(tiny_problem(2), "e1", "thu", "off")
    [off] = answer.alternatives
    assert not off.possible
    assert {item.constraint for item in off.conflicts} >= {"no_off_day"}
    data = tiny_problem(2, policy={"allow_off_days": True, "weekly_hours": {"min": 32, "max": 40}})
    _, answer = ask(data, "e1", "thu")
    alternatives = {a.location: a for a in answer.alternatives}
    assert alternatives["off"].possible and alternatives["off"].total_cost == 0
