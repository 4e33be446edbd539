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
from rich.table import Table

from optimizer.capacity import CapacityProgress, CapacityReport, CapacityRequest, size_capacity
from optimizer.capacity.plots import write_plots
from optimizer.capacity.report import render_markdown
from optimizer.cli.files import EXIT_BAD_INPUT, EXIT_NO_ROSTER, EXIT_OK, BadFile, load_problem, read_json
from optimizer.domain.validation import InvalidProblem, ProblemError

console = Console()
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
    err_console.print(f"error: {source}:", markup=False, highlight=False)
    for error in errors:
        err_console.print(f"  {error}", markup=False, highlight=False)


def _request(options: dict[str, Any]) -> CapacityRequest:
    try:
        return CapacityRequest.model_validate(options)
    except ValidationError as exc:
        errors = [
            ProblemError(tuple(e["loc"]), e["msg"].removeprefix("Value error, "), e["type"])
            for e in exc.errors(include_url=False)
        ]
        raise InvalidProblem(errors) from None


def _progress_line(update: CapacityProgress) -> str:
    parts = [update.stage]
    if update.scenario:
        parts.append(f"scenario {update.scenario}")
    if update.site:
        parts.append(f"site {update.site}")
    if update.desks is not None:
        parts.append(f"{update.desks} desks")
    if update.objective is not None:
        parts.append(f"objective {update.objective}")
    return f"[{update.elapsed:5.1f} s] " + ", ".join(parts)


def print_report(report: CapacityReport) -> None:
    """Summary, curve and scenario tables on the console."""
    for site in report.sites:
        title = (
            f"{site.name or site.site} ({site.site}): {site.staff} staff, {site.current_desks} desks today"
        )
        if not site.feasible:
            console.print(f"[bold red]{title}: no valid roster at any desk count[/bold red]")
            for item in site.explanation or []:
                console.print(f"  • {item.constraint}: {item.message}", markup=False)
            continue
        if site.minimum_desks is None:
            console.print(f"{title}: no roster found within the time limit")
            continue
        proven = "proven" if site.proven else f"not proven (at least {site.minimum_lower_bound})"
        console.print(
            f"[bold]{title}[/bold]\n  minimum [bold]{site.minimum_desks}[/bold] desks ({proven}), "
            f"{site.people_per_desk} people per desk, busiest weekday {site.peak_weekday}; "
            f"more desks stop helping at {site.binding_until}, knee {site.knee}"
        )
        table = Table(show_edge=False)
        for column in ("desks", "objective", "bound", "gap", "proven", "unmet prefs", "lonely days", "peak"):
            table.add_column(column, justify="right")
        for p in site.curve:
            gap = "" if p.gap is None else f"{p.gap:.1%}"
            table.add_row(
                *(
                    str(v)
                    for v in (
                        p.desks,
                        p.objective,
                        p.bound,
                        gap,
                        "yes" if p.proven else "no",
                        p.unmet_preferences,
                        p.lonely_office_days,
                        p.office_peak,
                    )
                )
            )
        console.print(table)
    if report.scenarios:
        table = Table(title="What-if scenarios", show_edge=False)
        for column in (
            "scenario",
            "site",
            "staff",
            "min desks",
            "proven",
            "per desk",
            "peak day",
            "objective",
        ):
            table.add_column(column)
        for row in report.scenarios:
            minimum = str(row.minimum_desks) if row.feasible else "no roster"
            table.add_row(
                row.scenario,
                row.site,
                str(row.staff),
                minimum,
                "yes" if row.proven else "no",
                str(row.people_per_desk),
                str(row.peak_weekday),
                str(row.objective),
            )
        console.print(table)
    for note in report.notes:
        console.print(f"note: {note}", markup=False)


def capacity_command(
    problem_file: Annotated[Path, typer.Argument(help="Problem JSON (SPEC v1).")],
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
    }
    if scenarios is not None:
        options["scenarios"] = load_scenarios(scenarios)
    try:
        request = _request(options)
        with err_console.status("sizing…") as status:

            def on_progress(update: CapacityProgress) -> None:
                status.update(_progress_line(update))

            report = size_capacity(problem, request, on_progress=on_progress)
    except InvalidProblem as exc:
        _print_errors(exc.errors, "bad capacity request")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    plots = []
    if plot is not None or report_file is not None:
        target = plot or report_file.with_name(report_file.stem + "-curve.png")
        plots = write_plots(report, target)
    if report_file is not None:
        report_file.parent.mkdir(parents=True, exist_ok=True)
        report_file.write_text(render_markdown(report, problem, plots, report_file), encoding="utf-8")
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=1) + "\n")
    else:
        print_report(report)
        for written in plots:
            console.print(
                f"chart written to {written.path} ({written.width}×{written.height} px)", markup=False
            )
        if report_file is not None:
            console.print(f"report written to {report_file}", markup=False)
    found = all(s.minimum_desks is not None for s in report.sites)
    raise typer.Exit(EXIT_OK if found else EXIT_NO_ROSTER)
