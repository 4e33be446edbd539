"""Small sizing problems whose answers can be worked out by hand, and a checked sizing helper."""

from __future__ import annotations

from typing import Any

from optimizer import parse_problem
from optimizer.capacity import CapacityReport, CapacityRequest, size_capacity
from optimizer.capacity.minimum import with_site_desks
from optimizer.capacity.typical import typical_week
from optimizer.domain.problem import RosterProblem
from tests.helpers import assert_checked

MEETING = {"weekday": "tue", "start": "10:00", "end": "11:00", "name": "Weekly"}


def office_week(
    staff: int = 4,
    office_min: int = 2,
    meeting: bool = False,
    desks: int = 10,
    preferences: bool = True,
    **changes: Any,
) -> RosterProblem:
    """``staff`` people of one team at ``hq``, one week, ``office_min`` office days each.

    Without a meeting the minimum is ``ceil(staff · office_min / 5)`` (office days
    spread evenly); with a Tuesday meeting for everyone it is ``staff``.
    """
    employees = []
    for i in range(staff):
        employee: dict[str, Any] = {"id": f"p{i}", "name": f"Person {i}", "team": "a", "site": "hq"}
        if preferences:
            day = "mon" if i % 3 < 2 else "wed"  # two in three want Monday in the office
            employee["preferences"] = {"days": [{"weekday": day, "location": "office", "weight": 2}]}
        employees.append(employee)
    data: dict[str, Any] = {
        "horizon": {"start": "2026-12-07", "days": 5},
        "policy": {"office_days": {"min": office_min, "max": 5}, "remote_days": {"max": 5}},
        "sites": [{"id": "hq", "name": "Head office", "desks": desks, "desks_by_date": {"2026-12-08": 1}}],
        "teams": [{"id": "a", "name": "Alpha", "meetings": [MEETING] if meeting else []}],
        "employees": employees,
    }
    data.update(changes)
    return parse_problem(data)


FOUR_OFFICE_DAYS = {"name": "4 office days", "overrides": {"policy.office_days.min": 4}}


def this_week(staff: int = 4) -> RosterProblem:
    """``office_week`` with this week's individual dates: ``p0`` on a business trip (``fixed``
    to ``other``) on Monday and Tuesday, the office-only ``p1`` on leave on Wednesday, and a
    previous roster for ``p2``.

    With 2 office days the minimum is 2 (10 office days over 5 days); the policy question
    "4 office days" has no roster this week (``p0`` has only 3 days left for the office). In a
    typical week ``p1`` is in the office every day: the minimum is ceil((5 + 3·2) / 5) = 3,
    and with 4 office days ceil((5 + 3·4) / 5) = 4.
    """
    problem = office_week(
        staff=staff,
        previous=[
            {"employee": "p2", "date": "2026-12-07", "location": "home"},
            {"employee": "p2", "date": "2026-12-08", "location": "office"},
        ],
    )
    data = problem.model_dump(mode="json")
    data["employees"][0]["fixed"] = {"2026-12-07": "other", "2026-12-08": "other"}
    data["employees"][1]["locations"] = ["office"]
    data["employees"][1]["unavailable"] = ["2026-12-09"]
    return parse_problem(data)


def size_checked(problem: RosterProblem, **options: Any) -> CapacityReport:
    """Size with small, deterministic settings and re-check every roster of every curve point
    with the independent checker, at that point's desk count (in the typical week when sized so)."""
    settings = {"time_limit": 10.0, "workers": 2, "include_rosters": True, **options}
    report = size_capacity(problem, CapacityRequest(**settings))
    sized = typical_week(problem)[0] if settings.get("typical") else problem
    for site in report.sites:
        for point in site.curve:
            assert point.solution is not None, f"{site.site} {point.desks}: no roster attached"
            assert_checked(with_site_desks(sized, site.site, point.desks), point.solution)
            assert point.solution.objective == point.objective
    return report
