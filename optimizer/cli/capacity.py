"""``roster capacity``: how many desks a site needs, what each desk fewer costs, what-if policies.

Exit codes as for ``roster solve``: 0 every sized site has a minimum, 3 a bad
input file or request (each error printed with its path), 4 a site has no
roster at any desk count (the explanation is printed) or none was found in time.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from optimizer.capacity import (
    CapacityProgress,
    CapacityReport,
    CapacityRequest,
    ScenarioRow,
    SiteCapacity,
    size_capacity,
)
from optimizer.capacity.plots import write_plots
from optimizer.capacity.report import reason, render_markdown, scenario_row
from optimizer.capacity.wording import DEFAULT_LANG, desk_exceptions, site_title, text, weekday_name
from optimizer.cli.files import EXIT_BAD_INPUT, EXIT_NO_ROSTER, EXIT_OK, BadFile, load_problem, read_json
from optimizer.cli.options import AllErrors, Lang, current_language
from optimizer.domain.validation import InvalidProblem, ProblemError
from optimizer.i18n import translate
from optimizer.i18n.explanations import report_in

console = Console()
REASONS_SHOWN = 5  # conflicting rules printed per scenario; --json and --report hold them all
WIDE_TABLE = 100  # terminal columns from which the what-if table names the conflicting rules
err_console = Console(stderr=True)

ReportFile = Annotated[Path | None, typer.Option("--report", help="Write a Markdown report here.")]
DesksFrom = Annotated[int | None, typer.Option("--desks-from", help="First desk count of the curve.", min=0)]
DesksTo = Annotated[int | None, typer.Option("--desks-to", help="Last desk count of the curve.", min=0)]


def load_scenarios(path: Path) -> list[Any]:
    """A scenarios file: a list of ``{name, overrides}`` or ``{"scenarios": [...]}``."""
    data = read_json(path)
    if isinstance(data, dict) and set(data) == {"scenarios"}:
        data = data["scenarios"]
    if not isinstance(data, list):
        raise BadFile(f'{path}: expected a list of {{"name", "overrides"}} objects or {{"scenarios": [...]}}')
    return data


def _print_errors(errors: list[ProblemError], source: str) -> None:
    lang = current_language()
    err_console.print(f"{translate('cli.error', lang)}: {source}:", markup=False, highlight=False)
    for error in errors:
        err_console.print(f"  {error.text(lang)}", markup=False, highlight=False)


def _request(options: dict[str, Any]) -> CapacityRequest:
    try:
        return CapacityRequest.model_validate(options)
    except ValidationError as exc:
        errors = [
            ProblemError(tuple(e["loc"]), e["msg"].removeprefix("Value error, "), e["type"])
            for e in exc.errors(include_url=False)
        ]
        raise InvalidProblem(errors) from None


def _progress_line(update: CapacityProgress, lang: str = DEFAULT_LANG) -> str:
    parts = [update.stage]
    if update.scenario:
        parts.append(translate("cli.sizing_scenario", lang, scenario=update.scenario))
    if update.site:
        parts.append(translate("cli.sizing_site", lang, site=update.site))
    if update.desks is not None:
        parts.append(translate("cli.sizing_desks", lang, desks=update.desks))
    if update.objective is not None:
        parts.append(translate("status.objective", lang, value=update.objective))
    return translate("cli.sizing_line", lang, seconds=f"{update.elapsed:5.1f}", parts=", ".join(parts))


def _value(value: object, lang: str) -> str:
    """A table cell: a dash for a missing value, never ``None``."""
    if value is None:
        return text("none", lang)
    if isinstance(value, bool):
        return text("yes" if value else "no", lang)
    return str(value)


def print_typical(report: CapacityReport, lang: str = DEFAULT_LANG, out: Console | None = None) -> None:
    """For a typical-week sizing: what was left out, per field, with the employees' dates."""
    out = out or console
    if not report.typical:
        return
    if not report.dropped:
        out.print(text("typical.nothing", lang), markup=False)
        return
    out.print(text("typical.intro", lang), markup=False)
    for field in dict.fromkeys(item.field for item in report.dropped):
        items = [item for item in report.dropped if item.field == field]
        dates = sum(len(item.dates) for item in items)
        label = text(f"field.{field}", lang) + f" ({field})"
        out.print(
            "  " + text("typical.count", lang, field=label, entries=len(items), dates=dates), markup=False
        )
        for item in items:
            who = f"{item.name} ({item.employee})" if item.name else item.employee
            out.print(f"    {who}: {', '.join(d.isoformat() for d in item.dates)}", markup=False)


