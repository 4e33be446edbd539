"""Validation (SPEC §2, issue §2): one test per kind of bad input, each naming its JSON path.

Each case changes one thing in a valid two-person problem and expects exactly
one error at the given ``loc`` whose message names the problem.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from optimizer import InvalidProblem, parse_problem
from tests.core.tiny import day, tiny_problem

Data = dict[str, Any]


def base() -> Data:
    """A valid problem: two members of team t at site hq, with a VPN resource and a meeting."""
    data = tiny_problem(
        [{"needs": ["vpn"]}, {}],
        team=True,
        resources=[{"id": "vpn", "capacity": 1}],
        teams=[{"id": "t", "meetings": [{"weekday": "tue", "start": "09:00", "end": "11:00"}]}],
    )
    return copy.deepcopy(data)


def errors_of(data: Any) -> list:
    with pytest.raises(InvalidProblem) as caught:
        parse_problem(data)
    return caught.value.errors


def employee(index: int, **fields: Any) -> Callable[[Data], None]:
    return lambda d: d["employees"][index].update(fields)


def policy(**fields: Any) -> Callable[[Data], None]:
    return lambda d: d["policy"].update(fields)


def horizon(**fields: Any) -> Callable[[Data], None]:
    return lambda d: d["horizon"].update(fields)


def meeting(**fields: Any) -> Callable[[Data], None]:
    return lambda d: d["teams"][0]["meetings"][0].update(fields)


def _both(*changes: Callable[[Data], None]) -> Callable[[Data], None]:
    def apply(d: Data) -> None:
        for change in changes:
            change(d)

    return apply


MEETING_END = ("teams", 0, "meetings", 0, "end")

# (id, change, expected loc, a word the message must contain)
CASES: list[tuple[str, Callable[[Data], None], tuple, str]] = [
    ("duplicate-employee-id", employee(1, id="e1"), ("employees", 1, "id"), "duplicate"),
    (
        "duplicate-site-id",
        lambda d: d["sites"].append({"id": "hq", "desks": 1}),
        ("sites", 1, "id"),
        "duplicate",
    ),
    (
        "duplicate-resource-id",
        lambda d: d["resources"].append({"id": "vpn", "capacity": 2}),
        ("resources", 1, "id"),
        "duplicate",
    ),
    ("duplicate-team-id", lambda d: d["teams"].append({"id": "t"}), ("teams", 1, "id"), "duplicate"),
    ("unknown-team", employee(1, team="fni"), ("employees", 1, "team"), "fni"),
    ("unknown-site", employee(1, site="annex"), ("employees", 1, "site"), "annex"),
    ("unknown-resource", employee(1, needs=["vpn", "car"]), ("employees", 1, "needs", 1), "car"),
    (
        "unknown-previous-employee",
        lambda d: d.update(previous=[{"employee": "zz", "date": day("mon"), "location": "home"}]),
        ("previous", 0, "employee"),
        "zz",
    ),
    (
        "unknown-meeting-attendee",
        meeting(attendees=["e1", "zz"]),
        ("teams", 0, "meetings", 0, "attendees", 1),
        "zz",
    ),
    ("start-window-off-grid", policy(start={"earliest": "07:10"}), ("policy", "start", "earliest"), "grid"),
    (
        "employee-start-window-off-grid",
        employee(0, start={"latest": "09:45"}),
        ("employees", 0, "start", "latest"),
        "grid",
    ),
    (
        "daily-hours-off-grid",
        policy(daily_hours={"min": 7.75, "max": 8}),
        ("policy", "daily_hours", "min"),
        "30-minute",
    ),
    (
        "employee-daily-hours-off-grid",
        _both(policy(step_minutes=60), employee(1, daily_hours={"min": 7, "max": 7.5})),
        ("employees", 1, "daily_hours", "max"),
        "60-minute",
    ),
    (
        "preferred-start-off-grid",
        employee(0, preferences={"start": {"time": "08:15", "weight": 1}}),
        ("employees", 0, "preferences", "start", "time"),
        "08:15",
    ),
    (
        "clock-after-24",
        policy(core_hours={"start": "10:00", "end": "24:30"}),
        ("policy", "core_hours", "end"),
        "24:30",
    ),
    ("clock-25", lambda d: d["sites"][0].update(close="25:00"), ("sites", 0, "close"), "25:00"),
    ("clock-minutes-60", policy(start={"earliest": "07:60"}), ("policy", "start", "earliest"), "07:60"),
    (
        "clock-without-leading-zero",
        policy(start={"earliest": "7:00"}),
        ("policy", "start", "earliest"),
        "HH:MM",
    ),
    ("clock-words", meeting(start="nine"), ("teams", 0, "meetings", 0, "start"), "HH:MM"),
    ("min-above-max", policy(weekly_hours={"min": 41, "max": 40}), ("policy", "weekly_hours"), "greater"),
    (
        "office-days-min-above-max",
        policy(office_days={"min": 4, "max": 2}),
        ("policy", "office_days"),
        "greater",
    ),
    ("policy-min-above-default-max", policy(daily_hours={"min": 9}), ("policy", "daily_hours"), "merged"),
    (
        "employee-min-above-merged-max",
        employee(0, daily_hours={"min": 9}),
        ("employees", 0, "daily_hours"),
        "merged",
    ),
    (
        "employee-max-below-policy-min",
        _both(policy(office_days={"min": 2, "max": 4}), employee(1, office_days={"max": 1})),
        ("employees", 1, "office_days"),
        "merged",
    ),
    (
        "start-earliest-after-latest",
        policy(start={"earliest": "10:00", "latest": "08:00"}),
        ("policy", "start"),
        "after",
    ),
    ("unknown-workday", horizon(workdays=["mon", "xyz"]), ("horizon", "workdays", 1), "mon"),
    ("unknown-meeting-weekday", meeting(weekday="monday"), ("teams", 0, "meetings", 0, "weekday"), "mon"),
    (
        "unknown-break-weekday",
        policy(break_minutes_by_weekday={"friday": 90}),
        ("policy", "break_minutes_by_weekday", "friday", "[key]"),
        "fri",
    ),
    (
        "unknown-location",
        employee(0, locations=["office", "garden"]),
        ("employees", 0, "locations", 1),
        "office",
    ),
    ("fixed-off", employee(0, fixed={day("mon"): "off"}), ("employees", 0, "fixed", day("mon")), "office"),
    (
        "unknown-previous-location",
        lambda d: d.update(previous=[{"employee": "e1", "date": day("mon"), "location": "beach"}]),
        ("previous", 0, "location"),
        "off",
    ),
    (
        "unknown-preference-location",
        employee(0, preferences={"days": [{"weekday": "mon", "location": "garden"}]}),
        ("employees", 0, "preferences", "days", 0, "location"),
        "office",
    ),
    ("empty-locations", employee(0, locations=[]), ("employees", 0, "locations"), "at least 1"),
    ("horizon-0-days", horizon(days=0), ("horizon", "days"), "1"),
    ("horizon-43-days", horizon(days=43), ("horizon", "days"), "42"),
    ("horizon-start-not-a-date", horizon(start="2026-13-01"), ("horizon", "start"), "date"),
    ("step-not-allowed", policy(step_minutes=7), ("policy", "step_minutes"), "30"),
    ("negative-weight", lambda d: d["weights"].update(preference=-1), ("weights", "preference"), "0"),
    (
        "negative-preference-weight",
        employee(0, preferences={"days": [{"weekday": "mon", "location": "home", "weight": -2}]}),
        ("employees", 0, "preferences", "days", 0, "weight"),
        "0",
    ),
    ("negative-desks", lambda d: d["sites"][0].update(desks=-1), ("sites", 0, "desks"), "0"),
    (
        "negative-desks-by-date",
        lambda d: d["sites"][0].update(desks_by_date={day("mon"): -2}),
        ("sites", 0, "desks_by_date", day("mon")),
        "0",
    ),
    ("negative-capacity", lambda d: d["resources"][0].update(capacity=-3), ("resources", 0, "capacity"), "0"),
    (
        "negative-min-in-office",
        lambda d: d["teams"][0].update(min_in_office=-1),
        ("teams", 0, "min_in_office"),
        "0",
    ),
    ("negative-break", policy(break_minutes=-5), ("policy", "break_minutes"), "0"),
    ("lonely-threshold-above-1", lambda d: d.update(lonely_threshold=1.5), ("lonely_threshold",), "1"),
    (
        "fixed-outside-horizon",
        employee(0, fixed={"2026-12-20": "office"}),
        ("employees", 0, "fixed", "2026-12-20"),
        "outside the horizon",
    ),
    (
        "meeting-end-before-start",
        meeting(start="11:00", end="09:00"),
        ("teams", 0, "meetings", 0, "end"),
        "end",
    ),
    (
        "meeting-end-equals-start",
        meeting(start="11:00", end="11:00"),
        ("teams", 0, "meetings", 0, "end"),
        "end",
    ),
    ("meeting-without-day", meeting(weekday=None), ("teams", 0, "meetings", 0), "weekday"),
    (
        "office-employee-without-site",
        lambda d: d["employees"][0].pop("site"),
        ("employees", 0, "site"),
        "site",
    ),
    ("unknown-holiday-calendar", horizon(holiday_calendar="XX"), ("horizon", "holiday_calendar"), "XX"),
    (
        "unknown-field",
        employee(0, colour="blue"),
        ("employees", 0, "colour"),
        "is not a field of an employee",
    ),
    (
        "unknown-top-level-field",
        lambda d: d.update(deadline="friday"),
        ("deadline",),
        "not a field of a problem",
    ),
    (
        "unknown-policy-field",
        policy(weekly_hour={"min": 1}),
        ("policy", "weekly_hour"),
        "'weekly_hour' is not a field of the policy; did you mean 'weekly_hours'?",
    ),
    ("missing-desks", lambda d: d["sites"][0].pop("desks"), ("sites", 0, "desks"), "required"),
    ("missing-horizon-start", lambda d: d["horizon"].pop("start"), ("horizon", "start"), "required"),
]


@pytest.mark.parametrize(
    ("change", "loc", "word"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_validation_error_names_its_path(change, loc, word):
    data = base()
    change(data)
    errors = errors_of(data)
    assert [error.loc for error in errors] == [loc], errors
    assert word.lower() in errors[0].msg.lower()
    assert "Value error" not in errors[0].msg
    detail = errors[0].as_dict()
    assert detail["loc"] == list(loc)
    assert set(detail) == {"loc", "msg", "type"}


def test_the_base_problem_is_valid():
    problem = parse_problem(base())
    assert [e.id for e in problem.employees] == ["e1", "e2"]


@pytest.mark.parametrize(
    "change",
    [
        employee(0, locations=["home"], site=None),
        horizon(days=42),
        horizon(holiday_calendar="ID"),
        employee(0, unavailable=["2027-03-01"]),
        employee(0, preferences={"days": [{"date": "2030-01-01", "location": "home"}]}),
        lambda d: d["sites"][0].update(desks_by_date={"2030-01-01": 0}),
        meeting(weekday=None, date="2030-01-01"),
        lambda d: d.update(previous=[{"employee": "e1", "date": "2020-01-01", "location": "off"}]),
        employee(0, fixed={day("mon"): "home"}, locations=["office"]),
        policy(core_hours={"start": "10:07", "end": "24:00"}),
        lambda d: d.update(lonely_threshold=0),
    ],
    ids=[
        "home-only-without-site",
        "horizon-42-days",
        "known-holiday-calendar",
        "leave-outside-horizon",
        "preference-outside-horizon",
        "desks-by-date-outside-horizon",
        "meeting-outside-horizon",
        "previous-outside-horizon",
        "conflict-is-not-a-validation-error",
        "core-hours-off-grid-allowed",
        "lonely-threshold-0",
    ],
)
def test_valid_edge_cases_are_accepted(change):
    # Dates outside the horizon (except fixed) have no effect; conflicts between valid rules are left to
    # the solver (status infeasible), not to validation; core hours may be any minute.
    data = base()
    change(data)
    parse_problem(data)


def test_all_errors_are_reported_at_once():
    # Three independent mistakes: a duplicate id, an unknown team, a start off the grid.
    data = base()
    data["employees"][1]["id"] = "e1"
    data["employees"][0]["team"] = "fni"
    data["policy"]["start"] = {"earliest": "07:10"}
    errors = errors_of(data)
    assert sorted(error.loc for error in errors) == sorted(
        [("employees", 1, "id"), ("employees", 0, "team"), ("policy", "start", "earliest")]
    )


def test_all_shape_errors_are_reported_at_once():
    data = base()
    data["horizon"]["days"] = 43
    data["sites"][0]["desks"] = -1
    data["weights"]["change"] = -4
    errors = errors_of(data)
    assert sorted(error.loc for error in errors) == sorted(
        [("horizon", "days"), ("sites", 0, "desks"), ("weights", "change")]
    )


def test_shape_and_reference_errors_are_reported_together():
    # SPEC §4: bad input is rejected "with every problem found at once".
    data = base()
    data["horizon"]["days"] = 43
    data["employees"][0]["team"] = "fni"
    data["policy"]["start"] = {"earliest": "07:10"}
    errors = errors_of(data)
    assert sorted(error.loc for error in errors) == sorted(
        [("horizon", "days"), ("employees", 0, "team"), ("policy", "start", "earliest")]
    )


@pytest.mark.parametrize("data", [[1, 2], "problem", None, {}], ids=["list", "string", "null", "empty"])
def test_not_a_problem_at_all(data):
    errors = errors_of(data)
    assert errors
    assert all(error.msg for error in errors)


def test_error_string_names_the_path():
    data = base()
    data["employees"][1]["team"] = "fni"
    with pytest.raises(InvalidProblem) as caught:
        parse_problem(data)
    assert str(caught.value.errors[0]) == "employees[1].team: unknown team 'fni'"
    assert "employees[1].team" in str(caught.value)
