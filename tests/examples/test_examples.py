"""The examples of ``examples/``: each validates, solves to its documented status and objective,
and every roster the solver returns passes the independent checker.

The objectives are the proven optima documented in ``examples/README.md``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from optimizer import RosterProblem, parse_problem
from optimizer.instance import compile_instance
from tests.helpers import solve_checked

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# name: (status, proven optimal objective or None)
DOCUMENTED = {
    "team_week": ("optimal", 140),
    "ministry_directorate": ("optimal", 2420),
    "two_weeks_leave": ("optimal", 93),
    "infeasible": ("infeasible", None),
}


def load(name: str) -> RosterProblem:
    """Read and validate one example."""
    return parse_problem(json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8")))


def test_every_example_file_is_documented() -> None:
    assert {path.stem for path in EXAMPLES.glob("*.json")} == set(DOCUMENTED)
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for name in DOCUMENTED:
        assert f"{name}.json" in readme


def test_the_script_reproduces_every_example() -> None:
    """``scripts/make_examples.py`` is deterministic and the committed files are what it writes."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_examples.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_example_solves_to_its_documented_status(name: str) -> None:
    status, objective = DOCUMENTED[name]
    solution = solve_checked(load(name), time_limit=60)  # one worker, seed 0
    assert solution.status == status
    assert solution.objective == objective
    if status == "optimal":
        assert solution.bound == objective
        assert solution.gap == 0


@pytest.mark.parametrize("name", ["team_week", "ministry_directorate", "two_weeks_leave"])
def test_example_is_proven_optimal_with_two_workers(name: str) -> None:
    """What ``roster solve`` does by default: two workers. Not a timing test: the limit is ample."""
    solution = solve_checked(load(name), workers=2, time_limit=20)
    assert solution.status == "optimal"
    assert solution.objective == DOCUMENTED[name][1]


def test_team_week_shape() -> None:
    """Twelve people, one site with fewer desks than staff, Mon–Wed office and Thu–Fri home wishes."""
    problem = load("team_week")
    assert len(problem.employees) == 12
    assert problem.sites[0].desks < 12
    # The supervisors' scheme is a team pattern; personal wishes (Friday at home) come on top.
    mon_wed_office = {"mon": "office", "tue": "office", "wed": "office", "thu": "remote", "fri": "remote"}
    assert [team.pattern for team in problem.teams] == [mon_wed_office, mon_wed_office]
    wishes = [(p.weekday, p.location) for e in problem.employees for p in e.preferences.days]
    assert wishes.count(("fri", "home")) >= 6
    assert any(team.anchor_days for team in problem.teams)


def test_ministry_directorate_follows_the_2025_civil_service_rules() -> None:
    problem = load("ministry_directorate")
    policy = problem.policy
    assert 110 <= len(problem.employees) <= 130
    assert policy.weekly_hours.min == policy.weekly_hours.max == 37.5
    assert policy.break_minutes == 60 and policy.break_minutes_by_weekday == {"fri": 90}
    assert policy.remote_days.max == 2
    assert (policy.start.earliest, policy.start.latest) == ("07:00", "09:00")
    assert problem.horizon.holiday_calendar == "ID"
    assert any(e.locations == ["office"] for e in problem.employees)
    assert any(team.min_in_office == 2 for team in problem.teams)
    vpn_users = sum("vpn" in e.needs for e in problem.employees)
    assert problem.resources[0].capacity < vpn_users
    instance = compile_instance(problem)
    # Tuesday 25 August 2026 (Maulid Nabi) is a public holiday: four working days remain.
    assert [day.date.isoformat() for day in instance.days] == [
        "2026-08-24",
        "2026-08-26",
        "2026-08-27",
        "2026-08-28",
    ]
    assert [day.break_minutes for day in instance.days] == [60, 60, 60, 90]
    # Senin–Rabu kantor, Kamis–Jumat rumah atau lokasi lain: every team's pattern.
    assert {tuple(sorted(team.pattern.items())) for team in problem.teams} == {
        (("fri", "remote"), ("mon", "office"), ("thu", "remote"), ("tue", "office"), ("wed", "office"))
    }


def test_ministry_roster_keeps_the_public_service_counter_staffed() -> None:
    problem = load("ministry_directorate")
    solution = solve_checked(problem, workers=2, time_limit=60)
    service = {e.id for e in problem.employees if e.team == "layanan"}
    front_desk = {e.id for e in problem.employees if e.locations == ["office"]}
    for date in {a.date for a in solution.assignments}:
        today = [a for a in solution.assignments if a.date == date]
        assert sum(a.location == "office" for a in today if a.employee in service) >= 2
        assert all(a.location in ("office", "off") for a in today if a.employee in front_desk)


def test_two_weeks_leave_honours_holidays_and_leave() -> None:
    problem = load("two_weeks_leave")
    solution = solve_checked(problem, workers=2, time_limit=60)
    dates = {a.date.isoformat() for a in solution.assignments}
    # Christmas and New Year from the "ID" calendar, 24 December as an explicit collective leave day.
    assert dates.isdisjoint({"2026-12-24", "2026-12-25", "2027-01-01"})
    assert len(dates) == 7
    chloe = [a for a in solution.assignments if a.employee == "chloe" and a.date.isoformat() >= "2026-12-28"]
    assert [a.location for a in chloe] == ["off"] * 4


def test_infeasible_example_names_the_desks_and_both_meetings() -> None:
    solution = solve_checked(load("infeasible"), workers=2, time_limit=60)
    assert solution.status == "infeasible"
    assert solution.explanation is not None
    named = {
        (item.constraint, item.subject.site or item.subject.team, str(item.subject.date))
        for item in solution.explanation
    }
    assert named == {
        ("site_capacity", "hq", "2026-09-15"),
        ("team_meeting", "ops", "2026-09-15"),
        ("team_meeting", "sales", "2026-09-15"),
    }
    messages = " ".join(item.message for item in solution.explanation)
    assert "12 desks" in messages


def test_the_infeasible_examples_remedies_from_the_readme_work() -> None:
    """Two more desks on Tuesday, or the Sales meeting moved to Wednesday, give a roster."""
    data = json.loads((EXAMPLES / "infeasible.json").read_text(encoding="utf-8"))
    more_desks = json.loads(json.dumps(data))
    more_desks["sites"][0]["desks_by_date"] = {"2026-09-15": 14}
    moved = json.loads(json.dumps(data))
    moved["teams"][1]["meetings"][0]["weekday"] = "wed"
    for variant in (more_desks, moved):
        assert solve_checked(variant, workers=2, time_limit=30).status == "optimal"
