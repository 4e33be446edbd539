"""What-if scenarios: overrides by dotted path, staff growth, and a table that agrees with single runs."""

from __future__ import annotations

import pytest

from optimizer.capacity import apply_overrides
from optimizer.domain.validation import InvalidProblem
from optimizer.generator import GeneratorSettings, generate
from tests.capacity.problems import MEETING, office_week, size_checked


@pytest.fixture(scope="module")
def organisation():
    return generate(GeneratorSettings(employees=14, teams=3, seed=2))


def test_a_policy_path_changes_one_field(organisation):
    changed = apply_overrides(organisation, {"policy.office_days.min": 3})
    assert changed.policy.office_days.min == 3
    assert changed.policy.office_days.max == organisation.policy.office_days.max
    assert organisation.policy.office_days.min == 2, "the original problem is left alone"


def test_star_index_and_id_select_list_items(organisation):
    changed = apply_overrides(
        organisation,
        {
            "teams[*].anchor_days": 2,
            "teams[t1].min_in_office": 3,
            "employees[*].remote_days.max": 1,
            "employees[0].name": "Renamed",
        },
    )
    assert [t.anchor_days for t in changed.teams] == [2, 2, 2]
    assert [t.min_in_office for t in changed.teams][1] == 3
    assert all(e.remote_days.max == 1 for e in changed.employees)
    assert changed.employees[0].name == "Renamed" and changed.employees[1].name != "Renamed"


def test_staff_factor_clones_employees_with_fresh_ids(organisation):
    grown = apply_overrides(organisation, {"staff_factor": 1.5, "employees[*].remote_days.max": 2})
    assert len(grown.employees) == 21
    ids = [e.id for e in grown.employees]
    assert len(set(ids)) == 21
    clone = grown.employees[14]
    original = organisation.employees[0]
    assert clone.id != original.id and (clone.team, clone.site) == (original.team, original.site)
    assert all(e.remote_days.max == 2 for e in grown.employees), "paths apply to the new staff too"


def test_staff_factor_below_one_drops_staff_and_their_references():
    problem = office_week(
        staff=4,
        teams=[{"id": "a", "meetings": [{**MEETING, "attendees": ["p3"]}]}],
        previous=[{"employee": "p3", "date": "2026-12-07", "location": "home"}],
    )
    shrunk = apply_overrides(problem, {"staff_factor": 0.5})
    assert [e.id for e in shrunk.employees] == ["p0", "p1"]
    assert shrunk.previous == [] and shrunk.teams[0].meetings[0].attendees == []


def errors_of(problem, overrides):
    with pytest.raises(InvalidProblem) as caught:
        apply_overrides(problem, overrides, ("scenarios", 0, "overrides"))
    return [error.as_dict() for error in caught.value.errors]


def test_unknown_fields_are_reported_with_their_path(organisation):
    errors = errors_of(
        organisation,
        {"policy.office_dayz.min": 3, "office_days.min": 2, "employees[*].remote_days.maximum": 1},
    )
    assert [e["loc"] for e in errors] == [
        ["scenarios", 0, "overrides", "policy.office_dayz.min"],
        ["scenarios", 0, "overrides", "office_days.min"],
        ["scenarios", 0, "overrides", "employees[*].remote_days.maximum"],
    ]
    assert {e["type"] for e in errors} == {"unknown_field"}
    assert "'office_dayz'" in errors[0]["msg"]
    assert "did you mean policy.office_days" in errors[1]["msg"]
    assert "'maximum'" in errors[2]["msg"] and "employees[*].remote_days;" in errors[2]["msg"]


def test_bad_selectors_and_paths(organisation):
    errors = errors_of(
        organisation,
        {"teams[nope].anchor_days": 1, "teams.anchor_days": 1, "policy[0].step_minutes": 30, "a..b": 1},
    )
    kinds = {e["loc"][-1]: e["type"] for e in errors}
    assert kinds == {
        "teams[nope].anchor_days": "unknown_item",
        "teams.anchor_days": "bad_path",
        "policy[0].step_minutes": "not_a_list",
        "a..b": "bad_path",
    }


def test_values_are_validated_again_and_placed_at_their_override(organisation):
    errors = errors_of(organisation, {"policy.office_days.min": 9, "policy.step_minutes": 7})
    locs = [e["loc"] for e in errors]
    assert ["scenarios", 0, "overrides", "policy.office_days.min"] in locs
    assert ["scenarios", 0, "overrides", "policy.step_minutes"] in locs
    assert all("after this override" in e["msg"] for e in errors)


@pytest.mark.parametrize("factor", [0, -1, "many", True, 11])
def test_staff_factor_must_be_a_sensible_number(organisation, factor):
    (error,) = errors_of(organisation, {"staff_factor": factor})
    assert error["loc"][-1] == "staff_factor" and error["type"] == "invalid_value"


def test_the_scenario_table_agrees_with_single_runs(organisation):
    scenarios = [
        {"name": "three office days", "overrides": {"policy.office_days.min": 3}},
        {"name": "anchor days", "overrides": {"teams[*].anchor_days": 1}},
        {"name": "20% more staff", "overrides": {"staff_factor": 1.2}},
    ]
    report = size_checked(organisation, curve=False, scenarios=scenarios)
    rows = {row.scenario: row for row in report.scenarios}
    assert list(rows) == ["baseline", "three office days", "anchor days", "20% more staff"]
    base = report.sites[0]
    assert (rows["baseline"].minimum_desks, rows["baseline"].objective) == (
        base.minimum_desks,
        base.objective_at_minimum,
    )
    for scenario in scenarios:
        single = size_checked(apply_overrides(organisation, scenario["overrides"]), curve=False).sites[0]
        row = rows[scenario["name"]]
        assert row.proven and single.proven
        assert (row.minimum_desks, row.staff, row.people_per_desk, row.objective) == (
            single.minimum_desks,
            single.staff,
            single.people_per_desk,
            single.objective_at_minimum,
        )
    assert rows["three office days"].minimum_desks > base.minimum_desks
    assert rows["20% more staff"].staff == 17


def test_a_scenario_with_no_roster_is_a_row_with_its_reason(organisation):
    report = size_checked(
        organisation,
        curve=False,
        scenarios=[
            {
                "name": "one office day, one remote day",
                "overrides": {"policy.office_days": {"min": 0, "max": 1}, "policy.remote_days.max": 1},
            }
        ],
    )
    row = report.scenarios[-1]
    assert not row.feasible and row.minimum_desks is None and row.explanation


def test_a_scenario_may_not_remove_a_sized_site():
    sites = [{"id": "hq", "desks": 4}, {"id": "annex", "desks": 2}]
    problem = office_week(sites=sites)
    with pytest.raises(InvalidProblem) as caught:
        size_checked(problem, scenarios=[{"name": "rename", "overrides": {"sites[annex].id": "wing"}}])
    (error,) = caught.value.errors
    assert error.loc == ("scenarios", 0, "overrides") and "'annex' is gone" in error.msg
