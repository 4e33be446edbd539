"""Charts are real PNG and SVG images of the stated size; the Markdown report links them."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from optimizer.capacity.plots import DPI, ROW_HEIGHT_PX, WIDTH_PX, write_plots
from optimizer.capacity.report import render_markdown
from optimizer.generator import GeneratorSettings, generate
from tests.capacity.problems import office_week, size_checked


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def svg_size_in_points(path: Path) -> tuple[float, float]:
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


@pytest.fixture(scope="module")
def report():
    problem = generate(GeneratorSettings(employees=12, teams=2, seed=3))
    return problem, size_checked(
        problem, scenarios=[{"name": "more staff", "overrides": {"staff_factor": 1.25}}]
    )


def test_plots_are_images_of_the_stated_size(tmp_path, report):
    _, sized = report
    written = write_plots(sized, tmp_path / "charts" / "curve.png")
    assert {(p.kind, p.format) for p in written} == {
        ("curve", "png"),
        ("curve", "svg"),
        ("occupancy", "png"),
        ("occupancy", "svg"),
    }
    for plot in written:
        assert (plot.width, plot.height) == (WIDTH_PX, ROW_HEIGHT_PX)
        if plot.format == "png":
            assert png_size(plot.path) == (plot.width, plot.height)
        else:
            width, height = svg_size_in_points(plot.path)
            assert (round(width / 72 * DPI), round(height / 72 * DPI)) == (plot.width, plot.height)
    assert sorted(p.path.name for p in written) == [
        "curve-occupancy.png",
        "curve-occupancy.svg",
        "curve.png",
        "curve.svg",
    ]


def test_one_row_per_site_and_a_panel_for_a_site_without_roster(tmp_path):
    problem = generate(GeneratorSettings(employees=12, teams=2, sites=2, seed=4))
    sized = size_checked(problem, curve=False)
    assert not all(site.feasible for site in sized.sites)
    written = write_plots(sized, tmp_path / "two.svg", width=800, row_height=400)
    png = next(p for p in written if p.format == "png" and p.kind == "curve")
    assert png_size(png.path) == (800, 800)


def test_markdown_report_has_the_tables_and_links_the_charts(tmp_path, report):
    problem, sized = report
    plots = write_plots(sized, tmp_path / "img" / "curve.png")
    path = tmp_path / "report.md"
    text = render_markdown(sized, problem, plots, path)
    site = sized.sites[0]
    assert text.startswith("# Desk capacity report")
    assert f"**Minimum: {site.minimum_desks} desks**" in text
    assert "](img/curve.png)" in text and "](img/curve-occupancy.png)" in text
    for point in site.curve:
        assert f"| {point.desks} | {point.objective} | {point.bound} |" in text
    assert "## What-if scenarios" in text and "| more staff | hq | 15 |" in text
    table_rows = [line for line in text.splitlines() if line.startswith("|")]
    assert all(line.count("|") == table_rows[0].count("|") for line in table_rows[:3])


def test_report_of_a_site_without_roster_gives_the_reason():
    problem = office_week(staff=3, policy={"office_days": {"min": 0, "max": 3}, "remote_days": {"max": 1}})
    sized = size_checked(problem)
    text = render_markdown(sized, problem)
    assert "No valid roster exists at any desk count" in text
    assert "`office_days`" in text
