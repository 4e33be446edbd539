"""Explanations of infeasible problems (issue §6): the right SPEC constraints, with the right subjects.

Each of the five cases the issue names is built small, solved (status
``infeasible``) and its explanation compared with the constraint instances a
team lead would point at. The explanation must be small (at most 4 items) and
minimal: its groups cannot hold together, and dropping any one of them lets the
rest hold (checked on the model in explain mode). A twin with one of the named
rules relaxed in the input has a roster.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from optimizer import RosterSolution
from optimizer.domain.solution import HARD_CONSTRAINTS
from tests.core.minimal import assert_minimal, items
from tests.core.tiny import WEEK, day, tiny_problem
from tests.helpers import solve_checked

WEEKLY_MEETING = {"weekday": "tue", "start": "09:00", "end": "11:00", "name": "Weekly"}


def explained(data: dict[str, Any]) -> RosterSolution:
    """Solve an infeasible problem and check its explanation is small, named and minimal."""
    solution = solve_checked(data, time_limit=20, explain_time_limit=20)
    assert solution.status == "infeasible"
    assert solution.assignments == []
    assert solution.explanation, "an infeasible problem must be explained"
    assert len(solution.explanation) <= 4, solution.explanation
    for item in solution.explanation:
        assert item.constraint in HARD_CONSTRAINTS
        assert item.message.strip()
    assert_minimal(data, solution)
    return solution


def _office_only(**office_days: int) -> dict[str, Any]:
    people = [{"name": "Ayu", "locations": ["office"], "office_days": office_days}, {"name": "Budi"}]
    return tiny_problem(people)


def test_office_only_employee_with_at_most_three_office_days():
    # Ayu may only work in the office, but at most 3 of the 5 working days: no roster.
    solution = explained(_office_only(max=3))
    found = items(solution)
    assert ("allowed_location", (("employee", "e1"),)) in found
    assert ("office_days", (("employee", "e1"), ("week", WEEK))) in found
    # Without the ban on days off Ayu could simply stay off two days, so no_off_day may be named too.
    assert found <= {
        ("allowed_location", (("employee", "e1"),)),
        ("office_days", (("employee", "e1"), ("week", WEEK))),
        ("no_off_day", (("week", WEEK),)),
    }
    messages = " ".join(item.message for item in solution.explanation)
    assert "Ayu" in messages
    assert "Budi" not in messages


def test_office_only_twin_with_five_office_days_has_a_roster():
    assert solve_checked(_office_only(max=5)).status == "optimal"


def test_office_only_twin_who_may_work_at_home_has_a_roster():
    data = _office_only(max=3)
    data["employees"][0]["locations"] = ["office", "home"]
    assert solve_checked(data).status == "optimal"


def _meeting_day(desks: int) -> dict[str, Any]:
    # Thirty members of one team meet in the office on Tuesday at a site with `desks` desks.
    return tiny_problem(
        [{"team": "fin"} for _ in range(30)],
        sites=[{"id": "hq", "name": "Head office", "desks": desks}],
        teams=[{"id": "fin", "name": "Finance", "meetings": [WEEKLY_MEETING]}],
    )


def test_meeting_day_needing_more_desks_than_the_site_has():
    solution = explained(_meeting_day(25))
    assert items(solution) == {
        ("site_capacity", (("date", day("tue")), ("site", "hq"))),
        ("team_meeting", (("date", day("tue")), ("team", "fin"))),
    }
    capacity = next(item for item in solution.explanation if item.constraint == "site_capacity")
    assert "25" in capacity.message
    assert "Head office" in capacity.message


def test_meeting_day_twin_with_enough_desks_has_a_roster():
    assert solve_checked(_meeting_day(30)).status == "optimal"


def _vpn_and_desks(seats: int) -> dict[str, Any]:
    # Five staff who need the VPN away from the office, 2 desks and `seats` VPN seats: 2 + 2 < 5.
    return tiny_problem(
        [{"needs": ["vpn"]} for _ in range(5)],
        sites=[{"id": "hq", "desks": 2}],
        resources=[{"id": "vpn", "capacity": seats}],
    )


def test_vpn_seats_plus_desks_fewer_than_staff():
    solution = explained(_vpn_and_desks(2))
    found = items(solution)
    names = [constraint for constraint, _ in found]
    assert names.count("site_capacity") == 1
    assert names.count("resource_capacity") == 1
    site = dict(next(subject for constraint, subject in found if constraint == "site_capacity"))
    resource = dict(next(subject for constraint, subject in found if constraint == "resource_capacity"))
    assert site["site"] == "hq"
    assert resource["resource"] == "vpn"
    # Both name the same working day of the week.
    assert site["date"] == resource["date"]
    assert dt.date.fromisoformat(site["date"]).isocalendar().week == 50
    # Without the ban on days off, a third person could stay off that day.
    assert set(names) <= {"site_capacity", "resource_capacity", "no_off_day"}


def test_vpn_twin_with_one_more_seat_has_a_roster():
    assert solve_checked(_vpn_and_desks(3)).status == "optimal"


def _fixed_home_on_meeting_day(fixed: str) -> dict[str, Any]:
    return tiny_problem(
        [{"name": "Ayu", "fixed": {day("tue"): fixed}}, {}],
        team=True,
        teams=[{"id": "t", "meetings": [WEEKLY_MEETING]}],
    )


def test_fixed_home_day_on_a_meeting_day():
    solution = explained(_fixed_home_on_meeting_day("home"))
    assert items(solution) == {
        ("fixed", (("date", day("tue")), ("employee", "e1"))),
        ("team_meeting", (("date", day("tue")), ("team", "t"))),
    }
    fixed = next(item for item in solution.explanation if item.constraint == "fixed")
    assert "Ayu" in fixed.message
    assert "home" in fixed.message


def test_fixed_office_day_on_a_meeting_day_has_a_roster():
    assert solve_checked(_fixed_home_on_meeting_day("office")).status == "optimal"


def _weekly_against_daily(weekly_min: float) -> dict[str, Any]:
    # e2 must work 45 h a week, but at most 8 h a day on 5 days (40 h).
    return tiny_problem(
        [{}, {"name": "Budi", "weekly_hours": {"min": weekly_min, "max": 45}}],
        policy={"daily_hours": {"min": 7, "max": 8}},
    )


def test_weekly_hours_impossible_with_the_daily_range():
    solution = explained(_weekly_against_daily(45))
    assert items(solution) == {
        ("weekly_hours", (("employee", "e2"), ("week", WEEK))),
        ("daily_hours", (("employee", "e2"),)),
    }
    weekly = next(item for item in solution.explanation if item.constraint == "weekly_hours")
    assert "45" in weekly.message
    assert "Budi" in weekly.message


def test_weekly_hours_twin_within_the_daily_range_has_a_roster():
    assert solve_checked(_weekly_against_daily(40)).status == "optimal"


def test_explanation_can_be_switched_off():
    solution = solve_checked(_fixed_home_on_meeting_day("home"), explain=False)
    assert solution.status == "infeasible"
    assert solution.explanation is None


def test_feasible_problem_has_no_explanation():
    solution = solve_checked(tiny_problem(2))
    assert solution.status == "optimal"
    assert solution.explanation is None
