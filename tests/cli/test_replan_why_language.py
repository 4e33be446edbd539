"""``roster replan`` and ``roster why`` through the real CLI, in Indonesian and English."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from optimizer.domain.solution import RosterSolution
from optimizer.domain.validation import parse_problem
from optimizer.replan import DayEvents, replan_problem
from tests.cli.console import run_roster
from tests.helpers import assert_checked

TEAM_WEEK = Path(__file__).resolve().parents[2] / "examples" / "team_week.json"


def roster(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_roster(*args, env=env, unset=("ROSTER_LANG", "COLUMNS"))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published") / "roster.json"
    result = roster("solve", TEAM_WEEK, "-o", out, "--json", "--time-limit", "30")
    assert result.returncode == 0, result.stderr
    assert_checked(
        parse_problem(json.loads(TEAM_WEEK.read_text())), RosterSolution.model_validate_json(out.read_text())
    )
    return out


def test_replan_in_indonesian_shows_new_leave_as_cuti(published: Path, tmp_path: Path):
    out = tmp_path / "replanned.json"
    args = ("replan", TEAM_WEEK, published, "--from", "2026-09-09", "--unavailable", "joko:2026-09-10")
    result = roster(*args, "--format", "plain", "-o", out, env={"ROSTER_LANG": "id"})
    assert result.returncode == 0, result.stderr
    solution = RosterSolution.model_validate_json(out.read_text())
    problem = parse_problem(json.loads(TEAM_WEEK.read_text()))
    old = RosterSolution.model_validate_json(published.read_text())
    events = DayEvents(unavailable={"joko": [dt.date(2026, 9, 10)]})
    assert_checked(replan_problem(problem, old.assignments, dt.date(2026, 9, 9), events).problem, solution)
    joko = next(line for line in result.stdout.splitlines() if line.startswith("Joko (joko)"))
    assert joko.split()[-5] == "cuti" or "  cuti  " in joko
    assert "perubahan:" in result.stdout
    assert "joko Kam 2026-09-10: kantor" in result.stdout and "→ cuti" in result.stdout
    english = roster(*args, "--time-limit", "30")
    assert english.returncode == 0, english.stderr
    assert "joko Thu 2026-09-10: office" in english.stdout and "→ leave" in english.stdout


def test_why_in_indonesian_words_every_alternative(published: Path):
    args = ("why", TEAM_WEEK, published, "--employee", "ayu", "--date", "2026-09-07")
    result = roster(*args, "--lang", "id", "--time-limit", "20")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ayu pada Sen 2026-09-07: kantor (mulai ")
    answers = [line.strip() for line in lines[1:] if line.startswith("  ") and not line.startswith("      ")]
    assert {answer.split(":")[0] for answer in answers} == {"rumah", "lokasi lain"}
    for answer in answers:
        assert answer.split(": ", 1)[1].startswith(
            ("Dapat dilakukan dengan selisih", "Tidak dapat dilakukan")
        )
    # Ayu's team meets in the office that Monday, so no other location is possible: the rule says why.
    meeting = (
        "Tidak dapat dilakukan: team_meeting: Tim Product mengadakan rapat di kantor pada Sen 2026-09-07 "
        "(Sprint planning 09:30–10:30): seluruh 7 anggota peserta wajib hadir."
    )
    assert answers == [f"rumah: {meeting}", f"lokasi lain: {meeting}"]
