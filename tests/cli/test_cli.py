"""The ``roster`` command through its real entry point: the console script next to the interpreter.

Exit codes (optimizer/cli/app.py): 0 success, 1 the checked roster has
violations, 2 usage error, 3 a bad input file, 4 no roster.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from optimizer import RosterSolution, parse_problem
from optimizer.domain.solution import CheckResult
from tests.helpers import assert_checked

ROOT = Path(__file__).resolve().parents[2]
ROSTER = Path(sys.executable).parent / "roster"
TEAM_WEEK = ROOT / "examples" / "team_week.json"
INFEASIBLE = ROOT / "examples" / "infeasible.json"


def roster(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console script and capture its output."""
    return subprocess.run(
        [str(ROSTER), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120, check=False
    )


def team_week_problem():
    return parse_problem(json.loads(TEAM_WEEK.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """``roster solve examples/team_week.json -o OUT`` run once for the module."""
    out = tmp_path_factory.mktemp("solve") / "roster.json"
    return roster("solve", TEAM_WEEK, "-o", out, "--time-limit", "30", "--workers", "2"), out


def test_console_script_is_installed() -> None:
    assert ROSTER.exists(), f"{ROSTER} missing: install the project (pip install -e .)"


def test_solve_prints_roster_and_score(solved) -> None:
    result, _ = solved
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Roster" in text and "Score" in text
    for name in ("Ayu", "Joko", "Lestari"):  # employees are rows
        assert name in text
    assert "Mon 07" in text and "Fri 11" in text  # days are columns
    assert "9/9" in text  # occupancy against desks
    for term in ("preference", "lonely_office_day", "total"):
        assert term in text
    assert "status optimal, objective 140" in text
    assert "Traceback" not in result.stderr


def test_solve_writes_a_checked_solution_json(solved) -> None:
    _, out = solved
    solution = RosterSolution.model_validate_json(out.read_text(encoding="utf-8"))
    assert solution.status == "optimal" and solution.objective == 140
    assert len(solution.assignments) == 12 * 5
    assert_checked(team_week_problem(), solution)


def test_solve_json_prints_the_solution(tmp_path: Path) -> None:
    result = roster("solve", TEAM_WEEK, "--json", "--workers", "1", "--seed", "5", "--time-limit", "30")
    assert result.returncode == 0, result.stderr
    solution = RosterSolution.model_validate_json(result.stdout)
    assert solution.status == "optimal" and solution.objective == 140
    assert solution.score is not None and solution.score.total == 140
    assert_checked(team_week_problem(), solution)


def test_check_accepts_the_solvers_roster(solved) -> None:
    _, out = solved
    result = roster("check", TEAM_WEEK, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout and "no violations" in result.stdout
    assert "140" in result.stdout  # the recomputed total


def test_check_accepts_a_bare_list_of_assignments(solved, tmp_path: Path) -> None:
    _, out = solved
    bare = tmp_path / "assignments.json"
    bare.write_text(json.dumps(json.loads(out.read_text())["assignments"]), encoding="utf-8")
    result = roster("check", TEAM_WEEK, bare, "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert CheckResult.model_validate_json(result.stdout).valid


def _edited(out: Path, tmp_path: Path) -> Path:
    """The solver's roster with office-only Joko moved home on Monday."""
    data = json.loads(out.read_text(encoding="utf-8"))
    for assignment in data["assignments"]:
        if assignment["employee"] == "joko" and assignment["date"] == "2026-09-07":
            assignment.update(location="home", site=None)
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    return edited


def test_check_reports_a_violation_and_exits_1(solved, tmp_path: Path) -> None:
    _, out = solved
    result = roster("check", TEAM_WEEK, _edited(out, tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 violations" in result.stdout
    assert "allowed_location" in result.stdout and "joko" in result.stdout


def test_check_json_lists_the_violation(solved, tmp_path: Path) -> None:
    _, out = solved
    result = roster("check", TEAM_WEEK, _edited(out, tmp_path), "--json")
    assert result.returncode == 1
    checked = CheckResult.model_validate_json(result.stdout)
    assert not checked.valid
    assert [(v.constraint, v.employee, str(v.date)) for v in checked.violations] == [
        ("allowed_location", "joko", "2026-09-07")
    ]


def test_infeasible_problem_exits_4_with_its_explanation(tmp_path: Path) -> None:
    out = tmp_path / "infeasible-solution.json"
    result = roster("solve", INFEASIBLE, "--workers", "1", "-o", out)
    assert result.returncode == 4, result.stdout + result.stderr
    assert "No roster satisfies every rule" in result.stdout
    assert "site_capacity" in result.stdout and "12 desks" in result.stdout
    assert "team_meeting" in result.stdout and "Operations" in result.stdout and "Sales" in result.stdout
    assert "status infeasible" in result.stdout
    assert "Traceback" not in result.stderr
    solution = RosterSolution.model_validate_json(out.read_text(encoding="utf-8"))
    assert solution.status == "infeasible" and solution.assignments == []
    assert {item.constraint for item in solution.explanation or []} == {"site_capacity", "team_meeting"}


def test_demo_generates_and_solves() -> None:
    result = roster("demo", "--employees", "8", "--teams", "2", "--time-limit", "10")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Demo: 8 staff in 2 teams" in result.stdout
    assert "Roster" in result.stdout and "Score" in result.stdout
    assert "status optimal" in result.stdout or "status feasible" in result.stdout


def test_generate_writes_a_valid_deterministic_problem(tmp_path: Path) -> None:
    files = {}
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        files[name] = tmp_path / f"{name}.json"
        args = ("--employees", "10", "--teams", "3", "--weeks", "2", "--seed", str(seed))
        result = roster("generate", *args, "-o", files[name])
        assert result.returncode == 0, result.stderr
    text = {name: path.read_text(encoding="utf-8") for name, path in files.items()}
    assert text["a"] == text["b"], "the same seed writes the same problem"
    assert text["a"] != text["c"], "another seed writes another problem"
    problem = parse_problem(json.loads(text["a"]))
    assert len(problem.employees) == 10 and len(problem.teams) == 3
    assert problem.horizon.days == 12  # two weeks, Monday to the second Friday


def test_generated_problem_solves_from_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    assert roster("generate", "--employees", "6", "--seed", "1", "-o", path).returncode == 0
    result = roster("solve", path, "--json", "--time-limit", "10")
    assert result.returncode in (0, 4), result.stderr
    solution = RosterSolution.model_validate_json(result.stdout)
    assert_checked(parse_problem(json.loads(path.read_text())), solution)


# --- bad files: exit 3, an error naming the file, never a traceback -----------------------------------

# kind: (file content or None for a missing file, what the error must say)
BAD_PROBLEMS = {
    "missing": (None, "no such file"),
    "not_json": ('{"horizon": {"start": "2026-09-07",', "not JSON (line 1"),
    "not_an_object": ("[1, 2, 3]", "not a valid problem"),
    "not_a_problem": ('{"horizon": {"start": "2026-09-07", "days": 0}}', "horizon.days"),
    "unknown_field": ('{"horizon": {"start": "2026-09-07", "days": 5}, "staff": []}', "staff"),
    "bad_reference": (
        '{"horizon": {"start": "2026-09-07", "days": 5}, "employees": [{"id": "e1", "team": "x"}]}',
        "employees[0].team",
    ),
    "deeply_nested": ('{"horizon": ' + "[" * 10_000 + "]" * 10_000 + "}", "nested too deeply"),
    "huge_integer": ('{"horizon": {"start": "2026-09-07", "days": ' + "7" * 5000 + "}}", "5000 digits"),
    "not_utf8": (b'{"horizon": {"start": "2026-09-07", "days": 5, "x": "\xe9"}}', "not UTF-8"),
    "nan": ('{"horizon": {"start": "2026-09-07", "days": 5}, "lonely_threshold": NaN}', "NaN"),
}


def _compact(text: str) -> str:
    """Text with all white space removed, so that a wrapped message compares like an unwrapped one."""
    return "".join(text.split())


def _bad_file(tmp_path: Path, kind: str, table: dict[str, tuple[str | bytes | None, str]]) -> Path:
    path = tmp_path / f"{kind}.json"
    content = table[kind][0]
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    return path


def _assert_bad_file_error(result: subprocess.CompletedProcess[str], path: Path, fragment: str) -> None:
    """Exit 3, the error names the file and what is wrong, no traceback, nothing on stdout."""
    assert result.returncode == 3, result.stdout + result.stderr
    error = _compact(result.stderr)
    assert error.startswith(_compact(f"error: {path}:")), result.stderr
    assert _compact(fragment) in error, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("kind", sorted(BAD_PROBLEMS))
def test_bad_problem_file_exits_3_naming_the_file(kind: str, tmp_path: Path) -> None:
    path = _bad_file(tmp_path, kind, BAD_PROBLEMS)
    _assert_bad_file_error(roster("solve", path, cwd=tmp_path), path, BAD_PROBLEMS[kind][1])


@pytest.mark.parametrize("kind", ["missing", "bad_reference", "deeply_nested", "huge_integer", "not_utf8"])
def test_check_with_a_bad_problem_file_exits_3(kind: str, tmp_path: Path) -> None:
    path = _bad_file(tmp_path, kind, BAD_PROBLEMS)
    _assert_bad_file_error(roster("check", path, TEAM_WEEK), path, BAD_PROBLEMS[kind][1])


BAD_ROSTERS = {
    "missing": (None, "no such file"),
    "not_json": ("assignments:", "not JSON"),
    "a_problem": (TEAM_WEEK.read_text(encoding="utf-8"), "not a roster: assignments"),
    "wrong_types": (
        '{"assignments": [{"employee": 3, "date": "someday", "location": "beach"}]}',
        "not a roster (3 errors): assignments[0].employee",
    ),
    "a_number": ("42", "not a roster"),
    "deeply_nested": ("[" * 10_000 + "]" * 10_000, "nested too deeply"),
    "huge_integer": ('{"assignments": [' + "1" * 5000 + "]}", "5000 digits"),
}


@pytest.mark.parametrize("kind", sorted(BAD_ROSTERS))
def test_bad_roster_file_exits_3_naming_the_file(kind: str, tmp_path: Path) -> None:
    path = _bad_file(tmp_path, kind, BAD_ROSTERS)
    _assert_bad_file_error(roster("check", TEAM_WEEK, path), path, BAD_ROSTERS[kind][1])


def test_bad_file_error_is_a_single_line(tmp_path: Path) -> None:
    path = tmp_path / "a-problem-file-with-a-rather-long-name-from-the-hr-export.json"
    path.write_text(BAD_PROBLEMS["not_a_problem"][0] or "", encoding="utf-8")
    result = roster("solve", path)
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_usage_errors_exit_2() -> None:
    assert roster("solve", TEAM_WEEK, "--time-limit", "0").returncode == 2
    assert roster("frobnicate").returncode == 2


def test_a_leading_byte_order_mark_is_ignored_as_by_the_api(tmp_path: Path) -> None:
    problem = tmp_path / "bom.json"
    problem.write_bytes(b"\xef\xbb\xbf" + TEAM_WEEK.read_bytes())
    result = roster("solve", problem, "--json", "--time-limit", "10")
    assert result.returncode in (0, 4), result.stderr
    solution = RosterSolution.model_validate_json(result.stdout)
    assert_checked(parse_problem(json.loads(TEAM_WEEK.read_text(encoding="utf-8"))), solution)