def _site_title(site: SiteCapacity, lang: str) -> str:
    name = site_title(site.name, site.site, lang)
    if not site.current_desks_by_date:
        return text("cli.site", lang, site=name, staff=site.staff, desks=site.current_desks)
    exceptions = desk_exceptions(site.current_desks_by_date, lang)
    return text(
        "cli.site_varies", lang, site=name, staff=site.staff, desks=site.current_desks, exceptions=exceptions
    )


def _site_lines(site: SiteCapacity, lang: str) -> str:
    proof = (
        text("cli.proven", lang)
        if site.proven
        else text("cli.not_proven", lang, bound=_value(site.minimum_lower_bound, lang))
    )
    parts = [
        text(
            "cli.minimum",
            lang,
            desks=site.minimum_desks,
            proof=proof,
            per_desk=_value(site.people_per_desk, lang),
            weekday=_value(weekday_name(site.peak_weekday, lang) if site.peak_weekday else None, lang),
        )
    ]
    if site.binding_until is not None:
        parts.append(text("cli.binding", lang, desks=site.binding_until))
    if site.inner_knee() is not None:
        parts.append(text("cli.knee", lang, desks=site.inner_knee()))
    return "; ".join(parts)


def print_report(report: CapacityReport, lang: str = DEFAULT_LANG, out: Console | None = None) -> None:
    """The typical-week note, summary, curve and scenario tables on the console; no cell reads ``None``."""
    out = out or console
    print_typical(report, lang, out)
    for site in report.sites:
        title = _site_title(site, lang)
        if not site.feasible:
            out.print(f"[bold red]{escape(title)}: {escape(text('cli.no_roster', lang))}[/bold red]")
            for item in site.explanation or []:
                out.print(f"  • {item.constraint}: {item.message}", markup=False)
            continue
        if site.minimum_desks is None:
            out.print(f"{title}: {text('cli.not_found', lang)}", markup=False)
            continue
        out.print(f"[bold]{escape(title)}[/bold]\n  {escape(_site_lines(site, lang))}")
        out.print(_curve_table(site, lang))
    if report.scenarios:
        out.print(_scenario_table(report, lang, out.width))
        print_reasons(report, lang, out)
    for note in report.notes:
        out.print(text("cli.note", lang, note=note), markup=False)


def _curve_table(site: SiteCapacity, lang: str) -> Table:
    table = Table(show_edge=False)
    for column in ("desks", "unmet_weighted", "bound", "gap", "proven", "unmet", "lonely", "peak"):
        table.add_column(text(f"cli.col.{column}", lang), justify="right", overflow="fold")
    for p in site.curve:
        gap = None if p.gap is None else f"{p.gap:.1%}"
        values = (p.desks, p.objective, p.bound, gap, p.proven, p.unmet_preferences, p.lonely_office_days)
        table.add_row(*(_value(v, lang) for v in (*values, p.office_peak)))
    return table


def _scenario_table(report: CapacityReport, lang: str, width: int) -> Table:
    """One row per scenario and site; a row without a minimum points to its reason under the table
    and, on a terminal of 100 columns or more, names the conflicting rules in a last column."""
    table = Table(title=text("cli.scenarios", lang), show_edge=False, pad_edge=False)
    columns = ["scenario", "site", "staff", "minimum", "proven", "per_desk", "busiest", "objective"]
    why = [_why(row, lang) for row in report.scenarios]
    wide = any(why) and width >= WIDE_TABLE
    if wide:
        columns.append("reason")
    for column in columns:
        wrap = column in ("scenario", "reason")
        table.add_column(text(f"cli.col.{column}", lang), overflow="fold", no_wrap=not wrap)
    for row, rules in zip(report.scenarios, why, strict=True):
        cells = scenario_row(row, report.time_limit, lang)
        cells[6] = weekday_name(row.peak_weekday, lang) if row.peak_weekday else None
        if rules is not None:
            cells[3] = f"{cells[3]} ↓"
        values = [*cells[:8], rules] if wide else cells[:8]
        table.add_row(*(_value(v, lang) for v in values))
    return table


