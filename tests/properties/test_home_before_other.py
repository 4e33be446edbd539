"""Property (SPEC v1.1 "home before other"): every returned roster says ``other`` only where something
asks for it, and swapping a needless ``other`` for ``home`` never breaks a rule or raises the score."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer import RosterProblem, check, parse_problem
from optimizer.instance import compile_instance
from optimizer.model.home_first import home_before_other
from tests.helpers import solve_checked
from tests.properties.strategies import small_problems

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PROPERTY = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def asks_for_other(problem: RosterProblem, employee_id: str, date: dt.date) -> bool:
    """SPEC's list, read from the problem itself (not from the product's code)."""
    employee = next(e for e in problem.employees if e.id == employee_id)
    weekday = WEEKDAYS[date.weekday()]
    teams = {team.id: team for team in problem.teams}
    pattern = teams[employee.team].pattern if employee.team in teams else {}
    return (
        employee.fixed.get(date) == "other"
        or any(f.employee == employee_id and f.date == date and f.location == "other" for f in problem.frozen)
        or any(
            p.location == "other" and (p.date == date or p.weekday == weekday)
            for p in employee.preferences.days
        )
        or pattern.get(weekday) == "other"
        or any(
            p.employee == employee_id and p.date == date and p.location == "other" for p in problem.previous
        )
        or "home" not in employee.locations
    )


def away_from_the_office(data: dict[str, Any]) -> dict[str, Any]:
    """A small problem with at most one desk per site and no team rule that needs the office,
    so that most days are spent at home or elsewhere."""
    for site in data["sites"]:
        site["desks"] = min(site["desks"], 1)
        site.pop("desks_by_date", None)
    for team in data["teams"]:
        team.update(meetings=[], anchor_days=0, min_in_office=0)
    return data


REMOTE_PROBLEMS = small_problems(relaxed=True).map(away_from_the_office)


@PROPERTY
@given(REMOTE_PROBLEMS)
def test_every_returned_roster_puts_home_before_other(data: dict[str, Any]) -> None:
    problem = parse_problem(data)
    solution = solve_checked(problem, time_limit=20, explain=False)
    for a in solution.assignments:
        if a.location == "other":
            assert asks_for_other(problem, a.employee, a.date), a


@PROPERTY
@given(REMOTE_PROBLEMS, st.randoms(use_true_random=False))
def test_the_swap_never_breaks_a_rule_or_raises_the_score(data: dict[str, Any], random) -> None:
    problem = parse_problem(data)
    solution = solve_checked(problem, time_limit=20, explain=False)
    if not solution.assignments:
        return
    # A valid roster with needless "other" days: some home days of the solver's roster moved to other.
    locations = {e.id: e.locations for e in problem.employees}
    moved = [
        a.model_copy(update={"location": "other"})
        if a.location == "home" and "other" in locations[a.employee] and random.random() < 0.6
        else a
        for a in solution.assignments
    ]
    before = check(problem, moved, solution.team_days)
    if not before.valid:
        return  # e.g. a fixed or frozen home day was moved
    swapped = home_before_other(compile_instance(problem), moved)
    after = check(problem, swapped, solution.team_days)
    assert after.valid, after.violations
    assert after.score.total <= before.score.total
    for old, new in zip(moved, swapped, strict=True):
        if new.location == "other":
            assert asks_for_other(problem, new.employee, new.date)
        # Only the location changes, and only from other to home.
        assert new == old or (old.location, new.location) == ("other", "home")
        assert new.model_dump(exclude={"location"}) == old.model_dump(exclude={"location"})
