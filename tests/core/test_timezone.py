"""horizon.timezone (SPEC v1.1): a zone or link of the tz database, matched exactly."""

from __future__ import annotations

import pytest

from optimizer.domain.validation import InvalidProblem, parse_problem


def _problem(zone: object) -> dict:
    return {"horizon": {"start": "2026-12-07", "days": 5, "timezone": zone}, "sites": [], "employees": []}


@pytest.mark.parametrize(
    "zone", ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Europe/Berlin", "UTC", None]
)
def test_zones_and_null_are_accepted(zone):
    assert parse_problem(_problem(zone)).horizon.timezone == zone


@pytest.mark.parametrize(
    "zone", ["asia/jakarta", "localtime", "posixrules", "Factory", "Mars/Olympus", "", 7]
)
def test_anything_else_is_an_error_at_its_path(zone):
    with pytest.raises(InvalidProblem) as caught:
        parse_problem(_problem(zone))
    assert [error.loc for error in caught.value.errors] == [("horizon", "timezone")]
