"""``roster capacity`` through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from optimizer.cli.app import app
from optimizer.generator import GeneratorSettings, generate
from tests.capacity.problems import FOUR_OFFICE_DAYS, office_week, this_week

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def write(path: Path, problem) -> Path:
    path.write_text(json.dumps(problem.model_dump(mode="json")), encoding="utf-8")
    return path


@pytest.fixture()
def problem_file(tmp_path) -> Path:
    return write(tmp_path / "problem.json", generate(GeneratorSettings(employees=12, teams=2, seed=3)))


def test_json_output_for_scripts(problem_file):
    result = runner.invoke(app, ["capacity", str(problem_file), "--json", "--workers", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    site = report["sites"][0]
    assert site["site"] == "hq" and site["proven"] and site["minimum_desks"] >= 1
    objectives = [p["objective"] for p in site["curve"]]
    assert objectives == sorted(objectives, reverse=True)


def test_report_plot_and_scenarios(tmp_path, problem_file):
    scenarios = tmp_path / "scenarios.json"
    scenarios.write_text(
        json.dumps([{"name": "3 office days", "overrides": {"policy.office_days.min": 3}}]), encoding="utf-8"
    )
    args = ["capacity", str(problem_file), "--site", "hq", "--report", str(tmp_path / "out" / "report.md")]
    args += ["--plot", str(tmp_path / "out" / "curve.png"), "--scenarios", str(scenarios)]
    result = runner.invoke(app, [*args, "--time-limit", "5", "--workers", "2"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "](curve.png)" in text and "| 3 office days | hq |" in text
    for name in ("curve.png", "curve.svg", "curve-occupancy.png", "curve-occupancy.svg"):
        assert (tmp_path / "out" / name).stat().st_size > 1000
    assert "minimum" in result.stdout and "What-if scenarios" in result.stdout


def test_report_without_plot_puts_the_charts_next_to_it(tmp_path, problem_file):
    args = ["capacity", str(problem_file), "--no-curve", "--report", str(tmp_path / "r.md")]
    result = runner.invoke(app, [*args, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r-curve.png").exists() and "](r-curve.png)" in (tmp_path / "r.md").read_text()


def test_bad_requests_exit_3_naming_each_path(tmp_path, problem_file):
    scenarios = tmp_path / "scenarios.json"
    scenarios.write_text(json.dumps([{"name": "x", "overrides": {"policy.office_dayz.min": 3}}]))
    args = ["capacity", str(problem_file), "--site", "annex", "--scenarios", str(scenarios)]
    result = runner.invoke(app, [*args, "--workers", "1"])
    assert result.exit_code == 3
    assert "sites[0]: unknown site 'annex'" in result.output
    assert "scenarios[0].overrides.policy.office_dayz.min: unknown field 'office_dayz'" in result.output
    result = runner.invoke(app, ["capacity", str(problem_file), "--desks-from", "9", "--desks-to", "3"])
    assert result.exit_code == 3 and "desks_to: empty curve range" in result.output


def test_no_roster_at_any_desk_count_exits_4_with_the_reason(tmp_path):
    problem = office_week(staff=3, policy={"office_days": {"min": 0, "max": 3}, "remote_days": {"max": 1}})
    result = runner.invoke(app, ["capacity", str(write(tmp_path / "p.json", problem)), "--workers", "1"])
    assert result.exit_code == 4
    words = " ".join(result.output.split())  # the console wraps long lines
    assert "no valid roster at any desk count" in words and "office_days" in words


def test_ministry_example_through_the_installed_command(tmp_path):
    roster = Path(sys.executable).with_name("roster")
    example = ROOT / "examples" / "ministry_directorate.json"
    if not example.exists():
        pytest.skip("the ministry example is not in this checkout")
    done = subprocess.run(
        [str(roster), "capacity", str(example), "--plot", "curve.png", "--report", "report.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "Gedung Utama" in text and "**Minimum:" in text and "](curve.png)" in text


def installed_roster(*args: str, cwd: Path, columns: int = 120) -> subprocess.CompletedProcess:
    """Run the installed ``roster`` command as a user would, on a terminal ``columns`` wide."""
    roster = Path(sys.executable).with_name("roster")
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([str(roster), *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture()
def this_week_files(tmp_path) -> tuple[Path, Path]:
    scenarios = tmp_path / "scenarios.json"
    scenarios.write_text(json.dumps([FOUR_OFFICE_DAYS]), encoding="utf-8")
    return write(tmp_path / "week.json", this_week()), scenarios


@pytest.mark.parametrize("columns", [80, 120])
def test_an_infeasible_scenario_shows_its_reason_never_none(tmp_path, this_week_files, columns):
    problem, scenarios = this_week_files
    args = ["capacity", str(problem), "--scenarios", str(scenarios), "--no-curve", "--report", "r.md"]
    done = installed_roster(*args, cwd=tmp_path, columns=columns)
    assert done.returncode == 0, done.stderr
    assert "None" not in done.stdout
    row = next(line for line in done.stdout.splitlines() if line.startswith("4 office days"))
    assert "no roster ↓" in row
    if columns >= 100:
        assert "fixed, office_days" in row or "office_days, fixed" in row
    words = " ".join(done.stdout.split())
    assert "4 office days (hq): no valid roster at any desk count:" in words
    assert "Person 0 (p0) is fixed to work at other" in words
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    line = next(line for line in report.splitlines() if line.startswith("| 4 office days |"))
    assert "| no roster |" in line and "Person 0 (p0) is fixed to work at other" in line
    assert "None" not in report


def test_typical_week_through_the_installed_command(tmp_path, this_week_files):
    problem, scenarios = this_week_files
    args = ["capacity", str(problem), "--typical", "--scenarios", str(scenarios), "--no-curve"]
    done = installed_roster(*args, "--report", "r.md", "--plot", "c.png", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Sized for a typical week" in out
    assert "fixed days (fixed): 1 employee(s), 2 date(s)" in out
    assert "Person 0 (p0): 2026-12-07, 2026-12-08" in out
    assert "Person 1 (p1): 2026-12-09" in out and "previous roster (previous)" in out
    assert "minimum 3 desks (proven)" in out
    row = next(line for line in out.splitlines() if line.startswith("4 office days"))
    assert row.split("│")[3].strip() == "4" and "None" not in out
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "## Typical week" in report and "| Person 1 (p1) | leave and days off" in report
    as_json = installed_roster(*args, "--json", cwd=tmp_path)
    data = json.loads(as_json.stdout)
    assert data["typical"] is True
    assert [(d["field"], d["employee"]) for d in data["dropped"]] == [
        ("fixed", "p0"),
        ("unavailable", "p1"),
        ("previous", "p2"),
    ]
