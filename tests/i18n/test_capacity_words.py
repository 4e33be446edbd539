"""Capacity words in Indonesian come from the same gettext catalogues; through the real CLI too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from optimizer.capacity import wording
from optimizer.capacity.wording import EN, from_catalogue, text, weekday_name
from optimizer.i18n import catalogue

ROSTER = Path(sys.executable).parent / "roster"
TEAM_WEEK = Path(__file__).resolve().parents[2] / "examples" / "team_week.json"


def test_the_english_catalogue_holds_the_capacity_words_as_written_in_the_code():
    assert from_catalogue("en") == EN


def test_indonesian_capacity_words_are_complete_and_registered():
    indonesian = from_catalogue("id")
    assert set(indonesian) == set(EN)
    assert wording.CATALOGUES["id"] == indonesian
    assert text("chart.desks", "id") == "meja"
    assert weekday_name("fri", "id", long=True) == "Jumat" and weekday_name("mon", "id") == "Sen"
    assert text("report.title", "id") == "Laporan kapasitas meja"
    assert catalogue("id")["capacity.chart.people_in_office"] == "orang di kantor"


def test_capacity_from_the_cli_in_indonesian_report_and_charts(tmp_path: Path):
    report = tmp_path / "kapasitas.md"
    env = {k: v for k, v in os.environ.items() if k != "ROSTER_LANG"} | {
        "ROSTER_LANG": "id",
        "COLUMNS": "200",
    }
    result = subprocess.run(
        [
            str(ROSTER),
            "capacity",
            str(TEAM_WEEK),
            "--report",
            str(report),
            "--time-limit",
            "10",
            "--max-points",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Head office (hq): 12 pegawai, 9 meja saat ini" in result.stdout
    assert "laporan disimpan ke" in result.stdout and "grafik disimpan ke" in result.stdout
    markdown = report.read_text(encoding="utf-8")
    assert markdown.startswith("# Laporan kapasitas meja")
    assert "## Ringkasan" in markdown and "| Senin |" in markdown and "Cara membaca laporan ini" in markdown
    occupancy = (tmp_path / "kapasitas-curve-occupancy.svg").read_text(encoding="utf-8")
    labels = set(re.findall(r"<!-- (.*?) -->", occupancy))
    assert {"Sen", "Sel", "Rab", "Kam", "Jum", "orang di kantor"} <= labels
    assert "people in the office" not in occupancy
    curve = (tmp_path / "kapasitas-curve.svg").read_text(encoding="utf-8")
    assert "keinginan tidak terpenuhi, berbobot" in set(re.findall(r"<!-- (.*?) -->", curve))
