"""``roster import``, ``roster export`` and ``roster schema``: data in and out of the product.

Exit codes as elsewhere: 0 success, 2 usage error, 3 a bad input file (every problem of a staff
sheet is printed with its row and column, and nothing is written).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from optimizer.checker import check
from optimizer.cli.files import (
    EXIT_BAD_INPUT,
    EXIT_USAGE,
    SHOWN,
    BadFile,
    load_problem,
    load_roster,
    read_json,
    say,
)
from optimizer.cli.options import AllErrors, Lang, show_all_errors
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterInput, RosterSolution
from optimizer.io.calendar import Version
from optimizer.io.files import calendar_files
from optimizer.io.sheet import roster_csv, roster_xlsx
from optimizer.io.staff import InvalidStaff, import_staff
from optimizer.io.table import UnreadableSheet, read_table
from optimizer.io.template import template_csv, template_xlsx

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

SCHEMAS = {"problem": RosterProblem, "roster": RosterInput, "solution": RosterSolution}


def _say(message: str) -> None:
    err_console.print(message, markup=False, highlight=False)


def _write(path: Path, data: bytes | str) -> None:
    """Write a file (its folder created), or raise :class:`BadFile` naming it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise BadFile(f"{path}: cannot write ({exc.strerror or exc.__class__.__name__})") from None


def _write_template(prefix: Path) -> None:
    csv_path, xlsx_path = prefix.with_name(prefix.name + ".csv"), prefix.with_name(prefix.name + ".xlsx")
    _write(csv_path, template_csv())
    _write(xlsx_path, template_xlsx())
    console.print(f"wrote {csv_path} and {xlsx_path}: the header row and one example row", markup=False)


def import_command(
    staff: Annotated[
        Path | None, typer.Argument(help="Staff sheet: CSV (UTF-8) or XLSX, a row per employee.")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--out", help="Where to write the problem JSON (with --template: the files' prefix)."
        ),
    ] = None,
    base: Annotated[
        Path | None,
        typer.Option("--base", help="Organisation JSON: horizon, policy, sites, resources, teams, weights."),
    ] = None,
    start: Annotated[
        dt.datetime | None,
        typer.Option(
            "--start",
            help="First day of the horizon (default: the base's, else the coming Monday).",
            formats=["%Y-%m-%d"],
        ),
    ] = None,
    template: Annotated[
        bool, typer.Option("--template", help="Write an empty staff sheet (CSV and XLSX) instead.")
    ] = False,
    lang: Lang = "en",
) -> None:
    """Make a problem from a staff spreadsheet (and a base organisation file)."""
    if template:
        _write_template(out or Path("staff-template"))
        return
    if staff is None or out is None:
        _say(f"{say('cli.error')}: {say('cli.import_usage')}")
        raise typer.Exit(EXIT_USAGE)
    try:
        data = staff.read_bytes()
    except OSError as exc:
        raise BadFile(f"{staff}: cannot read ({exc.strerror or exc.__class__.__name__})") from None
    base_data = read_json(base) if base is not None else None
    try:
        problem = import_staff(read_table(data, staff.name), base_data, start=start.date() if start else None)
    except UnreadableSheet as exc:
        raise BadFile(f"{staff}: {exc}") from None
    except InvalidStaff as exc:
        _say(f"{say('cli.error')}: {staff}: {say('cli.import_problems', count=len(exc.errors))}")
        for error in exc.errors:
            _say(f"  {str(error).replace('base ', f'{base}: ', 1) if error.base_path is not None else error}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    _write(
        out, json.dumps(problem.model_dump(mode="json", exclude_defaults=True), indent=1, ensure_ascii=False)
    )
    facts = {"staff": len(problem.employees), "teams": len(problem.teams), "sites": len(problem.sites)}
    console.print(say("cli.imported", path=out, start=problem.horizon.start, **facts), markup=False)


def export_command(
    solution_file: Annotated[Path, typer.Argument(help="Roster JSON: a solution or its assignments.")],
    problem_file: Annotated[Path, typer.Option("--problem", help="The problem the roster answers.")],
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the roster as CSV here.")] = None,
    xlsx_file: Annotated[Path | None, typer.Option("--xlsx", help="Write the roster as XLSX here.")] = None,
    ics_dir: Annotated[
        Path | None,
        typer.Option("--ics", help="Write a calendar per employee and per team into this folder."),
    ] = None,
    sequence: Annotated[
        int | None,
        typer.Option("--sequence", min=0, help="Calendar SEQUENCE (default: grows with the time of export)."),
    ] = None,
    lang: Lang = "en",
    all_errors: AllErrors = False,
) -> None:
    """Export a roster as the API does: CSV, XLSX, or iCalendar files."""
    if csv_file is None and xlsx_file is None and ics_dir is None:
        _say(f"{say('cli.error')}: {say('cli.export_usage')}")
        raise typer.Exit(EXIT_USAGE)
    problem = load_problem(problem_file)
    roster = load_roster(solution_file)
    known = {person.id for person in problem.employees}
    strangers = sorted({a.employee for a in roster.assignments} - known)
    if strangers:
        shown = strangers if show_all_errors() else strangers[:SHOWN]
        more = (
            f" {say('cli.more_errors', count=len(strangers) - len(shown))}"
            if len(shown) < len(strangers)
            else ""
        )
        names = ", ".join(map(repr, shown))
        raise BadFile(f"{solution_file}: {say('cli.strangers', problem=problem_file)}: {names}{more}")
    broken = check(problem, roster.assignments, roster.team_days).violations
    if broken:
        _say(say("cli.export_broken", count=len(broken)))
    if csv_file is not None:
        _write(csv_file, roster_csv(problem, roster.assignments))
        console.print(say("cli.wrote", path=csv_file), markup=False)
    if xlsx_file is not None:
        _write(xlsx_file, roster_xlsx(problem, roster.assignments))
        console.print(say("cli.wrote", path=xlsx_file), markup=False)
    if ics_dir is not None:
        version = Version.at(dt.datetime.now(dt.UTC))
        if sequence is not None:
            version = Version(version.stamp, sequence)
        files = calendar_files(problem, roster.assignments, version)
        for name, body in files.items():
            _write(ics_dir / name, body)
        console.print(say("cli.wrote_calendars", count=len(files), path=ics_dir), markup=False)


def schema_command(
    which: Annotated[
        Literal["problem", "roster", "solution"], typer.Argument(help="problem, roster or solution.")
    ] = "problem",
    lang: Lang = "en",
) -> None:
    """Print the JSON Schema of a problem, a roster or a solution, every field described."""
    model = SCHEMAS[which]
    mode = "validation" if which != "solution" else "serialization"
    sys.stdout.write(json.dumps(model.model_json_schema(mode=mode), indent=1, ensure_ascii=False) + "\n")


__all__ = ["EXIT_BAD_INPUT", "export_command", "import_command", "schema_command"]
