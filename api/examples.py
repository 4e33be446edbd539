"""OpenAPI examples: a normal, an infeasible and an invalid request for each body (tests run them all)."""

from __future__ import annotations

import copy
from typing import Any

NORMAL_PROBLEM: dict[str, Any] = {
    "horizon": {"start": "2026-12-07", "days": 5},
    "policy": {
        "weekly_hours": {"min": 37.5, "max": 40},
        "daily_hours": {"min": 7.5, "max": 8},
        "start": {"earliest": "07:00", "latest": "10:00"},
        "break_minutes": 60,
        "break_minutes_by_weekday": {"fri": 90},
        "office_days": {"min": 2, "max": 4},
        "remote_days": {"max": 2},
    },
    "sites": [{"id": "hq", "name": "Head office", "desks": 3}],
    "resources": [{"id": "vpn", "capacity": 2}],
    "teams": [
        {
            "id": "fin",
            "name": "Finance",
            "meetings": [{"weekday": "tue", "start": "09:00", "end": "11:00", "name": "Weekly"}],
        }
    ],
    "employees": [
        {
            "id": "e1",
            "name": "Ayu",
            "team": "fin",
            "site": "hq",
            "needs": ["vpn"],
            "preferences": {
                "days": [{"weekday": "fri", "location": "home", "weight": 3}],
                "start": {"time": "08:00", "weight": 1},
            },
        },
        {"id": "e2", "name": "Budi", "team": "fin", "site": "hq", "unavailable": ["2026-12-10"]},
        {"id": "e3", "name": "Citra", "team": "fin", "site": "hq"},
    ],
}


def _infeasible() -> dict[str, Any]:
    problem = copy.deepcopy(NORMAL_PROBLEM)
    problem["sites"][0]["desks"] = 2  # the whole team must be in the office for Tuesday's meeting
    return problem


def _invalid() -> dict[str, Any]:
    problem = copy.deepcopy(NORMAL_PROBLEM)
    problem["policy"]["start"]["earliest"] = "07:10"
    problem["employees"][1]["team"] = "fni"
    return problem


INFEASIBLE_PROBLEM = _infeasible()
INVALID_PROBLEM = _invalid()

PROBLEM_EXAMPLES: dict[str, dict[str, Any]] = {
    "normal": {
        "summary": "A team of three",
        "description": "A roster exists: the answer has status optimal.",
        "value": NORMAL_PROBLEM,
    },
    "infeasible": {
        "summary": "Too few desks for the team meeting",
        "description": "Valid, but no roster exists: status infeasible with an explanation.",
        "value": INFEASIBLE_PROBLEM,
    },
    "invalid": {
        "summary": "An unknown team and an off-grid start",
        "description": "Rejected with 422, every error at once.",
        "value": INVALID_PROBLEM,
    },
}

_ONE_PERSON: dict[str, Any] = {
    "horizon": {"start": "2026-12-07", "days": 5},
    "sites": [{"id": "hq", "desks": 1}],
    "employees": [{"id": "e1", "name": "Ayu", "site": "hq"}],
}


def _day(date: str, location: str, hours: float = 8.0) -> dict[str, Any]:
    end = 8 * 60 + round(hours * 60) + 60
    day: dict[str, Any] = {"employee": "e1", "date": date, "location": location, "start": "08:00"}
    day.update({"end": f"{end // 60:02d}:{end % 60:02d}", "hours": hours})
    if location == "office":
        day["site"] = "hq"
    return day


VALID_CHECK: dict[str, Any] = {
    "problem": _ONE_PERSON,
    "roster": {
        "assignments": [
            _day("2026-12-07", "office"),
            _day("2026-12-08", "office"),
            _day("2026-12-09", "office"),
            _day("2026-12-10", "home"),
            _day("2026-12-11", "home"),
        ]
    },
}
VIOLATING_CHECK: dict[str, Any] = copy.deepcopy(VALID_CHECK)
VIOLATING_CHECK["roster"]["assignments"][4] = _day("2026-12-11", "home", hours=6.0)
INVALID_CHECK: dict[str, Any] = copy.deepcopy(VALID_CHECK)
INVALID_CHECK["problem"]["horizon"]["days"] = 0

CHECK_EXAMPLES: dict[str, dict[str, Any]] = {
    "valid": {
        "summary": "A valid hand-made week",
        "description": "No violations; the score is recomputed.",
        "value": VALID_CHECK,
    },
    "violations": {
        "summary": "A short Friday",
        "description": "Six hours on Friday break the daily and weekly hours.",
        "value": VIOLATING_CHECK,
    },
    "invalid": {
        "summary": "A horizon of zero days",
        "description": "Rejected with 422.",
        "value": INVALID_CHECK,
    },
}
