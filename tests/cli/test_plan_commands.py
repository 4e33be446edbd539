"""``roster replan`` and ``roster why`` through the real console script."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from optimizer import Assignment, RosterSolution, check, parse_problem
from optimizer.replan import DayEvents, replan_problem
from tests.cli.test_cli import TEAM_WEEK, roster, team_week_problem
from tests.helpers import assert_checked

FROM = "2026-09-09"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The team week solved and written by ``roster solve -o``."""
    out = tmp_path_factory.mktemp("published") / "published.json"
    result = roster("solve", TEAM_WEEK, "-o", out, "--json", "--workers", "1")
    assert result.returncode == 0, result.stderr
    return out


def test_replan_keeps_the_past_lists_the_changes_and_writes_a_checked_roster(published, tmp_path):
    out = tmp_path / "new.json"
    result = roster(
        "replan", TEAM_WEEK, published, "--from", FROM,
        "--unavailable", "citra:2026-09-10", "--desks", "hq:2026-09-10=2", "-o", out,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    new = RosterSolution.model_validate_json(out.read_text(encoding="utf-8"))
    old = RosterSolution.model_validate_json(published.read_text(encoding="utf-8"))
    assert [a for a in new.assignments if str(a.date) < FROM] == [
        a for a in old.assignments if str(a.date) < FROM
    ]
    assert f"{len(new.changes)} change" in result.stdout
    assert any(c.employee == "citra" and c.to.location == "off" for c in new.changes)
    thursday = dt.date(2026, 9, 10)
    events = DayEvents(unavailable={"citra": [thursday]}, desks={"hq": {thursday: 2}})
    problem = replan_problem(
        team_week_problem(), old.assignments, dt.date.fromisoformat(FROM), events
    ).problem
    assert_checked(problem, new)


def test_replan_names_every_bad_flag_at_once(published):
    result = roster(
        "replan", TEAM_WEEK, published, "--from", "2026-09-12",
        "--unavailable", "nobody:2026-09-10", "--unavailable", "citra", "--desks", "annex:2026-09-10=3",
    )  # fmt: skip
    assert result.returncode == 3
    for fragment in ("--from", "--unavailable.nobody", "'citra'", "--desks.annex"):
        assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_replan_whose_kept_days_cannot_hold_exits_4_naming_frozen(published):
    result = roster(
        "replan", TEAM_WEEK, published, "--from", FROM, "--unavailable", "citra:2026-09-10..2026-09-11"
    )
    assert result.returncode == 4, result.stdout + result.stderr
    assert "frozen" in result.stdout


def test_a_published_file_that_is_not_a_roster_is_exit_3(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"status": "optimal", "assignments": [{"employee": "x"}]}), encoding="utf-8")
    result = roster("replan", TEAM_WEEK, bad, "--from", FROM)
    assert result.returncode == 3 and str(bad) in result.stderr


def test_why_answers_every_alternative_and_its_json_rosters_are_valid(published):
    result = roster("why", TEAM_WEEK, published, "--employee", "ayu", "--date", "2026-09-11", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["alternatives"]
    problem = parse_problem(json.loads(TEAM_WEEK.read_text(encoding="utf-8")))
    for alternative in answer["alternatives"]:
        if alternative["possible"]:
            roster_cells = [Assignment.model_validate(a) for a in alternative["assignments"]]
            assert check(problem, roster_cells).valid
    text = roster("why", TEAM_WEEK, published, "--employee", "dimas", "--date", "2026-09-07")
    assert text.returncode == 0 and "Impossible: team_meeting" in text.stdout


def test_why_with_a_wrong_cell_names_each_flag(published):
    result = roster("why", TEAM_WEEK, published, "--employee", "nobody", "--date", "2026-09-12")
    assert result.returncode == 3
    assert "--employee" in result.stderr and "--date" in result.stderr
