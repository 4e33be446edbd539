"""Charts of a capacity report, drawn with matplotlib's Agg backend to PNG and SVG.

Two figures, one row per sized site:

- the trade-off curve: unmet wishes (weighted) against desks, the minimum, the
  knee and today's desk count marked (the desk axis always reaches today's
  count), unproven points hollow with their bound below them;
- the occupancy chart: per weekday, how many people would come in with
  unlimited desks (the natural demand) and how many come in at the minimum,
  against the minimum and today's desks.

Every word on a chart comes from :mod:`optimizer.capacity.wording`, in ``lang``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from optimizer.capacity.models import CapacityReport, SiteCapacity, WeekdayOccupancy  # noqa: E402
from optimizer.capacity.wording import (  # noqa: E402
    DEFAULT_LANG,
    WEEKDAY_TOKENS,
    desk_exceptions,
    site_title,
    text,
    weekday_name,
)

WIDTH_PX, ROW_HEIGHT_PX, DPI = 960, 540, 100
CURVE, BOUND, MINIMUM, TODAY, KNEE, UNLIMITED = "#1f4e79", "#9dc3e6", "#c00000", "#548235", "#ffc000", "grey"
DEMAND, AT_MINIMUM = "#9dc3e6", "#1f4e79"
LABELLED_POINTS = 12  # curves with more points label only their ends with the value
WORKWEEK = ("mon", "tue", "wed", "thu", "fri")


@dataclass(frozen=True)
class PlotFile:
    """An image written to disk and its size in pixels (for SVG, at 100 px per inch)."""

    path: Path
    kind: str  # "curve" or "occupancy"
    format: str  # "png" or "svg"
    width: int
    height: int


def plot_paths(path: Path) -> dict[str, Path]:
    """The four files written for ``path`` (e.g. ``curve.png``): curve and occupancy, PNG and SVG."""
    stem = path.with_suffix("") if path.suffix.lower() in (".png", ".svg") else path
    return {
        "curve.png": stem.with_name(stem.name + ".png"),
        "curve.svg": stem.with_name(stem.name + ".svg"),
        "occupancy.png": stem.with_name(stem.name + "-occupancy.png"),
        "occupancy.svg": stem.with_name(stem.name + "-occupancy.svg"),
    }


def write_plots(
    report: CapacityReport,
    path: Path,
    width: int = WIDTH_PX,
    row_height: int = ROW_HEIGHT_PX,
    lang: str = DEFAULT_LANG,
) -> list[PlotFile]:
    """Write the curve and occupancy charts next to ``path``; returns the files with their pixel sizes."""
    targets = plot_paths(path)
    height = row_height * max(1, len(report.sites))
    written: list[PlotFile] = []
    for kind in ("curve", "occupancy"):
        figure = draw_figure(report, kind, width, height, lang)
        for fmt in ("png", "svg"):
            target = targets[f"{kind}.{fmt}"]
            target.parent.mkdir(parents=True, exist_ok=True)
            figure.savefig(target, format=fmt, dpi=DPI, metadata=_metadata(fmt))
            written.append(PlotFile(target, kind, fmt, width, height))
        plt.close(figure)
    return written


def draw_figure(report: CapacityReport, kind: str, width: int, height: int, lang: str) -> Figure:
    """One figure of ``kind`` (``curve`` or ``occupancy``): one panel per sized site, none left empty."""
    rows = max(1, len(report.sites))
    figure = plt.figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    panels = figure.subplots(rows, 1, squeeze=False)[:, 0]
    draw = draw_curve if kind == "curve" else draw_occupancy
    for axes, site in zip(panels, report.sites, strict=False):
        draw(axes, site, lang)
    if not report.sites:
        panels[0].text(0.5, 0.5, text("chart.no_site", lang), ha="center", va="center")
        panels[0].set_axis_off()
    figure.tight_layout()
    return figure


def _metadata(fmt: str) -> dict:
    """No creation date, so the same report gives the same files."""
    return {"Date": None} if fmt == "svg" else {"Software": "Hybrid Roster Optimizer"}


def _desk_axis(axes: Axes, desks: list[int], lang: str) -> None:
    """Whole desk counts on the x axis, with some room around a short curve."""
    low, high = min(desks), max(desks)
    pad = max(1.0 if high == low else 0.5, (high - low) * 0.04)
    axes.set_xlim(low - pad, high + pad)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(text("chart.desks", lang))


def _no_roster(axes: Axes, site: SiteCapacity, what: str, lang: str) -> None:
    axes.set_title(text(what, lang, site=site_title(site.name, site.site, lang)))
    reason = text("chart.no_roster" if not site.feasible else "chart.not_found", lang)
    if site.explanation:
        reason += "\n" + "\n".join(item.message for item in site.explanation[:4])
    axes.text(0.5, 0.5, reason, ha="center", va="center", wrap=True, transform=axes.transAxes)
    axes.set_axis_off()


def draw_curve(axes: Axes, site: SiteCapacity, lang: str = DEFAULT_LANG) -> None:
    """Unmet wishes against desks: the minimum, the knee and today's desks marked, unproven points hollow."""
    points = [p for p in site.curve if p.objective is not None]
    if not points:
        _no_roster(axes, site, "chart.curve_title", lang)
        return
    desks = [p.desks for p in points]
    objective = [p.objective for p in points]
    axes.plot(desks, objective, color=CURVE, linewidth=1.8, zorder=2, label=text("chart.best_found", lang))
    proven = [p for p in points if p.proven]
    unproven = [p for p in points if not p.proven]
    axes.scatter([p.desks for p in proven], [p.objective for p in proven], color=CURVE, zorder=3)
    if unproven:
        axes.scatter(
            [p.desks for p in unproven],
            [p.objective for p in unproven],
            facecolors="white",
            edgecolors=CURVE,
            zorder=3,
            label=text("chart.not_proven", lang),
        )
        axes.vlines(
            [p.desks for p in unproven],
            [p.bound if p.bound is not None else p.objective for p in unproven],
            [p.objective for p in unproven],
            colors=BOUND,
            linewidth=3,
            zorder=1,
            label=text("chart.bound_range", lang),
        )
    top = max(objective)
    axes.set_ylim(0, max(1.0, top) * 1.18)
    _desk_axis(axes, [*desks, site.current_desks], lang)
    if site.unlimited_objective is not None:
        label = text("chart.unlimited", lang, objective=site.unlimited_objective)
        axes.axhline(site.unlimited_objective, color=UNLIMITED, linestyle=":", linewidth=1.2, label=label)
    if site.minimum_desks is not None:
        _marker(
            axes, site.minimum_desks, MINIMUM, "--", text("chart.minimum", lang, desks=site.minimum_desks)
        )
    for point in points if len(points) <= LABELLED_POINTS else (points[0], points[-1]):
        axes.annotate(
            str(point.objective),
            (point.desks, point.objective),
            textcoords="offset points",
            xytext=(0, 7),
            ha="center",
            fontsize="small",
            color=CURVE,
        )
    if site.inner_knee() is not None:
        knee = next(p for p in points if p.desks == site.inner_knee())
        axes.scatter([knee.desks], [knee.objective], s=160, marker="*", color=KNEE, zorder=4)
        axes.annotate(
            text("chart.knee", lang, desks=knee.desks),
            (knee.desks, knee.objective),
            textcoords="offset points",
            xytext=(10, 2),
        )
    _marker(axes, site.current_desks, TODAY, "-.", _today(site, "chart.today", lang))
    if len(points) == 1 and site.binding_until == points[0].desks:
        axes.annotate(
            text("chart.nothing_gained", lang, desks=points[0].desks),
            (points[0].desks, points[0].objective),
            textcoords="offset points",
            xytext=(10, -18),
            fontsize="small",
        )
    axes.set_title(text("chart.curve_title", lang, site=site_title(site.name, site.site, lang)))
    axes.set_ylabel(text("chart.unmet_weighted", lang))
    axes.grid(True, alpha=0.3)
    axes.legend(loc="lower left", fontsize="small")


