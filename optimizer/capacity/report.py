"""A Markdown report of a capacity sizing that a facility manager can forward."""

from __future__ import annotations

import os
from pathlib import Path

from optimizer.capacity.models import CapacityReport, CurvePoint, SiteCapacity
from optimizer.capacity.plots import PlotFile
from optimizer.domain.problem import RosterProblem

_WEEKDAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value).replace("|", "\\|")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return lines


def _gap(point: CurvePoint) -> str:
    return "–" if point.gap is None else f"{point.gap:.1%}"


def summary_table(report: CapacityReport) -> list[str]:
    """One row per site: staff, desks today, minimum, proof, ratio, where capacity stops binding, knee."""
    rows = [
        [
            f"{s.name or s.site} ({s.site})",
            s.staff,
            s.current_desks,
            s.minimum_desks if s.feasible else "no roster",
            s.proven if s.feasible else None,
            s.people_per_desk,
            _weekday(s.peak_weekday),
            s.binding_until,
            s.knee,
        ]
        for s in report.sites
    ]
    header = [
        "Site",
        "Staff",
        "Desks today",
        "Minimum desks",
        "Proven",
        "People per desk",
        "Busiest weekday",
        "Extra desks stop helping at",
        "Knee",
    ]
    return _table(header, rows)


def _weekday(day: str | None) -> str | None:
    return _WEEKDAY_NAMES.get(day, day) if day else None


def site_section(site: SiteCapacity) -> list[str]:
    """The minimum, its proof, occupancy at the minimum and the curve table of one site."""
    lines = [f"## {site.name or site.site} ({site.site})", ""]
    if not site.feasible:
        lines += [
            "**No valid roster exists at any desk count**, even with a desk for everyone. "
            "These rules cannot all hold together:",
            "",
        ]
        lines += [f"- `{item.constraint}`: {item.message}" for item in site.explanation or []]
        return [*lines, ""]
    if site.minimum_desks is None:
        return [*lines, "No roster was found within the time limit; run again with a longer time limit.", ""]
    proof = (
        f"proven: {site.proof}"
        if site.proven
        else f"not proven within the time limit; at least {site.minimum_lower_bound} desks are needed"
    )
    lines += [
        f"- **Minimum: {site.minimum_desks} desks** for {site.staff} staff "
        f"({_cell(site.people_per_desk)} people per desk); {proof}.",
        f"- Desks today: {site.current_desks} ({_spare(site)}).",
    ]
    if site.binding_until is not None:
        lines.append(
            f"- From **{site.binding_until} desks** on, more desks no longer improve the roster "
            f"(objective {site.unlimited_objective}, the same as with a desk for everyone)."
        )
    elif site.curve and len(site.curve) > 1:
        lines.append("- The curve stops before capacity stops binding (range or time limit).")
    if site.knee is not None and len(site.curve) > 2:
        lines.append(f"- Knee: from about **{site.knee} desks** on, each further desk gains less.")
    lines += ["", "Office occupancy per weekday in the best roster at the minimum:", ""]
    lines += _table(
        ["Weekday", "Peak (busiest date)", "Mean"],
        [[_weekday(w.weekday), w.peak, w.mean] for w in site.weekdays],
    )
    if site.curve:
        lines += ["", "Trade-off curve (lower objective is better):", ""]
        lines += _table(
            [
                "Desks",
                "Objective",
                "Bound",
                "Gap",
                "Proven",
                "Unmet preferences",
                "Unmet preference weight",
                "Lonely office days",
                "Busiest day",
            ],
            [
                [
                    p.desks,
                    p.objective,
                    p.bound,
                    _gap(p),
                    p.proven,
                    p.unmet_preferences,
                    p.preference,
                    p.lonely_office_days,
                    p.office_peak,
                ]
                for p in site.curve
            ],
        )
        if site.curve_step > 1:
            lines.append(f"\nDesk counts step by {site.curve_step}; the last step is bisected.")
    return [*lines, ""]


def _spare(site: SiteCapacity) -> str:
    spare = site.current_desks - (site.minimum_desks or 0)
    if spare > 0:
        return f"{spare} more than the minimum"
    return "exactly the minimum" if spare == 0 else f"{-spare} fewer than the minimum: no valid roster today"


def scenario_section(report: CapacityReport) -> list[str]:
    """The what-if table: one row per scenario and site."""
    if not report.scenarios:
        return []
    rows = [
        [
            row.scenario,
            row.site,
            row.staff,
            row.minimum_desks if row.feasible else "no roster",
            row.proven if row.feasible else None,
            row.people_per_desk,
            _weekday(row.peak_weekday),
            row.objective,
            row.unlimited_objective,
        ]
        for row in report.scenarios
    ]
    lines = ["## What-if scenarios", ""]
    lines += _table(
        [
            "Scenario",
            "Site",
            "Staff",
            "Minimum desks",
            "Proven",
            "People per desk",
            "Busiest weekday",
            "Objective at minimum",
            "Objective, unlimited desks",
        ],
        rows,
    )
    for row in report.scenarios:
        if not row.feasible and row.explanation:
            lines += ["", f"Scenario *{row.scenario}* has no valid roster at {row.site}:"]
            lines += [f"- `{item.constraint}`: {item.message}" for item in row.explanation]
    return [*lines, ""]


def render_markdown(
    report: CapacityReport,
    problem: RosterProblem | None = None,
    plots: list[PlotFile] | None = None,
    report_path: Path | None = None,
) -> str:
    """The whole report; image links are relative to ``report_path``'s folder."""
    lines = ["# Desk capacity report", ""]
    if problem is not None:
        lines += [
            f"{len(problem.employees)} staff in {len(problem.teams)} teams, {len(problem.sites)} site(s); "
            f"horizon of {problem.horizon.days} days from {problem.horizon.start}.",
            "",
        ]
    lines += ["## Summary", "", *summary_table(report), ""]
    for site in report.sites:
        lines += site_section(site)
    images = _image_links(plots or [], report_path)
    if images:
        note = "Each chart has one row per site; an SVG version sits next to each PNG."
        lines += ["## Charts", "", note, ""]
        lines += [line for title, link in images for line in (f"![{title}]({link})", "")]
    lines += scenario_section(report)
    lines += [
        "## How to read this report",
        "",
        "- **Minimum desks**: the fewest desks for which a roster exists that keeps every rule "
        "(office days, meetings, anchor days, hours, leave). Sites are sized one at a time.",
        "- **Proven** means the solver showed that with one desk fewer no valid roster exists "
        "(for the minimum) or that no better roster exists (for a curve point). Unproven points "
        "carry a **bound**: no roster can score below it.",
        "- **Objective**: the weighted cost of unmet preferences, start-time deviations and lonely "
        "office days; lower is better.",
        "- **Lonely office days**: an employee in the office with too few teammates there.",
        "",
        f"Time limit per solve: {report.time_limit:g} s; total time: {report.solve_seconds:.1f} s"
        + ("; **stopped early, results are partial**." if report.stopped else "."),
    ]
    if report.notes:
        lines += ["", *[f"- Note: {note}" for note in report.notes]]
    return "\n".join(lines) + "\n"


def _image_links(plots: list[PlotFile], report_path: Path | None) -> list[tuple[str, str]]:
    """PNG images as Markdown links (the SVG twins sit next to them)."""
    base = report_path.parent if report_path is not None else Path(".")
    titles = {"curve": "Trade-off curve", "occupancy": "Office occupancy per weekday"}
    return [
        (titles[plot.kind], Path(os.path.relpath(plot.path, base)).as_posix())
        for plot in plots
        if plot.format == "png"
    ]
