"""A Markdown report of a capacity sizing that a facility manager can forward.

Every word comes from :mod:`optimizer.capacity.wording`, in ``lang``; a missing
value is a dash, never ``None``.
"""

from __future__ import annotations

import os
from pathlib import Path

from optimizer.capacity.models import CapacityReport, CurvePoint, ScenarioRow, SiteCapacity
from optimizer.capacity.plots import PlotFile
from optimizer.capacity.wording import DEFAULT_LANG, desk_exceptions, site_title, text, weekday_name
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import ExplanationItem


def _cell(value: object, lang: str) -> str:
    if value is None:
        return text("none", lang)
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value).replace("|", "\\|")


def _table(header: list[str], rows: list[list[object]], lang: str) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(value, lang) for value in row) + " |" for row in rows]
    return lines


def _gap(point: CurvePoint, lang: str) -> str:
    return text("none", lang) if point.gap is None else f"{point.gap:.1%}"


def _weekday(day: str | None, lang: str) -> str | None:
    return weekday_name(day, lang, long=True) if day else None


def _minimum(feasible: bool, minimum: int | None, lang: str) -> object:
    if not feasible:
        return text("no_roster", lang)
    return minimum if minimum is not None else text("not_found", lang)


def reason(
    feasible: bool,
    explanation: list[ExplanationItem] | None,
    time_limit: float,
    lang: str = DEFAULT_LANG,
    limit: int | None = None,
) -> str | None:
    """Why a site or scenario has no minimum, in words (``None`` when it has one); with ``limit``,
    at most that many rules and a count of the rest."""
    if feasible:
        return None
    if explanation is None:
        return text("reason.not_found", lang, seconds=time_limit)
    shown = explanation if limit is None else explanation[:limit]
    words = " ".join(item.message for item in shown)
    if len(shown) < len(explanation):
        words += " " + text("reason.more", lang, count=len(explanation) - len(shown))
    return text("reason.no_roster", lang, reason=words)


def summary_table(report: CapacityReport, lang: str = DEFAULT_LANG) -> list[str]:
    """One row per site: staff, desks today, minimum, proof, ratio, where capacity stops binding, knee."""
    rows = [
        [
            site_title(s.name, s.site, lang),
            s.staff,
            s.current_desks,
            _minimum(s.feasible, s.minimum_desks, lang),
            s.proven if s.minimum_desks is not None else None,
            s.people_per_desk,
            _weekday(s.peak_weekday, lang),
            s.binding_until,
            s.inner_knee(),
        ]
        for s in report.sites
    ]
    header = ["site", "staff", "desks_today", "minimum", "proven", "per_desk", "busiest", "binding", "knee"]
    return _table([text(f"col.{column}", lang) for column in header], rows, lang)


def typical_section(report: CapacityReport, lang: str = DEFAULT_LANG) -> list[str]:
    """For a typical-week sizing: what was left out, employee by employee."""
    if not report.typical:
        return []
    lines = [f"## {text('typical.heading', lang)}", ""]
    if not report.dropped:
        return [*lines, text("typical.nothing", lang), ""]
    lines += [text("typical.intro", lang), ""]
    rows = [
        [
            f"{item.name} ({item.employee})" if item.name else item.employee,
            text(f"field.{item.field}", lang) + f" (`{item.field}`)",
            ", ".join(date.isoformat() for date in item.dates),
        ]
        for item in report.dropped
    ]
    header = [text(f"dropped.{column}", lang) for column in ("employee", "field", "dates")]
    return [*lines, *_table(header, rows, lang), ""]


def site_section(site: SiteCapacity, lang: str = DEFAULT_LANG) -> list[str]:
    """The minimum, its proof, occupancy at the minimum and the curve table of one site."""
    lines = [f"## {site_title(site.name, site.site, lang)}", ""]
    if not site.feasible:
        lines += [text("report.no_roster", lang), ""]
        lines += [f"- `{item.constraint}`: {item.message}" for item in site.explanation or []]
        return [*lines, ""]
    if site.minimum_desks is None:
        return [*lines, text("report.not_found", lang), ""]
    proof = (
        text("report.proven", lang, proof=site.proof)
        if site.proven
        else text("report.not_proven", lang, bound=site.minimum_lower_bound)
    )
    minimum = text(
        "report.minimum",
        lang,
        desks=site.minimum_desks,
        staff=site.staff,
        per_desk=_cell(site.people_per_desk, lang),
        proof=proof,
    )
    lines += [
        f"- {minimum}",
        "- " + _today(site, lang),
    ]
    if site.binding_until is not None:
        binding = text("report.binding", lang, desks=site.binding_until, objective=site.unlimited_objective)
        lines.append(f"- {binding}")
    elif len(site.curve) > 1:
        lines.append("- " + text("report.curve_cut", lang))
    if site.inner_knee() is not None:
        lines.append("- " + text("report.knee", lang, desks=site.inner_knee()))
    lines += ["", text("report.occupancy", lang), "", *_occupancy_table(site, lang)]
    if site.curve:
        lines += ["", text("report.curve", lang), "", *_curve_table(site, lang)]
        if site.curve_step > 1:
            lines += ["", text("report.step", lang, step=site.curve_step)]
    return [*lines, ""]


