"""Bad requests give every error at once with its path; a problem with no roster at all says why."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from optimizer.capacity import CapacityRequest, size_capacity
from optimizer.domain.solution import HARD_CONSTRAINTS
from optimizer.domain.validation import InvalidProblem
from tests.capacity.problems import office_week, size_checked


def request_errors(problem, **options):
    with pytest.raises(InvalidProblem) as caught:
        size_capacity(problem, CapacityRequest(workers=1, **options))
    return [error.as_dict() for error in caught.value.errors]


def test_unknown_sites_and_bad_scenarios_are_reported_together():
    errors = request_errors(
        office_week(),
        sites=["hq", "annex"],
        scenarios=[
            {"name": "ok", "overrides": {"policy.office_days.min": 1}},
            {"name": "typo", "overrides": {"policy.ofice_days.min": 1}},
        ],
    )
    assert errors == [
        {"loc": ["sites", 1], "msg": "unknown site 'annex' (sites: hq)", "type": "unknown_site"},
        {
            "loc": ["scenarios", 1, "overrides", "policy.ofice_days.min"],
            "msg": errors[1]["msg"],
            "type": "unknown_field",
        },
    ]
    assert "'ofice_days'" in errors[1]["msg"]


def test_an_empty_site_list_is_an_error():
    (error,) = request_errors(office_week(), sites=[])
    assert error["loc"] == ["sites"] and error["type"] == "empty"


def test_a_curve_range_ending_below_the_minimum_is_empty():
    # The minimum is 3 (7 people × 2 office days over 5 days); a curve up to 2 desks is empty.
    (error,) = request_errors(office_week(staff=7), desks_to=2)
    assert error["loc"] == ["desks_to"] and error["type"] == "empty_range"
    assert "below the minimum of 3 desks" in error["msg"]


def test_a_reversed_curve_range_is_rejected_by_the_request_model():
    with pytest.raises(ValidationError) as caught:
        CapacityRequest(desks_from=9, desks_to=5)
    (error,) = caught.value.errors()
    assert error["loc"] == ("desks_to",) and "empty curve range" in error["msg"]


def test_scenario_names_are_distinct():
    with pytest.raises(ValidationError) as caught:
        CapacityRequest(scenarios=[{"name": "a"}, {"name": "a"}])
    assert caught.value.errors()[0]["loc"] == ("scenarios",)


@pytest.mark.parametrize(
    ("field", "value"),
    [("curve_max_points", 0), ("time_limit", 0), ("workers", 0), ("unknown_option", 1)],
)
def test_request_fields_are_checked(field, value):
    with pytest.raises(ValidationError) as caught:
        CapacityRequest(**{field: value})
    assert caught.value.errors()[0]["loc"] == (field,)


def test_no_roster_at_any_desk_count_returns_the_reason_instead_of_a_curve():
    # At most 3 office days and at most 1 remote day in a 5-day week with no days off: impossible.
    problem = office_week(
        staff=3,
        policy={"office_days": {"min": 0, "max": 3}, "remote_days": {"max": 1}},
    )
    report = size_checked(problem, explain_time_limit=10)
    site = report.sites[0]
    assert not site.feasible and site.minimum_desks is None and site.curve == []
    assert site.explanation
    constraints = {item.constraint for item in site.explanation}
    assert constraints <= set(HARD_CONSTRAINTS)
    assert {"office_days", "remote_days"} <= constraints
    assert all(item.message for item in site.explanation)
