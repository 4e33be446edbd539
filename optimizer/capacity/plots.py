"""Charts of a capacity report, drawn with matplotlib's Agg backend to PNG and SVG.

Two figures, one row per sized site: the trade-off curve (desks on the x axis,
best objective on the y axis, the minimum and the knee marked, unproven points
hollow with their bound below them) and the busiest office count per weekday
against the desk count.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from optimizer.capacity.models import CapacityReport, SiteCapacity  # noqa: E402

WIDTH_PX, ROW_HEIGHT_PX, DPI = 960, 540, 100
_WEEKDAY_COLOURS = {
    "mon": "#1f77b4",
    "tue": "#ff7f0e",
    "wed": "#2ca02c",
    "thu": "#d62728",
    "fri": "#9467bd",
    "sat": "#8c564b",
    "sun": "#e377c2",
}


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


def write_plots(report: CapacityReport, path: Path, width: int = WIDTH_PX, row_height: int = ROW_HEIGHT_PX):
    """Write the curve and occupancy charts next to ``path``; returns the files with their pixel sizes."""
    targets = plot_paths(path)
    rows = max(1, len(report.sites))
    height = row_height * rows
    written: list[PlotFile] = []
    for kind, draw in (("curve", draw_curve), ("occupancy", draw_occupancy)):
        figure = _figure(width, height, rows)
        for axes, site in zip(figure.axes, report.sites, strict=False):
            draw(axes, site)
        if not report.sites:
            figure.axes[0].text(0.5, 0.5, "No site was sized.", ha="center", va="center")
        figure.tight_layout()
        for fmt in ("png", "svg"):
            target = targets[f"{kind}.{fmt}"]
            target.parent.mkdir(parents=True, exist_ok=True)
            figure.savefig(target, format=fmt, dpi=DPI, metadata=_metadata(fmt))
            written.append(PlotFile(target, kind, fmt, width, height))
        plt.close(figure)
    return written


def _figure(width: int, height: int, rows: int) -> Figure:
    figure = plt.figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    figure.subplots(rows, 1, squeeze=False)
    return figure


def _metadata(fmt: str) -> dict:
    """No creation date, so the same report gives the same files."""
    return {"Date": None} if fmt == "svg" else {"Software": "Hybrid Roster Optimizer"}


def _desk_axis(axes: Axes, desks: list[int]) -> None:
    """Whole desk counts on the x axis, with some room around a short curve."""
    low, high = min(desks), max(desks)
    pad = max(1.0 if high == low else 0.5, (high - low) * 0.03)
    axes.set_xlim(low - pad, high + pad)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel("desks")


def _title(site: SiteCapacity, what: str) -> str:
    return f"{site.name or site.site} ({site.site}): {what}"


def _no_roster(axes: Axes, site: SiteCapacity, what: str) -> None:
    axes.set_title(_title(site, what))
    reason = "No valid roster exists at any desk count." if not site.feasible else "No roster found in time."
    if site.explanation:
        reason += "\n" + "\n".join(item.message for item in site.explanation[:4])
    axes.text(0.5, 0.5, reason, ha="center", va="center", wrap=True, transform=axes.transAxes)
    axes.set_axis_off()


def draw_curve(axes: Axes, site: SiteCapacity) -> None:
    """Best objective against desks, the minimum and the knee marked, unproven points hollow."""
    points = [p for p in site.curve if p.objective is not None]
    if not points:
        _no_roster(axes, site, "trade-off curve")
        return
    desks = [p.desks for p in points]
    objective = [p.objective for p in points]
    axes.plot(desks, objective, color="#1f4e79", linewidth=1.8, zorder=2, label="best objective")
    proven = [p for p in points if p.proven]
    unproven = [p for p in points if not p.proven]
    axes.scatter([p.desks for p in proven], [p.objective for p in proven], color="#1f4e79", zorder=3)
    if unproven:
        axes.scatter(
            [p.desks for p in unproven],
            [p.objective for p in unproven],
            facecolors="white",
            edgecolors="#1f4e79",
            zorder=3,
            label="not proven (time limit)",
        )
        axes.vlines(
            [p.desks for p in unproven],
            [p.bound if p.bound is not None else p.objective for p in unproven],
            [p.objective for p in unproven],
            colors="#9dc3e6",
            linewidth=3,
            zorder=1,
            label="proven bound … best found",
        )
    if site.minimum_desks is not None:
        axes.axvline(site.minimum_desks, color="#c00000", linestyle="--", linewidth=1.2)
        axes.annotate(
            f"minimum {site.minimum_desks}",
            (site.minimum_desks, max(objective)),
            textcoords="offset points",
            xytext=(6, -12),
            color="#c00000",
        )
    if site.knee is not None:
        knee = next(p for p in points if p.desks == site.knee)
        star = {"s": 160, "marker": "*", "color": "#ffc000", "zorder": 4}
        axes.scatter([knee.desks], [knee.objective], label="knee", **star)
        axes.annotate(
            f"knee {knee.desks}", (knee.desks, knee.objective), textcoords="offset points", xytext=(8, 8)
        )
    if site.unlimited_objective is not None:
        axes.axhline(
            site.unlimited_objective, color="grey", linestyle=":", linewidth=1, label="unlimited desks"
        )
    if min(desks) <= site.current_desks <= max(desks):
        axes.axvline(site.current_desks, color="#548235", linestyle="-.", linewidth=1, label="desks today")
    axes.set_title(_title(site, "best objective by desk count (lower is better)"))
    _desk_axis(axes, desks)
    axes.set_ylabel("objective")
    axes.grid(True, alpha=0.3)
    axes.legend(loc="upper right", fontsize="small")


def draw_occupancy(axes: Axes, site: SiteCapacity) -> None:
    """Per weekday, the busiest day's office count in the best roster at each desk count."""
    points = [p for p in site.curve if p.weekdays]
    if not points:
        _no_roster(axes, site, "office occupancy per weekday")
        return
    desks = [p.desks for p in points]
    weekdays = [w.weekday for w in points[0].weekdays]
    for weekday in weekdays:
        counts = [next((w.peak for w in p.weekdays if w.weekday == weekday), 0) for p in points]
        axes.plot(desks, counts, marker="o", color=_WEEKDAY_COLOURS.get(weekday), label=weekday)
    axes.plot(desks, desks, color="grey", linestyle="--", linewidth=1, label="desks available")
    if site.minimum_desks is not None:
        axes.axvline(site.minimum_desks, color="#c00000", linestyle="--", linewidth=1.2)
    axes.set_title(_title(site, "busiest office count per weekday"))
    _desk_axis(axes, desks)
    axes.set_ylabel("people in the office")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(True, alpha=0.3)
    axes.legend(loc="best", fontsize="small", ncols=2)