def _occupancy_table(site: SiteCapacity, lang: str) -> list[str]:
    demand = {w.weekday: w.peak for w in site.natural_demand}
    days = [w.weekday for w in site.natural_demand] or [w.weekday for w in site.weekdays]
    at_minimum = {w.weekday: w for w in site.weekdays}
    rows = [
        [
            _weekday(day, lang),
            demand.get(day),
            at_minimum[day].peak if day in at_minimum else None,
            at_minimum[day].mean if day in at_minimum else None,
        ]
        for day in days
    ]
    header = [text(f"col.{column}", lang) for column in ("weekday", "demand", "at_minimum", "mean")]
    return _table(header, rows, lang)


def _curve_table(site: SiteCapacity, lang: str) -> list[str]:
    columns = [
        "desks",
        "unmet_weighted",
        "bound",
        "gap",
        "proven",
        "unmet",
        "preference_weight",
        "lonely",
        "peak",
    ]
    rows = [
        [
            p.desks,
            p.objective,
            p.bound,
            _gap(p, lang),
            p.proven,
            p.unmet_preferences,
            p.preference,
            p.lonely_office_days,
            p.office_peak,
        ]
        for p in site.curve
    ]
    return _table([text(f"col.{column}", lang) for column in columns], rows, lang)


def _today(site: SiteCapacity, lang: str) -> str:
    spare = _spare(site, lang)
    if not site.current_desks_by_date:
        return text("report.today", lang, desks=site.current_desks, spare=spare)
    exceptions = desk_exceptions(site.current_desks_by_date, lang)
    return text("report.today_varies", lang, desks=site.current_desks, exceptions=exceptions, spare=spare)


def _spare(site: SiteCapacity, lang: str) -> str:
    spare = site.current_desks - (site.minimum_desks or 0)
    if spare > 0:
        return text("report.spare", lang, count=spare)
    return text("report.exact", lang) if spare == 0 else text("report.short", lang, count=-spare)


def scenario_row(row: ScenarioRow, time_limit: float, lang: str = DEFAULT_LANG) -> list[object]:
    """The cells of one what-if row; a row without a minimum says why in its last cell."""
    return [
        row.scenario,
        row.site,
        row.staff,
        _minimum(row.feasible, row.minimum_desks, lang),
        row.proven if row.minimum_desks is not None else None,
        row.people_per_desk,
        _weekday(row.peak_weekday, lang),
        row.objective,
        row.unlimited_objective,
        reason(row.minimum_desks is not None, row.explanation, time_limit, lang),
    ]


def scenario_section(report: CapacityReport, lang: str = DEFAULT_LANG) -> list[str]:
    """The what-if table: one row per scenario and site, with the reason of every row without a minimum."""
    if not report.scenarios:
        return []
    rows = [scenario_row(row, report.time_limit, lang) for row in report.scenarios]
    columns = ["scenario", "site", "staff", "minimum", "proven", "per_desk", "busiest"]
    columns += ["at_minimum_objective", "unlimited_objective", "reason"]
    header = [text(f"col.{column}", lang) for column in columns]
    return [f"## {text('report.scenarios', lang)}", "", *_table(header, rows, lang), ""]


def render_markdown(
    report: CapacityReport,
    problem: RosterProblem | None = None,
    plots: list[PlotFile] | None = None,
    report_path: Path | None = None,
    lang: str = DEFAULT_LANG,
) -> str:
    """The whole report; image links are relative to ``report_path``'s folder."""
    lines = [f"# {text('report.title', lang)}", ""]
    if problem is not None:
        facts = {
            "staff": len(problem.employees),
            "teams": len(problem.teams),
            "sites": len(problem.sites),
            "days": problem.horizon.days,
            "start": problem.horizon.start,
        }
        lines += [text("report.problem", lang, **facts), ""]
    lines += typical_section(report, lang)
    lines += [f"## {text('report.summary', lang)}", "", *summary_table(report, lang), ""]
    for site in report.sites:
        lines += site_section(site, lang)
    images = _image_links(plots or [], report_path, lang)
    if images:
        lines += [f"## {text('report.charts', lang)}", "", text("report.charts_note", lang), ""]
        lines += [line for title, link in images for line in (f"![{title}]({link})", "")]
    lines += scenario_section(report, lang)
    lines += [f"## {text('report.how_to_read', lang)}", ""]
    topics = ("minimum", "proven", "unmet", "demand", "lonely")
    lines += [f"- {text(f'report.read_{topic}', lang)}" for topic in topics]
    lines += ["", text("report.timing", lang, limit=report.time_limit, total=report.solve_seconds)]
    if report.stopped:
        lines += ["", text("report.stopped", lang)]
    if report.notes:
        lines += ["", *[f"- {text('report.note', lang, note=note)}" for note in report.notes]]
    return "\n".join(lines) + "\n"


def _image_links(plots: list[PlotFile], report_path: Path | None, lang: str) -> list[tuple[str, str]]:
    """PNG images as Markdown links (the SVG twins sit next to them)."""
    base = report_path.parent if report_path is not None else Path(".")
    return [
        (text(f"report.chart_{plot.kind}", lang), Path(os.path.relpath(plot.path, base)).as_posix())
        for plot in plots
        if plot.format == "png"
    ]
