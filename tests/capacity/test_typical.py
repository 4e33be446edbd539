"""Typical-week sizing: the policy is sized without this week's individual dates, and says so."""

from __future__ import annotations

import datetime as dt

from optimizer.capacity import typical_week
from optimizer.capacity.report import render_markdown
from tests.capacity.problems import FOUR_OFFICE_DAYS, size_checked, this_week


def test_typical_week_drops_fixed_unavailable_and_previous_and_lists_them():
    problem = this_week()
    typical, dropped = typical_week(problem)
    assert all(not e.fixed and not e.unavailable for e in typical.employees)
    assert typical.previous == []
    assert [(d.field, d.employee, d.name, d.dates) for d in dropped] == [
        ("fixed", "p0", "Person 0", [dt.date(2026, 12, 7), dt.date(2026, 12, 8)]),
        ("unavailable", "p1", "Person 1", [dt.date(2026, 12, 9)]),
        ("previous", "p2", "Person 2", [dt.date(2026, 12, 7), dt.date(2026, 12, 8)]),
    ]
    assert problem.employees[0].fixed and problem.previous, "the problem itself is left alone"
    assert typical.employees[1].locations == ["office"], "the policy of each employee stays"


def test_a_week_without_individual_dates_drops_nothing():
    problem, _ = typical_week(this_week())
    assert typical_week(problem)[1] == []


def test_this_weeks_trip_makes_the_policy_question_infeasible_but_not_the_typical_week():
    week = size_checked(this_week(), curve=False, scenarios=[FOUR_OFFICE_DAYS])
    assert not week.typical and week.dropped == []
    assert week.sites[0].minimum_desks == 2
    row = next(r for r in week.scenarios if r.scenario == "4 office days")
    assert not row.feasible and row.minimum_desks is None
    assert {item.constraint for item in row.explanation} >= {"fixed", "office_days"}

    typical = size_checked(this_week(), curve=False, scenarios=[FOUR_OFFICE_DAYS], typical=True)
    assert typical.typical and [d.field for d in typical.dropped] == ["fixed", "unavailable", "previous"]
    (site,) = typical.sites
    assert (site.minimum_desks, site.proven) == (3, True)
    row = next(r for r in typical.scenarios if r.scenario == "4 office days")
    assert (row.feasible, row.minimum_desks, row.proven) == (True, 4, True)


def test_the_report_lists_what_a_typical_week_left_out():
    problem = this_week()
    report = size_checked(problem, curve=False, typical=True)
    text = render_markdown(report, problem)
    assert "## Typical week" in text
    assert "| Person 0 (p0) | fixed days (`fixed`) | 2026-12-07, 2026-12-08 |" in text
    assert "| Person 1 (p1) | leave and days off (`unavailable`) | 2026-12-09 |" in text
    assert "| Person 2 (p2) | previous roster (`previous`) | 2026-12-07, 2026-12-08 |" in text
    assert "## Typical week" not in render_markdown(size_checked(problem, curve=False), problem)
