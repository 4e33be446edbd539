"""Validation of what SPEC v1.1 adds: patterns, frozen entries, whole previous entries, weights.

Each bad case names its JSON path; a problem with several is reported at once.
"""

from __future__ import annotations

from typing import Any

import pytest

from optimizer import InvalidProblem, parse_problem
from tests.core.tiny import day, tiny_problem

WORKED = {"employee": "e1", "date": day("mon"), "location": "home", "start": "09:00", "hours": 8}


def errors_of(data: dict[str, Any]) -> list[tuple[tuple, str]]:
    with pytest.raises(InvalidProblem) as caught:
        parse_problem(data)
    return [(error.loc, error.msg) for error in caught.value.errors]


def with_team(pattern: dict[str, Any]) -> dict[str, Any]:
    return tiny_problem(2, team=True, teams=[{"id": "t", "pattern": pattern}])


@pytest.mark.parametrize(
    ("data", "loc", "word"),
    [
        (with_team({"monday": "office"}), ("teams", 0, "pattern", "monday", "[key]"), "mon"),
        (with_team({"mon": "coworking"}), ("teams", 0, "pattern", "mon"), "remote"),
        (with_team({"mon": "off"}), ("teams", 0, "pattern", "mon"), "remote"),
        (tiny_problem(frozen=[{**WORKED, "employee": "e9"}]), ("frozen", 0, "employee"), "e9"),
        (tiny_problem(frozen=[WORKED, {**WORKED, "location": "office"}]), ("frozen", 1), "second"),
        (tiny_problem(frozen=[{**WORKED, "location": "remote"}]), ("frozen", 0, "location"), "office"),
        (
            tiny_problem(frozen=[{k: v for k, v in WORKED.items() if k != "start"}]),
            ("frozen", 0, "start"),
            "start",
        ),
        (
            tiny_problem(frozen=[{k: v for k, v in WORKED.items() if k != "hours"}]),
            ("frozen", 0, "hours"),
            "hours",
        ),
        (
            tiny_problem(frozen=[{**WORKED, "location": "office", "site": "annex"}]),
            ("frozen", 0, "site"),
            "annex",
        ),
        (tiny_problem(frozen=[{**WORKED, "start": "9am"}]), ("frozen", 0, "start"), "HH:MM"),
        (tiny_problem(previous=[{**WORKED, "hours": "eight"}]), ("previous", 0, "hours"), "number"),
        (
            tiny_problem(previous=[{**WORKED, "colour": "red"}]),
            ("previous", 0, "colour"),
            "not a field of a previous assignment",
        ),
        (tiny_problem(weights={"pattern": -1}), ("weights", "pattern"), "should be at least 0"),
        (tiny_problem(weights={"pattern": 1.5}), ("weights", "pattern"), "whole number"),
        (
            tiny_problem([{"preferences": {"days": [{"weekday": "mon", "location": "home", "weight": -2}]}}]),
            ("employees", 0, "preferences", "days", 0, "weight"),
            "should be at least 0",
        ),
    ],
)
def test_v11_input_error_names_its_path(data: dict[str, Any], loc: tuple, word: str):
    errors = errors_of(data)
    assert [found for found, _ in errors] == [loc], errors
    assert word in errors[0][1]


def test_a_published_roster_is_accepted_as_previous_unchanged():
    # The assignments a solve returns (site, start, end, hours) pass as previous: only types are checked,
    # so even a site or a start off the grid is accepted and ignored.
    previous = [
        {**WORKED, "location": "office", "site": "elsewhere", "start": "09:10", "end": "18:10"},
        {"employee": "e1", "date": day("tue"), "location": "off"},
    ]
    problem = parse_problem(tiny_problem(previous=previous))
    assert [entry.location for entry in problem.previous] == ["office", "off"]


def test_valid_v11_input_is_accepted():
    data = tiny_problem(
        2,
        team=True,
        teams=[{"id": "t", "pattern": {"mon": "office", "thu": "remote", "fri": "home", "wed": "other"}}],
        frozen=[
            {**WORKED, "location": "office", "site": "hq", "end": "ignored"},
            {"employee": "e2", "date": day("tue"), "location": "off"},
            {**WORKED, "date": day("sun")},  # not a working day: no effect, no error
        ],
    )
    del data["weights"]
    problem = parse_problem(data)
    assert problem.weights.pattern == 10  # the default weight of the pattern term
    assert len(problem.frozen) == 3


def test_every_frozen_error_is_reported_at_once():
    data = tiny_problem(
        frozen=[
            {**WORKED, "employee": "e9"},
            {k: v for k, v in WORKED.items() if k != "hours"},
            {**WORKED, "location": "office", "site": "annex", "start": "10:00"},
        ]
    )
    assert [loc for loc, _ in errors_of(data)] == [
        ("frozen", 0, "employee"),
        ("frozen", 1, "hours"),
        ("frozen", 2),
        ("frozen", 2, "site"),
    ]
