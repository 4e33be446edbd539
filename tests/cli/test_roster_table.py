"""The roster as a reader gets it from the real CLI: four formats, two languages, no cut cell."""

from __future__ import annotations

import copy
import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from optimizer.cli.render import cell_text, print_solution, roster_grid
from optimizer.cli.tables import csv_text, plain_text
from optimizer.domain.solution import Assignment, RosterSolution
from optimizer.domain.validation import parse_problem
from tests.cli.console import run_roster
from tests.helpers import assert_checked, solve_checked

ROOT = Path(__file__).resolve().parents[2]
TEAM_WEEK = ROOT / "examples" / "team_week.json"
INFEASIBLE = ROOT / "examples" / "infeasible.json"
WEEKDAYS_ID = ["Sen 07 Sep", "Sel 08 Sep", "Rab 09 Sep", "Kam 10 Sep", "Jum 11 Sep"]


def roster(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console script with ROSTER_LANG unset unless ``env`` sets it."""
    return run_roster(*args, env=env, timeout=180)


def team_week() -> dict:
    return json.loads(TEAM_WEEK.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def solved_id(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """``roster solve team_week.json --lang id --format plain -o OUT``, its roster re-checked."""
    out = tmp_path_factory.mktemp("id") / "roster.json"
    result = roster("solve", TEAM_WEEK, "--lang", "id", "--format", "plain", "-o", out, "--time-limit", "30")
    assert result.returncode == 0, result.stderr
    assert_checked(parse_problem(team_week()), RosterSolution.model_validate_json(out.read_text()))
    return result, out


def test_plain_indonesian_table_has_weekdays_places_end_times_and_leave(solved_id):
    result, out = solved_id
    lines = result.stdout.splitlines()
    assert lines[0] == "Jadwal kerja"
    assert lines[1].split()[:2] == ["Pegawai", "Tim"]
    for heading in WEEKDAYS_ID:
        assert heading in lines[1]
    solution = RosterSolution.model_validate_json(out.read_text())
    ayu = next(a for a in solution.assignments if a.employee == "ayu" and str(a.date) == "2026-09-07")
    assert ayu.location == "office"  # fixed in the example
    row = next(line for line in lines if line.startswith("Ayu (ayu)"))
    assert f"kantor {ayu.start}–{ayu.end} ({ayu.hours:g} jam)" in row
    dimas = next(line for line in lines if line.startswith("Dimas (dimas)"))
    assert dimas.rstrip().endswith("cuti")  # Dimas is on leave on Friday
    assert "jumlah" in result.stdout and "hari di kantor tanpa rekan tim (lonely_office_day)" in result.stdout
    assert "status optimal, nilai tujuan" in result.stdout and "detik" in result.stdout
    assert "…" not in result.stdout


def test_plain_columns_line_up_for_every_row(solved_id):
    result, _ = solved_id
    lines = result.stdout.split("\n\n")[0].splitlines()
    rule = lines[2]
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    for line in lines[3:]:
        for start in starts[1:]:
            assert line[start - 2 : start] == "  ", line  # two spaces before every column


def test_roster_lang_selects_indonesian_too(tmp_path: Path):
    out = tmp_path / "r.json"
    result = roster("solve", TEAM_WEEK, "--format", "markdown", "-o", out, env={"ROSTER_LANG": "id"})
    assert result.returncode == 0, result.stderr
    assert_checked(parse_problem(team_week()), RosterSolution.model_validate_json(out.read_text()))
    lines = result.stdout.splitlines()
    assert lines[0] == "**Jadwal kerja**"
    assert lines[2].startswith("| Pegawai | Tim | Sen 07 Sep |")
    assert set(lines[3]) <= set("|-:")
    assert "jadwal disimpan ke" in result.stdout


def test_redirected_english_table_shows_every_cell_whole(tmp_path: Path):
    out = tmp_path / "r.json"
    result = roster("solve", TEAM_WEEK, "-o", out, env={"COLUMNS": "60"})
    assert result.returncode == 0, result.stderr
    solution = RosterSolution.model_validate_json(out.read_text())
    assert_checked(parse_problem(team_week()), solution)
    assert "…" not in result.stdout
    for a in solution.assignments:
        if a.location != "off":
            assert f"{a.location} {a.start}–{a.end} ({a.hours:g} h)" in result.stdout
    assert "leave" in result.stdout and "Mon 07 Sep" in result.stdout


def test_csv_is_formula_safe_and_notes_go_to_stderr(tmp_path: Path):
    data = team_week()
    data["employees"][0]["name"] = "=HYPERLINK(1)"
    problem_file = tmp_path / "p.json"
    problem_file.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "r.json"
    result = roster("solve", problem_file, "--format", "csv", "-o", out, "--lang", "id")
    assert result.returncode == 0, result.stderr
    assert_checked(parse_problem(data), RosterSolution.model_validate_json(out.read_text()))
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:3] == ["Pegawai", "Tim", "Sen 07 Sep"]
    assert rows[1][0] == "'=HYPERLINK(1) (ayu)"
    assert all(len(row) == len(rows[0]) for row in rows)
    assert "status optimal" in result.stderr and "status" not in result.stdout


def test_check_in_indonesian_lists_violations(tmp_path: Path):
    problem = parse_problem(team_week())
    solution = solve_checked(problem, time_limit=30.0)
    broken = copy.deepcopy(solution.model_dump(mode="json"))
    for a in broken["assignments"]:
        if a["employee"] == "ayu" and a["date"] == "2026-09-07":
            a.update(location="home", site=None)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    result = roster("check", TEAM_WEEK, path, "--lang", "id", "--format", "plain")
    assert result.returncode == 1
    assert "pelanggaran" in result.stdout and "pegawai ayu" in result.stdout and "fixed" in result.stdout


def test_infeasible_problem_is_explained_in_indonesian():
    result = roster("solve", INFEASIBLE, "--lang", "id")
    assert result.returncode == 4
    assert (
        "Tidak ada jadwal yang memenuhi semua aturan. Aturan-aturan berikut saling bertentangan:"
        in result.stdout
    )
    assert "site_capacity: Head office hanya memiliki 12 meja pada Sel 2026-09-15." in result.stdout
    assert "Tim Operations mengadakan rapat di kantor pada Sel 2026-09-15" in result.stdout
    english = roster("solve", INFEASIBLE)
    assert "site_capacity: Head office has only 12 desks on Tue 2026-09-15." in english.stdout


def test_a_day_off_reads_off_and_leave_reads_leave_in_both_languages():
    off = Assignment(employee="e", date="2026-09-07", location="off")
    assert cell_text(off, on_leave=False).text == "off"
    assert cell_text(off, on_leave=True).text == "leave"
    assert cell_text(off, on_leave=False, lang="id").text == "libur"
    assert cell_text(off, on_leave=True, lang="id").text == "cuti"
    worked = Assignment(
        employee="e", date="2026-09-07", location="other", start="07:30", end="16:00", hours=7.5
    )
    assert cell_text(worked, False, "id").text == "lokasi lain 07:30–16:00 (7,5 jam)"
    assert cell_text(worked, False).text == "other 07:30–16:00 (7.5 h)"


def test_a_narrow_terminal_folds_cells_instead_of_cutting_them():
    problem = parse_problem(team_week())
    solution = solve_checked(problem, time_limit=30.0)
    screen = Console(file=io.StringIO(), width=70, force_terminal=True, color_system=None)
    print_solution(screen, problem, solution, "id")
    text = screen.file.getvalue()
    assert "…" not in text
    assert "Jadwal kerja" in text


def test_grid_text_is_the_same_for_plain_and_csv():
    problem = parse_problem(team_week())
    solution = solve_checked(problem, time_limit=30.0)
    grid = roster_grid(problem, solution, "en")
    rows = list(csv.reader(io.StringIO(csv_text(grid))))
    plain = plain_text(grid)
    for row in rows[1:]:
        for cell in row:
            assert cell in plain


def test_the_live_progress_line_in_both_languages():
    from optimizer.cli.progress import progress_line
    from optimizer.model.solve import Progress

    moment = Progress(elapsed=3.2, objective=140, bound=120)
    assert (
        progress_line(3.25, moment)
        == f"solving…   3.2 s  first roster at 3.2 s  objective 140  bound 120  gap {moment.gap * 100:.2f}%"
    )
    indonesian = progress_line(3.25, moment, "id")
    assert indonesian.startswith(
        "menyusun…   3,2 detik  jadwal pertama pada 3,2 detik  nilai tujuan 140  batas 120"
    )
    assert progress_line(0.5, None, "id") == "menyusun…   0,5 detik  belum ada jadwal"


def test_check_csv_of_a_valid_roster_is_its_header_row(tmp_path: Path):
    out = tmp_path / "r.json"
    assert roster("solve", TEAM_WEEK, "-o", out, "--json").returncode == 0
    assert_checked(parse_problem(team_week()), RosterSolution.model_validate_json(out.read_text()))
    result = roster("check", TEAM_WEEK, out, "--format", "csv", "--lang", "id")
    assert result.returncode == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == [["Aturan", "Perihal", "Keterangan"]]
    assert "sah: tidak ada pelanggaran" in result.stderr and "jumlah skor" in result.stderr
