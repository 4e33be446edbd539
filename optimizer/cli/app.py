"""The ``roster`` command line: solve, check, demo and generate.

Exit codes: 0 success, 1 the checked roster has violations, 2 usage error,
3 a bad input file (missing, not JSON, not a problem or roster), 4 no roster
(the problem is infeasible, or none was found in the time limit).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from optimizer.checker import check
from optimizer.cli.files import (
    EXIT_BAD_INPUT,
    EXIT_NO_ROSTER,
    EXIT_OK,
    EXIT_VIOLATIONS,
    BadFile,
    load_problem,
    load_roster,
)
from optimizer.cli.options import AllErrors, FormatOption, Lang, OutputFormat, current_language
from optimizer.cli.progress import LiveProgress
from optimizer.cli.render import print_check, print_solution
from optimizer.domain.problem import RosterProblem
from optimizer.generator import GeneratorSettings, generate
from optimizer.i18n import translate
from optimizer.model.solve import SolveOptions, solve

app = typer.Typer(
    help="Hybrid Roster Optimizer: weekly office/home/other rosters that honour every rule.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)

TimeLimit = Annotated[float, typer.Option("--time-limit", help="Seconds to search.", min=0.01)]
Workers = Annotated[int, typer.Option("--workers", help="Parallel search workers.", min=1)]
Seed = Annotated[int, typer.Option("--seed", help="Random seed (same seed, one worker: same roster).")]


def _solve_and_report(
    problem: RosterProblem,
    out: Path | None,
    as_json: bool,
    options: SolveOptions,
    fmt: OutputFormat = OutputFormat.table,
) -> int:
    with LiveProgress(err_console) as progress:
        solution = solve(problem, options, on_progress=progress)
    if out is not None:
        out.write_text(solution.model_dump_json(indent=1), encoding="utf-8")
    lang = current_language()
    if as_json:
        sys.stdout.write(solution.model_dump_json(indent=1) + "\n")
    else:
        notes = err_console if fmt == OutputFormat.csv else console
        print_solution(console, problem, solution, lang, fmt.value, notes)
        if out is not None:
            notes.print(translate("cli.written", lang, path=out), markup=False, highlight=False)
    return EXIT_OK if solution.assignments else EXIT_NO_ROSTER


@app.command("solve")
def solve_command(
    problem_file: Annotated[Path, typer.Argument(help="Problem JSON (SPEC v1.1).")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write the solution JSON here.")] = None,
    time_limit: TimeLimit = 30.0,
    workers: Workers = 2,
    seed: Seed = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the solution as JSON.")] = False,
    log: Annotated[bool, typer.Option("--log", help="Print the solver's search log.")] = False,
    output: FormatOption = OutputFormat.table,
    lang: Lang = "en",
    all_errors: AllErrors = False,
) -> None:
    """Solve a problem and print the roster and its score."""
    problem = load_problem(problem_file)
    options = SolveOptions(time_limit=time_limit, workers=workers, seed=seed, log=log)
    raise typer.Exit(_solve_and_report(problem, out, as_json, options, output))


@app.command("check")
def check_command(
    problem_file: Annotated[Path, typer.Argument(help="Problem JSON (SPEC v1.1).")],
    roster_file: Annotated[Path, typer.Argument(help="Roster JSON: a solution or its assignments.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    output: FormatOption = OutputFormat.table,
    lang: Lang = "en",
    all_errors: AllErrors = False,
) -> None:
    """Check a roster: list every violation and recompute its score (exit 1 on any violation)."""
    problem = load_problem(problem_file)
    roster = load_roster(roster_file)
    result = check(problem, roster.assignments, roster.team_days)
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=1) + "\n")
    else:
        notes = err_console if output == OutputFormat.csv else console
        print_check(console, result, current_language(), output.value, notes)
    raise typer.Exit(EXIT_OK if result.valid else EXIT_VIOLATIONS)


@app.command("demo")
def demo_command(
    employees: Annotated[int, typer.Option(help="Staff in the generated organisation.", min=1)] = 24,
    teams: Annotated[int, typer.Option(help="Teams.", min=1)] = 3,
    seed: Seed = 7,
    time_limit: TimeLimit = 20.0,
    lang: Lang = "en",
) -> None:
    """Generate a realistic organisation and solve its week, to see the product in one command."""
    problem = generate(GeneratorSettings(employees=employees, teams=teams, seed=seed))
    lang = current_language()
    line = translate(
        "cli.demo",
        lang,
        staff=employees,
        teams=teams,
        desks=problem.sites[0].desks,
        start=problem.horizon.start,
    )
    console.print(line, markup=False, highlight=False)
    raise typer.Exit(_solve_and_report(problem, None, False, SolveOptions(time_limit=time_limit)))


@app.command("generate")
def generate_command(
    out: Annotated[Path, typer.Option("-o", "--out", help="Where to write the problem JSON.")],
    employees: Annotated[int, typer.Option(help="Number of staff.", min=1)] = 12,
    teams: Annotated[int, typer.Option(help="Number of teams.", min=1)] = 2,
    weeks: Annotated[int, typer.Option(help="Weeks in the horizon (1-6).", min=1, max=6)] = 1,
    sites: Annotated[int, typer.Option(help="Number of sites.", min=1)] = 1,
    seed: Seed = 0,
    patterns: Annotated[
        bool, typer.Option("--patterns", help="Give each team a weekly hybrid pattern (e.g. Mon–Wed office).")
    ] = False,
    lang: Lang = "en",
) -> None:
    """Write a seeded realistic problem."""
    settings = GeneratorSettings(
        employees=employees, teams=teams, weeks=weeks, sites=sites, seed=seed, patterns=patterns
    )
    problem = generate(settings)
    data = problem.model_dump(mode="json", exclude_defaults=True)
    out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    line = translate("cli.generated", current_language(), path=out, staff=employees, teams=teams, weeks=weeks)
    console.print(line, markup=False, highlight=False)


from optimizer.cli.serve import serve_command  # noqa: E402

app.command("serve")(serve_command)

from optimizer.cli.worker import worker_command  # noqa: E402

app.command("worker")(worker_command)

from optimizer.cli.batch import batch_command  # noqa: E402

app.command("batch")(batch_command)

from optimizer.cli.capacity import capacity_command  # noqa: E402

app.command("capacity")(capacity_command)

from optimizer.cli.plan import replan_command, why_command  # noqa: E402

app.command("replan")(replan_command)
app.command("why")(why_command)

from optimizer.cli.data import export_command, import_command, schema_command  # noqa: E402

app.command("import")(import_command)
app.command("export")(export_command)
app.command("schema")(schema_command)


def main() -> None:
    """Entry point of the ``roster`` console script."""
    try:
        app()
    except BadFile as exc:
        error = translate("cli.error", current_language())
        err_console.print(f"{error}: {exc}", markup=False, highlight=False)
        sys.exit(EXIT_BAD_INPUT)
