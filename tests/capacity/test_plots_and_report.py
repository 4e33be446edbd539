"""Charts are real PNG and SVG images of the stated size; the Markdown report links them."""

from __future__ import annotations

import datetime as dt
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from optimizer import parse_problem
from optimizer.capacity.models import CurvePoint, SiteCapacity
from optimizer.capacity.plots import DPI, ROW_HEIGHT_PX, WIDTH_PX, draw_figure, plt, write_plots
from optimizer.capacity.report import render_markdown
from optimizer.domain.problem import WEEKDAYS
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


def _vertical_lines(axes) -> set[float]:
    return {line.get_xdata()[0] for line in axes.get_lines() if len(set(line.get_xdata())) == 1}


def _horizontal_lines(axes) -> set[float]:
    return {line.get_ydata()[0] for line in axes.get_lines() if len(set(line.get_ydata())) == 1}


@pytest.mark.parametrize("today", [2, 12])
def test_todays_desks_are_always_drawn_inside_the_axis(today):
    """Desks today below the minimum or far above where capacity stops binding: the line is there."""
    problem = office_week(staff=6, desks=today)
    sized = size_checked(problem)
    (site,) = sized.sites
    curve = [p.desks for p in site.curve]
    assert today < min(curve) or today > max(curve), "today's count lies outside the curve"
    figure = draw_figure(sized, "curve", 960, 540, "en")
    (axes,) = figure.axes
    low, high = axes.get_xlim()
    assert low < today < high and low < min(curve) and max(curve) < high
    assert today in _vertical_lines(axes) and site.minimum_desks in _vertical_lines(axes)
    assert f"today {today} (1 on Tue 2026-12-08)" in [t.get_text() for t in axes.texts]
    assert axes.get_ylabel() == "unmet wishes, weighted"
    plt.close(figure)


def test_one_site_with_one_point_fills_its_only_panel():
    problem = office_week(staff=4, preferences=False, weights={"lonely_office_day": 0})
    sized = size_checked(problem)
    (site,) = sized.sites
    assert len(site.curve) == 1 and site.binding_until == site.minimum_desks
    for kind in ("curve", "occupancy"):
        figure = draw_figure(sized, kind, 960, 540, "en")
        assert len(figure.axes) == 1, "no empty panel next to the site"
        (axes,) = figure.axes
        assert axes.get_lines() or axes.patches
        plt.close(figure)
    figure = draw_figure(sized, "curve", 960, 540, "en")
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert f"from {site.minimum_desks} desks on, more desks gain nothing" in texts
    plt.close(figure)


def test_occupancy_shows_natural_demand_per_weekday_against_the_desks(report):
    _, sized = report
    site = sized.sites[0]
    assert site.natural_demand and site.current_desks
    figure = draw_figure(sized, "occupancy", 960, 540, "en")
    (axes,) = figure.axes
    groups = {c.get_label(): [bar.get_height() for bar in c] for c in axes.containers}
    assert groups["with unlimited desks (natural demand)"] == [w.peak for w in site.natural_demand]
    assert groups[f"at the minimum of {site.minimum_desks} desks"] == [w.peak for w in site.weekdays]
    assert {site.minimum_desks, site.current_desks} <= _horizontal_lines(axes)
    ticks = [t.get_text() for t in axes.get_xticklabels()]
    assert ticks == ["Mon", "Tue", "Wed", "Thu", "Fri"]
    assert axes.get_ylim()[1] > max(site.current_desks, *(w.peak for w in site.natural_demand))
    plt.close(figure)


def test_natural_demand_is_the_office_count_with_unlimited_desks():
    """Two in three wish for the office on Monday, the others on Wednesday, and everyone for home
    on the other days: with a desk for everyone, each comes in on their day only."""
    problem = office_week(staff=6, office_min=1, desks=2, weights={"lonely_office_day": 0})
    data = problem.model_dump(mode="json")
    for employee in data["employees"]:
        wish = employee["preferences"]["days"][0]["weekday"]
        home = [{"weekday": d, "location": "home", "weight": 1} for d in WEEKDAYS[:5] if d != wish]
        employee["preferences"]["days"] += home
    sized = size_checked(parse_problem(data), curve=False)
    (site,) = sized.sites
    demand = {w.weekday: w.peak for w in site.natural_demand}
    assert demand == {"mon": 4, "tue": 0, "wed": 2, "thu": 0, "fri": 0}
    assert site.minimum_desks == 2 and site.current_desks == 2


def test_a_weekday_without_working_day_is_labelled_so():
    problem = office_week(staff=4, horizon={"start": "2026-12-07", "days": 5, "holidays": ["2026-12-08"]})
    sized = size_checked(problem, curve=False)
    figure = draw_figure(sized, "occupancy", 960, 540, "en")
    ticks = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert ticks == ["Mon", "Tue\n(no working day)", "Wed", "Thu", "Fri"]
    plt.close(figure)


@pytest.mark.parametrize(
    ("desks", "knee", "shown"), [((5, 7, 9), 7, 7), ((5, 7, 9), 9, None), ((5, 9), 5, None)]
)
def test_a_knee_is_shown_only_strictly_inside_the_curve(desks, knee, shown):
    points = [CurvePoint(desks=d, status="optimal", proven=True, objective=100 - d) for d in desks]
    site = SiteCapacity(site="hq", staff=9, current_desks=9, feasible=True, curve=points, knee=knee)
    assert site.inner_knee() == shown


def test_todays_desks_by_date_are_drawn_per_weekday_and_named():
    """The head office has 10 desks, but a single one on Tuesday 8 December."""
    problem = office_week(staff=4, desks=10)
    sized = size_checked(problem, curve=False)
    (site,) = sized.sites
    assert site.current_desks_by_date == {dt.date(2026, 12, 8): 1}
    figure = draw_figure(sized, "occupancy", 960, 540, "en")
    (axes,) = figure.axes
    (today,) = [c for c in axes.collections if c.get_label().startswith("today")]
    assert today.get_label() == "today: 10 desks (1 on Tue 2026-12-08)"
    levels = sorted((segment[0][0], segment[0][1]) for segment in today.get_segments())
    assert levels == [(-0.5, 10), (0.5, 1), (1.5, 10), (2.5, 10), (3.5, 10)]
    plt.close(figure)
    text = render_markdown(sized, problem)
    assert "- Desks today: 10, 1 on Tue 2026-12-08 (" in text
