"""Small sizing problems whose answers can be worked out by hand, and a checked sizing helper."""

from __future__ import annotations

from typing import Any

from optimizer import parse_problem
from optimizer.capacity import CapacityReport, CapacityRequest, size_capacity
from optimizer.capacity.minimum import with_site_desks
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


def size_checked(problem: RosterProblem, **options: Any) -> CapacityReport:
    """Size with small, deterministic settings and re-check every roster of every curve point
    with the independent checker, at that point's desk count."""
    settings = {"time_limit": 10.0, "workers": 2, "include_rosters": True, **options}
    report = size_capacity(problem, CapacityRequest(**settings))
    for site in report.sites:
        for point in site.curve:
            assert point.solution is not None, f"{site.site} {point.desks}: no roster attached"
            assert_checked(with_site_desks(problem, site.site, point.desks), point.solution)
            assert point.solution.objective == point.objective
    return report
