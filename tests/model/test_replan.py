"""Re-plan (SPEC v1.1 §4): days before ``from`` kept exactly, fewest changes, then the best objective."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from optimizer import parse_problem
from optimizer.domain.solution import RosterSolution
from optimizer.model.replan import replan
from optimizer.model.solve import SolveOptions
from optimizer.replan import DayEvents, InvalidReplan, replan_problem
from tests.core.tiny import day, tiny_problem
from tests.helpers import assert_checked, solve_checked
from tests.properties.brute_force import every_roster

OPTIONS = SolveOptions(time_limit=20, workers=1)
WEEKLY_MEETING = {"weekday": "tue", "start": "09:00", "end": "11:00", "name": "Weekly"}


def date(weekday: str) -> dt.date:
    return dt.date.fromisoformat(day(weekday))


def team_week(desks: int = 6) -> dict[str, Any]:
    """Six people, one team meeting on Tuesday, office wishes early in the week, home wishes late."""
    wishes = {
        "days": [{"weekday": w, "location": "office", "weight": 2} for w in ("mon", "tue", "wed")]
        + [{"weekday": w, "location": "home", "weight": 1} for w in ("thu", "fri")]
    }
    return tiny_problem(
        [{"team": "t", "preferences": wishes} for _ in range(6)],
        sites=[{"id": "hq", "desks": desks}],
        teams=[{"id": "t", "meetings": [WEEKLY_MEETING]}],
        policy={"office_days": {"min": 2}},
        weights={"preference": 1, "lonely_office_day": 1},
    )


def replanned(data: dict[str, Any], published: RosterSolution, start: str, events: DayEvents | None = None):
    """Re-plan and assert the checker accepts the new roster with the solver's score."""
    problem = parse_problem(data)
    solution = replan(problem, published, date(start), events, OPTIONS)
    request = replan_problem(problem, published.assignments, date(start), events)
    assert_checked(request.problem, solution)
    return solution


def test_days_before_from_are_kept_byte_for_byte_and_leave_is_a_change():
    data = team_week(desks=5)
    data["sites"][0]["desks_by_date"] = {day("tue"): 6}
    published = solve_checked(data)
    assert published.status == "optimal"
    events = DayEvents(unavailable={"e3": [date("thu"), date("fri")]})
    solution = replanned(data, published, "wed", events)
    assert solution.status == "optimal"
    before = [a.model_dump_json() for a in published.assignments if a.date < date("wed")]
    after = [a.model_dump_json() for a in solution.assignments if a.date < date("wed")]
    assert after == before
    leave = [c for c in solution.changes if c.employee == "e3"]
    assert [(c.date, c.to.location) for c in leave] == [(date("thu"), "off"), (date("fri"), "off")]


def test_nothing_happened_means_no_change():
    data = team_week()
    published = solve_checked(data)
    solution = replanned(data, published, "wed")
    assert solution.changes == []
    assert solution.objective == published.objective


def test_fewer_desks_on_a_later_day_moves_as_few_people_as_possible():
    data = team_week(desks=6)
    published = solve_checked(data)
    in_office = sum(a.location == "office" for a in published.assignments if a.date == date("wed"))
    events = DayEvents(desks={"hq": {date("wed"): 2}})
    solution = replanned(data, published, "wed", events)
    moved = [c for c in solution.changes if c.from_.location != c.to.location]
    assert len(moved) == max(0, in_office - 2)
    assert {c.date for c in moved} <= {date("wed")}


def test_a_past_day_that_breaks_a_new_rule_is_infeasible_and_names_frozen():
    data = team_week(desks=6)
    published = solve_checked(data)
    monday_office = sum(a.location == "office" for a in published.assignments if a.date == date("mon"))
    assert monday_office >= 2
    events = DayEvents(desks={"hq": {date("mon"): 1}})
    solution = replanned(data, published, "wed", events)
    assert solution.status == "infeasible"
    assert "frozen" in {item.constraint for item in solution.explanation}
    frozen = [item for item in solution.explanation if item.constraint == "frozen"]
    assert all(item.subject.employee and item.subject.date == date("mon") for item in frozen)


def test_request_errors_are_all_reported_at_once():
    data = team_week()
    published = solve_checked(data)
    events = DayEvents(
        unavailable={"nobody": [date("thu")], "e1": [dt.date(2027, 1, 4)]}, desks={"annex": {}}
    )
    with pytest.raises(InvalidReplan) as caught:
        replan(parse_problem(data), published, dt.date(2026, 12, 12), events)
    locs = [error.loc for error in caught.value.errors]
    assert locs == [("from",), ("unavailable", "nobody"), ("unavailable", "e1", 0), ("desks", "annex")]


def test_a_roster_of_another_problem_is_rejected():
    published = solve_checked(team_week())
    other = tiny_problem([{"id": "x1"}, {"id": "x2"}], horizon={"start": "2026-12-14"})
    with pytest.raises(InvalidReplan) as caught:
        replan(parse_problem(other), published, dt.date(2026, 12, 16))
    assert ("published",) in [error.loc for error in caught.value.errors]
    assert any(error.loc[:2] == ("published", "assignments") for error in caught.value.errors)


def tiny_two(desks_wed: int | None = None) -> dict[str, Any]:
    """Two people, three days, one desk, wishes that pull both into the office."""
    wishes = {"days": [{"weekday": w, "location": "office", "weight": 1} for w in ("mon", "tue", "wed")]}
    return tiny_problem(
        [
            {"preferences": wishes, "locations": ["office", "home"]},
            {"preferences": wishes, "locations": ["office", "home"]},
        ],
        days=3,
        sites=[{"id": "hq", "desks": 2}],
        policy={"office_days": {"min": 1}, "start": {"earliest": "09:00", "latest": "09:00"}},
        weights={"preference": 1},
    )


@pytest.mark.parametrize(
    ("start", "cuts"), [("tue", {"tue": 1, "wed": 1}), ("wed", {"wed": 1}), ("wed", {"tue": 1, "wed": 0})]
)
def test_change_count_and_objective_equal_an_exhaustive_search(start, cuts):
    data = tiny_two()
    published = solve_checked(data)
    events = DayEvents(desks={"hq": {date(weekday): desks for weekday, desks in cuts.items()}})
    solution = replanned(data, published, start, events)
    # Every roster of the re-plan problem, scored by the checker: the lexicographic best by hand.
    request = replan_problem(parse_problem(data), published.assignments, date(start), events)
    valid = [
        (result.score.terms["change"], result.score.total)
        for _, result in every_roster(request.problem)
        if result.valid
    ]
    if not valid:
        assert solution.status == "infeasible"
        assert "frozen" in {item.constraint for item in solution.explanation}
        return
    assert solution.status == "optimal"
    assert (solution.score.terms["change"], solution.objective) == min(valid)