def _why(row: ScenarioRow, lang: str) -> str | None:
    """The rules that conflict in a row without a minimum (or "time limit" for one not found in time)."""
    if row.minimum_desks is not None:
        return None
    if row.explanation is None:
        return text("cli.time_limit", lang)
    return ", ".join(dict.fromkeys(item.constraint for item in row.explanation))


def print_reasons(report: CapacityReport, lang: str = DEFAULT_LANG, out: Console | None = None) -> None:
    """Under the what-if table, in words: why each scenario without a minimum has none (once per reason)."""
    out = out or console
    grouped: dict[tuple[str, str], list[str]] = {}
    for row in report.scenarios:
        why = reason(row.minimum_desks is not None, row.explanation, report.time_limit, lang, REASONS_SHOWN)
        if why is not None:
            grouped.setdefault((row.scenario, why), []).append(row.site)
    for (scenario, why), sites in grouped.items():
        out.print(
            text("cli.reason", lang, scenario=scenario, sites=", ".join(sites), reason=why), markup=False
        )


def capacity_command(
    problem_file: Annotated[Path, typer.Argument(help="Problem JSON (SPEC v1.1).")],
    site: Annotated[
        list[str] | None, typer.Option("--site", "-s", help="Site to size (repeat for several; default all).")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Chart file, e.g. curve.png (SVG and occupancy charts too).")
    ] = None,
    report_file: Annotated[
        Path | None, typer.Option("--report", help="Write a Markdown report here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    scenarios: Annotated[
        Path | None, typer.Option("--scenarios", help='JSON list of {"name", "overrides"} what-if scenarios.')
    ] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds per solve.", min=0.01)] = 10.0,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT threads per solve.", min=1)] = 2,
    curve: Annotated[bool, typer.Option("--curve/--no-curve", help="Compute the trade-off curve.")] = True,
    max_points: Annotated[int, typer.Option("--max-points", help="At most this many curve points.")] = 25,
    desks_from: Annotated[
        int | None, typer.Option("--desks-from", help="First desk count of the curve.")
    ] = None,
    desks_to: Annotated[int | None, typer.Option("--desks-to", help="Last desk count of the curve.")] = None,
    typical: Annotated[
        bool,
        typer.Option(
            "--typical",
            help="Size a typical week: drop every fixed and unavailable date and the previous roster "
            "(listed in the output).",
        ),
    ] = False,
    lang: Lang = "en",
    all_errors: AllErrors = False,
) -> None:
    """Size desk capacity: the proven minimum per site, the trade-off curve and what-if scenarios."""
    problem = load_problem(problem_file)
    options: dict[str, Any] = {
        "sites": site or None,
        "curve": curve,
        "curve_max_points": max_points,
        "desks_from": desks_from,
        "desks_to": desks_to,
        "time_limit": time_limit,
        "workers": workers,
        "typical": typical,
    }
    if scenarios is not None:
        options["scenarios"] = load_scenarios(scenarios)
    try:
        request = _request(options)
        with err_console.status(translate("cli.sizing", lang)) as status:

            def on_progress(update: CapacityProgress) -> None:
                status.update(_progress_line(update, lang))

            report = size_capacity(problem, request, on_progress=on_progress)
    except InvalidProblem as exc:
        _print_errors(exc.errors, translate("cli.bad_capacity_request", lang))
        raise typer.Exit(EXIT_BAD_INPUT) from None
    report = report_in(report, problem, lang)
    plots = []
    if plot is not None or report_file is not None:
        target = plot or report_file.with_name(report_file.stem + "-curve.png")
        plots = write_plots(report, target, lang=lang)
    if report_file is not None:
        report_file.parent.mkdir(parents=True, exist_ok=True)
        markdown = render_markdown(report, problem, plots, report_file, lang=lang)
        report_file.write_text(markdown, encoding="utf-8")
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=1) + "\n")
    else:
        print_report(report, lang)
        for written in plots:
            line = text("cli.chart", lang, path=written.path, width=written.width, height=written.height)
            console.print(line, markup=False)
        if report_file is not None:
            console.print(text("cli.report", lang, path=report_file), markup=False)
    found = all(s.minimum_desks is not None for s in report.sites)
    raise typer.Exit(EXIT_OK if found else EXIT_NO_ROSTER)
