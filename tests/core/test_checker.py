"""The checker on hand-made rosters: each hard constraint broken on its own, and a valid twin.

The base roster puts everyone in the office 09:00–18:00 (8 h and a 60-minute
break) Monday to Friday of week 2026-W50; each case changes a few cells so
that exactly one constraint is broken, and names the violations expected
(constraint and subject). Its twin changes the same cells in a way the rules
allow and must come out valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from optimizer import Assignment, check, parse_problem
from optimizer.domain.solution import HARD_CONSTRAINTS, TeamDays, Violation
from tests.core.tiny import WEEK, day, off, tiny_problem, week_roster, worked

SUBJECT_FIELDS = ("employee", "date", "week", "site", "team", "resource")
FREE_WEEK = {"weekly_hours": {"min": 0, "max": 50}}


@dataclass
class Case:
    """A problem, a roster change that breaks one rule, the violations expected, and a valid twin."""

    constraint: str
    problem: dict[str, Any]
    bad: dict[tuple[str, str], Assignment | None]
    expected: list[dict[str, str]]
    twin: dict[tuple[str, str], Assignment | None] = field(default_factory=dict)
    extra: list[Assignment] = field(default_factory=list)
    team_days: list[TeamDays] | None = None
    twin_team_days: list[TeamDays] | None = None


def subject(violation: Violation) -> dict[str, str]:
    """The fields of a violation that say what it is about, as strings."""
    values = {name: getattr(violation, name) for name in SUBJECT_FIELDS}
    return {name: str(value) for name, value in values.items() if value is not None}


def team_day(weekday: str) -> list[TeamDays]:
    return [TeamDays(team="t", week=WEEK, dates=[day(weekday)])]


def home(employee: str, weekday: str, start: str = "09:00", end: str = "18:00") -> Assignment:
    return worked(employee, day(weekday), "home", start, end)


MEETING = {"weekday": "tue", "start": "09:00", "end": "11:00"}
VPN_USERS = [{"needs": ["vpn"]}, {"needs": ["vpn"]}]

CASES = [
    Case(
        "one_assignment",
        tiny_problem(policy=FREE_WEEK),
        bad={("e1", "wed"): None},
        expected=[{"employee": "e1", "date": day("wed")}],
    ),
    Case(
        "one_assignment",
        tiny_problem(),
        bad={},
        extra=[worked("e1", day("wed"), "home")],
        expected=[{"employee": "e1", "date": day("wed")}],
    ),
    Case(
        "one_assignment",
        tiny_problem(days=7),
        bad={},
        extra=[worked("e1", day("sat"))],
        expected=[{"employee": "e1", "date": day("sat")}],
    ),
    Case(
        "one_assignment",
        tiny_problem(horizon={"holidays": [day("fri")]}, policy=FREE_WEEK),
        bad={},
        expected=[{"employee": "e1", "date": day("fri")}],
        twin={("e1", "fri"): None},
    ),
    Case(
        "one_assignment",
        tiny_problem(),
        bad={},
        extra=[worked("nobody", day("mon"))],
        expected=[{"employee": "nobody", "date": day("mon")}],
    ),
    Case(
        "unavailable",
        tiny_problem([{"unavailable": [day("wed")]}], policy=FREE_WEEK),
        bad={("e1", "wed"): worked("e1", day("wed"))},
        expected=[{"employee": "e1", "date": day("wed")}],
    ),
    Case(
        "no_off_day",
        tiny_problem(policy=FREE_WEEK),
        bad={("e1", "wed"): off("e1", day("wed"))},
        expected=[{"employee": "e1", "date": day("wed")}],
    ),
    Case(
        "fixed",
        tiny_problem([{"fixed": {day("mon"): "office"}}]),
        bad={("e1", "mon"): home("e1", "mon")},
        expected=[{"employee": "e1", "date": day("mon")}],
        twin={("e1", "tue"): home("e1", "tue")},
    ),
    Case(
        # A published home day kept at 09:00 for 8 h: the same location at 09:30 breaks it.
        "frozen",
        tiny_problem(
            frozen=[{"employee": "e1", "date": day("mon"), "location": "home", "start": "09:00", "hours": 8}]
        ),
        bad={("e1", "mon"): home("e1", "mon", start="09:30", end="18:30")},
        expected=[{"employee": "e1", "date": day("mon")}],
        twin={("e1", "mon"): home("e1", "mon")},
    ),
    Case(
        # Frozen at home but in the office: the location breaks it.
        "frozen",
        tiny_problem(
            frozen=[{"employee": "e1", "date": day("tue"), "location": "home", "start": "09:00", "hours": 8}]
        ),
        bad={},
        expected=[{"employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): home("e1", "tue")},
    ),
    Case(
        # Fixed and unavailable on one date: unavailable wins, so working there breaks unavailable.
        "unavailable",
        tiny_problem([{"fixed": {day("mon"): "home"}, "unavailable": [day("mon")]}], policy=FREE_WEEK),
        bad={("e1", "mon"): home("e1", "mon")},
        expected=[{"employee": "e1", "date": day("mon")}],
        twin={("e1", "mon"): off("e1", day("mon"))},
    ),
    Case(
        "allowed_location",
        tiny_problem([{"locations": ["office", "home"]}]),
        bad={("e1", "tue"): worked("e1", day("tue"), "other")},
        expected=[{"employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): home("e1", "tue")},
    ),
    Case(
        "allowed_location",
        tiny_problem(sites=[{"id": "hq", "desks": 1}, {"id": "annex", "desks": 1}]),
        bad={("e1", "tue"): worked("e1", day("tue"), site="annex")},
        expected=[{"employee": "e1", "date": day("tue")}],
    ),
    Case(
        "start_window",
        tiny_problem(),
        bad={("e1", "tue"): worked("e1", day("tue"), start="06:30", end="15:30")},
        expected=[{"employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): worked("e1", day("tue"), start="07:00", end="16:00")},
    ),
    Case(
        "start_window",
        tiny_problem(),
        bad={("e1", "tue"): worked("e1", day("tue"), start="09:15", end="18:15")},
        expected=[{"employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): worked("e1", day("tue"), start="09:30", end="18:30")},
    ),
    Case(
        "start_window",
        tiny_problem(),
        bad={("e1", "tue"): worked("e1", day("tue"), start="10:30", end="19:30")},
        expected=[{"employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): worked("e1", day("tue"), start="10:00", end="19:00")},
    ),
    Case(
        "span",
        tiny_problem(),
        bad={("e1", "tue"): worked("e1", day("tue"), end="17:00")},
        expected=[{"employee": "e1", "date": day("tue")}],
    ),
    Case(
        "span",
        tiny_problem(policy={"start": {"earliest": "07:00", "latest": "16:00"}}),
        bad={("e1", "tue"): worked("e1", day("tue"), start="16:00", end="01:00")},
        expected=[{"employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): worked("e1", day("tue"), start="15:00", end="24:00")},
    ),
    Case(
        "span",
        tiny_problem(policy={"break_minutes_by_weekday": {"fri": 90}}),
        bad={},
        expected=[{"employee": "e1", "date": day("fri")}],
        twin={("e1", "fri"): worked("e1", day("fri"), end="18:30")},
    ),
    Case(
        "daily_hours",
        tiny_problem(policy=FREE_WEEK),
        bad={("e1", "tue"): worked("e1", day("tue"), end="17:30", hours=7.5)},
        expected=[{"employee": "e1", "date": day("tue")}],
    ),
    Case(
        "daily_hours",
        tiny_problem(policy={**FREE_WEEK, "daily_hours": {"min": 7, "max": 8}}),
        bad={("e1", "tue"): worked("e1", day("tue"), end="17:45", hours=7.75)},
        expected=[{"employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): worked("e1", day("tue"), end="17:30", hours=7.5)},
    ),
    Case(
        "weekly_hours",
        tiny_problem(policy={"daily_hours": {"min": 7.5, "max": 8}}),
        bad={("e1", "tue"): worked("e1", day("tue"), end="17:30", hours=7.5)},
        expected=[{"employee": "e1", "week": WEEK}],
    ),
    Case(
        # Leave on Wednesday prorates 38–40 h to 30.4–32 h, floored to the step: 30–32 h. Four
        # 7-hour days are too few; four 7.5-hour days are enough.
        "weekly_hours",
        tiny_problem(
            [{"unavailable": [day("wed")]}],
            policy={"weekly_hours": {"min": 38, "max": 40}, "daily_hours": {"min": 7, "max": 8.5}},
        ),
        bad={("e1", w): worked("e1", day(w), end="17:00", hours=7) for w in ("mon", "tue", "thu", "fri")},
        expected=[{"employee": "e1", "week": WEEK}],
        twin={("e1", w): worked("e1", day(w), end="17:30", hours=7.5) for w in ("mon", "tue", "thu", "fri")},
    ),
    Case(
        "core_hours",
        tiny_problem(
            policy={
                "core_hours": {"start": "10:00", "end": "16:00"},
                "start": {"earliest": "07:00", "latest": "11:00"},
            }
        ),
        bad={("e1", "tue"): worked("e1", day("tue"), start="10:30", end="19:30")},
        expected=[{"employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): worked("e1", day("tue"), start="10:00", end="19:00")},
    ),
    Case(
        "core_hours",
        tiny_problem(
            policy={"core_hours": {"start": "10:00", "end": "16:30"}, "daily_hours": {"min": 6, "max": 8}}
        ),
        bad={("e1", "tue"): worked("e1", day("tue"), start="07:00", end="16:00", hours=8)},
        expected=[{"employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): worked("e1", day("tue"), start="07:30", end="16:30", hours=8)},
    ),
    Case(
        "opening_hours",
        tiny_problem(sites=[{"id": "hq", "desks": 1, "open": "08:00", "close": "18:00"}]),
        bad={("e1", "tue"): worked("e1", day("tue"), start="09:30", end="18:30")},
        expected=[{"employee": "e1", "date": day("tue"), "site": "hq"}],
        twin={("e1", "tue"): home("e1", "tue", start="09:30", end="18:30")},
    ),
    Case(
        "opening_hours",
        tiny_problem(sites=[{"id": "hq", "desks": 1, "open": "09:30", "close": "24:00"}]),
        bad={},
        expected=[
            {"employee": "e1", "date": day(w), "site": "hq"} for w in ("mon", "tue", "wed", "thu", "fri")
        ],
        twin={(("e1", w)): home("e1", w) for w in ("mon", "tue", "wed", "thu", "fri")},
    ),
    Case(
        "site_capacity",
        tiny_problem(2, sites=[{"id": "hq", "desks": 2, "desks_by_date": {day("tue"): 1}}]),
        bad={},
        expected=[{"site": "hq", "date": day("tue")}],
        twin={("e2", "tue"): home("e2", "tue")},
    ),
    Case(
        "resource_capacity",
        tiny_problem(VPN_USERS, resources=[{"id": "vpn", "capacity": 1}]),
        bad={("e1", "tue"): home("e1", "tue"), ("e2", "tue"): worked("e2", day("tue"), "other")},
        expected=[{"resource": "vpn", "date": day("tue")}],
        twin={("e1", "tue"): home("e1", "tue")},
    ),
    Case(
        "resource_capacity",
        tiny_problem(
            VPN_USERS, resources=[{"id": "vpn", "capacity": 2, "capacity_by_date": {day("wed"): 1}}]
        ),
        bad={("e1", "wed"): home("e1", "wed"), ("e2", "wed"): home("e2", "wed")},
        expected=[{"resource": "vpn", "date": day("wed")}],
        twin={("e1", "tue"): home("e1", "tue"), ("e2", "tue"): home("e2", "tue")},
    ),
    Case(
        "office_days",
        tiny_problem(policy={"office_days": {"max": 4}}),
        bad={},
        expected=[{"employee": "e1", "week": WEEK}],
        twin={("e1", "fri"): home("e1", "fri")},
    ),
    Case(
        "office_days",
        tiny_problem([{"office_days": {"min": 2}}]),
        bad={("e1", w): home("e1", w) for w in ("mon", "tue", "wed", "thu")},
        expected=[{"employee": "e1", "week": WEEK}],
        twin={("e1", w): home("e1", w) for w in ("mon", "tue", "wed")},
    ),
    Case(
        "remote_days",
        tiny_problem(policy={"remote_days": {"max": 2}}),
        bad={
            ("e1", "mon"): home("e1", "mon"),
            ("e1", "tue"): worked("e1", day("tue"), "other"),
            ("e1", "wed"): home("e1", "wed"),
        },
        expected=[{"employee": "e1", "week": WEEK}],
        twin={("e1", "mon"): home("e1", "mon"), ("e1", "tue"): worked("e1", day("tue"), "other")},
    ),
    Case(
        "team_meeting",
        tiny_problem(1, team=True, teams=[{"id": "t", "meetings": [MEETING]}]),
        bad={("e1", "tue"): home("e1", "tue")},
        expected=[{"team": "t", "employee": "e1", "date": day("tue")}],
        twin={("e1", "wed"): home("e1", "wed")},
    ),
    Case(
        "team_meeting",
        tiny_problem(1, team=True, teams=[{"id": "t", "meetings": [MEETING]}]),
        bad={("e1", "tue"): worked("e1", day("tue"), start="09:30", end="18:30")},
        expected=[{"team": "t", "employee": "e1", "date": day("tue")}],
        twin={("e1", "tue"): worked("e1", day("tue"), start="07:00", end="16:00")},
    ),
    Case(
        "team_meeting",
        tiny_problem(
            2,
            team=True,
            teams=[
                {
                    "id": "t",
                    "meetings": [{"date": day("thu"), "start": "17:00", "end": "18:30", "attendees": ["e2"]}],
                }
            ],
        ),
        bad={("e2", "thu"): worked("e2", day("thu"), start="08:00", end="17:00")},
        expected=[{"team": "t", "employee": "e2", "date": day("thu")}],
        twin={
            ("e1", "thu"): home("e1", "thu", start="08:00", end="17:00"),
            ("e2", "thu"): worked("e2", day("thu"), start="09:30", end="18:30"),
        },
    ),
    Case(
        "anchor_days",
        tiny_problem(2, team=True, teams=[{"id": "t", "anchor_days": 1}]),
        bad={("e1", w): home("e1", w) for w in ("mon", "tue", "wed")}
        | {("e2", w): home("e2", w) for w in ("thu", "fri")},
        expected=[{"team": "t", "week": WEEK}],
        twin={("e1", w): home("e1", w) for w in ("mon", "tue", "wed")} | {("e2", "thu"): home("e2", "thu")},
    ),
    Case(
        "anchor_days",
        tiny_problem(2, team=True, teams=[{"id": "t", "anchor_days": 1}]),
        bad={("e1", "mon"): home("e1", "mon")},
        team_days=team_day("mon"),
        expected=[{"team": "t", "week": WEEK}],
        twin={("e1", "mon"): home("e1", "mon")},
        twin_team_days=team_day("fri"),
    ),
    Case(
        "min_in_office",
        tiny_problem(2, team=True, teams=[{"id": "t", "min_in_office": 1}]),
        bad={("e1", "mon"): home("e1", "mon"), ("e2", "mon"): home("e2", "mon")},
        expected=[{"team": "t", "date": day("mon")}],
        twin={("e1", "mon"): home("e1", "mon"), ("e2", "tue"): home("e2", "tue")},
    ),
]


def _case_id(case: Case) -> str:
    return case.constraint


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_checker_reports_exactly_the_broken_constraint(case: Case):
    problem = parse_problem(case.problem)
    roster = week_roster(problem, case.bad) + case.extra
    result = check(problem, roster, case.team_days)
    assert not result.valid
    found = [(v.constraint, subject(v)) for v in result.violations]
    assert found == [(case.constraint, expected) for expected in case.expected]
    assert all(v.message for v in result.violations)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_checker_accepts_the_valid_twin(case: Case):
    problem = parse_problem(case.problem)
    roster = week_roster(problem, case.twin)
    result = check(problem, roster, case.twin_team_days)
    assert result.violations == []
    assert result.valid


def test_every_hard_constraint_has_a_checker_case():
    assert {case.constraint for case in CASES} == set(HARD_CONSTRAINTS)


def test_checker_reports_every_violation_at_once():
    # One roster breaking three rules on three days: all three are listed.
    problem = parse_problem(
        tiny_problem(
            2, team=True, teams=[{"id": "t", "min_in_office": 1}], policy={"remote_days": {"max": 4}}
        )
    )
    roster = week_roster(
        problem,
        {
            ("e1", "mon"): home("e1", "mon"),
            ("e2", "mon"): home("e2", "mon"),
            ("e1", "tue"): worked("e1", day("tue"), start="11:00", end="20:00"),
            ("e2", "wed"): None,
        },
    )
    result = check(problem, roster)
    found = sorted((v.constraint, v.date.isoformat() if v.date else v.week) for v in result.violations)
    assert found == sorted(
        [
            ("min_in_office", day("mon")),
            ("start_window", day("tue")),
            ("one_assignment", day("wed")),
            ("weekly_hours", WEEK),
        ]
    )


def test_checker_reports_unreadable_times_without_crashing():
    problem = parse_problem(tiny_problem())
    bad = Assignment(
        employee="e1", date=day("tue"), location="office", site="hq", start="9h", end=None, hours=8
    )
    result = check(problem, week_roster(problem, {("e1", "tue"): bad}))
    assert {v.constraint for v in result.violations} == {"start_window", "span"}
    assert all(v.employee == "e1" and v.date.isoformat() == day("tue") for v in result.violations)
