"""Bad input through the real console script: every error on request (``--all``), in English or Indonesian."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROSTER = Path(sys.executable).parent / "roster"
TEAM_WEEK = Path(__file__).resolve().parents[2] / "examples" / "team_week.json"


def roster(*args: str | Path, lang_env: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console script; ``lang_env`` sets ROSTER_LANG (unset otherwise)."""
    env = {k: v for k, v in os.environ.items() if k != "ROSTER_LANG"} | {"COLUMNS": "200"}
    if lang_env is not None:
        env["ROSTER_LANG"] = lang_env
    return subprocess.run(
        [str(ROSTER), *map(str, args)], capture_output=True, text=True, timeout=120, check=False, env=env
    )


def many_errors(tmp_path: Path, count: int = 14) -> Path:
    """The team week with ``count`` employees whose ``desk`` field is unknown (one error each)."""
    data = json.loads(TEAM_WEEK.read_text(encoding="utf-8"))
    data["employees"] = [{**data["employees"][0], "id": f"e{i}", "desk": 1} for i in range(count)]
    data["teams"] = [{**team, "meetings": []} for team in data["teams"]]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_without_all_the_first_ten_are_listed_and_the_message_says_how_to_see_the_rest(tmp_path: Path):
    path = many_errors(tmp_path)
    result = roster("solve", path)
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"error: {path}: not a valid problem (14 errors):"
    assert len([line for line in lines if "'desk' is not a field of an employee" in line]) == 10
    assert lines[-1] == "  … and 4 more: run again with --all to list every one"
    assert "(and" not in result.stderr and "Traceback" not in result.stderr


def test_all_lists_every_error(tmp_path: Path):
    path = many_errors(tmp_path)
    for command in (("solve", path, "--all"), ("check", path, TEAM_WEEK, "--all")):
        result = roster(*command)
        assert result.returncode == 3
        listed = [line for line in result.stderr.splitlines() if "'desk' is not a field" in line]
        assert [line.split(":")[0].strip() for line in listed] == [f"employees[{i}].desk" for i in range(14)]
        assert "more" not in result.stderr


def test_lang_id_and_roster_lang_give_indonesian_errors(tmp_path: Path):
    path = many_errors(tmp_path, count=2)
    expected = [
        f"kesalahan: {path}: bukan masalah penjadwalan yang sah (2 kesalahan):",
        "  employees[0].desk: 'desk' bukan isian untuk pegawai; isian yang dikenal: id, name, team, site, "
        "locations, unavailable, fixed, needs, preferences, weekly_hours, daily_hours, start, office_days, "
        "remote_days",
    ]
    for result in (roster("solve", path, "--lang", "id"), roster("solve", path, lang_env="id_ID.UTF-8")):
        assert result.returncode == 3, result.stderr
        assert result.stderr.splitlines()[:2] == expected


def test_the_lang_option_wins_over_roster_lang(tmp_path: Path):
    path = many_errors(tmp_path, count=1)
    result = roster("check", path, TEAM_WEEK, "--lang", "en", lang_env="id")
    assert result.returncode == 3
    assert "'desk' is not a field of an employee" in result.stderr


def test_an_unknown_language_is_a_usage_error():
    result = roster("solve", TEAM_WEEK, "--lang", "fr")
    assert result.returncode == 2
    assert "unsupported language 'fr'; use one of: en, id" in result.stderr


def test_every_command_takes_lang():
    for command in (
        "solve",
        "check",
        "demo",
        "generate",
        "serve",
        "capacity",
        "replan",
        "why",
        "import",
        "export",
        "schema",
    ):
        result = roster(command, "--help")
        assert result.returncode == 0, command
        assert "--lang" in result.stdout, command
