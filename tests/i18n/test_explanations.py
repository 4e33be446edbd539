"""Explanations worded again in Indonesian: from the same rule and subject, never against another problem."""

from __future__ import annotations

import json
from pathlib import Path

from optimizer.capacity.models import CapacityReport, ScenarioRow, SiteCapacity
from optimizer.domain.validation import parse_problem
from optimizer.i18n.explanations import report_in, reword
from tests.helpers import solve_checked

INFEASIBLE = Path(__file__).resolve().parents[2] / "examples" / "infeasible.json"


def infeasible():
    data = json.loads(INFEASIBLE.read_text(encoding="utf-8"))
    problem = parse_problem(data)
    solution = solve_checked(problem, time_limit=30.0)
    assert solution.status == "infeasible"
    return data, problem, solution.explanation


def test_each_item_is_worded_in_indonesian_and_keeps_its_rule_and_subject():
    _, problem, items = infeasible()
    worded = reword(problem, items, "id")
    assert [(i.constraint, i.subject) for i in worded] == [(i.constraint, i.subject) for i in items]
    capacity = next(i for i in worded if i.constraint == "site_capacity")
    assert capacity.message == "Head office hanya memiliki 12 meja pada Sel 2026-09-15."
    assert reword(problem, items, "en") == items


def test_an_item_about_a_changed_problem_keeps_its_english_words():
    data, _, items = infeasible()
    data["sites"][0]["desks_by_date"] = {"2026-09-15": 10}  # the explanation said 12
    changed = parse_problem(data)
    worded = {i.constraint: i.message for i in reword(changed, items, "id")}
    original = {i.constraint: i.message for i in items}
    assert worded["site_capacity"] == original["site_capacity"]  # 12 desks was right; 10 would be wrong
    assert worded["team_meeting"] != original["team_meeting"]  # still true of the changed problem


def test_a_capacity_report_has_its_explanations_worded():
    _, problem, items = infeasible()
    site = SiteCapacity(site="hq", staff=14, current_desks=16, feasible=False, explanation=items)
    row = ScenarioRow(scenario="more staff", site="hq", staff=14, feasible=False, explanation=items)
    report = CapacityReport(sites=[site], scenarios=[row], time_limit=1)
    worded = report_in(report, problem, "id")
    for explanation in (worded.sites[0].explanation, worded.scenarios[0].explanation):
        assert any(i.message.startswith("Tim Operations mengadakan rapat di kantor") for i in explanation)
    assert report_in(report, problem, "en") is report