def _marker(axes: Axes, desks: int, colour: str, style: str, label: str) -> None:
    """A vertical line at a desk count, labelled at the top of the panel on the side with more room
    (call it once the desk axis is set)."""
    axes.axvline(desks, color=colour, linestyle=style, linewidth=1.3, zorder=1)
    low, high = axes.get_xlim()
    right_half = desks > low + (high - low) / 2
    axes.annotate(
        label,
        (desks, 1.0),
        xycoords=("data", "axes fraction"),
        textcoords="offset points",
        xytext=(-4 if right_half else 4, -14),
        ha="right" if right_half else "left",
        color=colour,
        fontsize="small",
    )


def draw_occupancy(axes: Axes, site: SiteCapacity, lang: str = DEFAULT_LANG) -> None:
    """Per weekday: the natural demand (unlimited desks) and the office count at the minimum,
    against the minimum and today's desk count."""
    demand = site.natural_demand
    if not demand and not site.weekdays:
        _no_roster(axes, site, "chart.occupancy_title", lang)
        return
    present = {w.weekday for w in demand or site.weekdays}
    days = [day for day in (*WORKWEEK, "sat", "sun") if day in WORKWEEK or day in present]
    positions = list(range(len(days)))
    width = 0.38
    series = [
        (demand, -width / 2, DEMAND, text("chart.natural_demand", lang)),
        (site.weekdays, width / 2, AT_MINIMUM, text("chart.at_minimum", lang, desks=site.minimum_desks)),
    ]
    top = site.current_desks
    for occupancy, offset, colour, label in series:
        if not occupancy:
            continue
        counts = _peaks(occupancy, days)
        bars = axes.bar([x + offset for x in positions], counts, width, color=colour, label=label, zorder=2)
        labels = axes.bar_label(bars, labels=[_count(c) for c in counts], fontsize="small", padding=2)
        for label in labels:
            label.set(zorder=4, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.85})
        top = max(top, *(c for c in counts if not math.isnan(c)))
    if site.minimum_desks is not None:
        label = text("chart.minimum_line", lang, desks=site.minimum_desks)
        axes.axhline(site.minimum_desks, color=MINIMUM, linestyle="--", linewidth=1.3, label=label, zorder=3)
    label = _today(site, "chart.today_line", lang)
    today = _todays_desks(site, days)
    if len(set(today)) == 1:
        axes.axhline(today[0], color=TODAY, linestyle="-.", linewidth=1.3, label=label, zorder=3)
    else:
        # One segment per weekday: the fewest desks on that weekday's dates.
        worked = [(x, desks) for x, desks, day in zip(positions, today, days, strict=True) if day in present]
        starts, ends = [x - 0.5 for x, _ in worked], [x + 0.5 for x, _ in worked]
        levels = [desks for _, desks in worked]
        axes.hlines(levels, starts, ends, color=TODAY, linestyles="-.", linewidth=1.3, label=label, zorder=3)
    ticks = [
        weekday_name(day, lang)
        if day in present
        else text("chart.no_working_day", lang, day=weekday_name(day, lang))
        for day in days
    ]
    axes.set_xticks(positions, ticks)
    axes.set_ylim(0, max(1, top) * 1.3)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(text("chart.people_in_office", lang))
    axes.set_title(text("chart.occupancy_title", lang, site=site_title(site.name, site.site, lang)))
    axes.grid(True, axis="y", alpha=0.3)
    axes.legend(loc="upper center", fontsize="small", ncols=2)


def _today(site: SiteCapacity, message: str, lang: str) -> str:
    """The label of today's desks, with the dates where they differ."""
    if not site.current_desks_by_date:
        return text(message, lang, desks=site.current_desks)
    exceptions = desk_exceptions(site.current_desks_by_date, lang)
    return text(f"{message}_varies", lang, desks=site.current_desks, exceptions=exceptions)


def _todays_desks(site: SiteCapacity, days: list[str]) -> list[int]:
    """Per weekday, the fewest desks today on its dates."""
    fewest = {day: site.current_desks for day in days}
    for date, desks in site.current_desks_by_date.items():
        day = WEEKDAY_TOKENS[date.weekday()]
        if day in fewest:
            fewest[day] = min(fewest[day], desks)
    return [fewest[day] for day in days]


def _count(value: float) -> str:
    return "" if math.isnan(value) else str(int(value))


def _peaks(occupancy: list[WeekdayOccupancy], days: list[str]) -> list[float]:
    """The busiest date's office count of each weekday (NaN, so no bar, where it has no working day)."""
    by_day = {w.weekday: w.peak for w in occupancy}
    return [by_day.get(day, math.nan) for day in days]
