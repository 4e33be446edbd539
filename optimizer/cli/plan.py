"""``roster replan`` and ``roster why``: re-plan a published week; what another location would take.

Exit codes as for ``roster solve``: 0 a roster (or an answer), 3 a bad file or
flag (every problem printed, each named), 4 no roster (the explanation is printed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape

from optimizer.cli.files import (
    EXIT_BAD_INPUT,
    EXIT_NO_ROSTER,
    EXIT_OK,
    BadFile,
    listed,
    load_problem,
    read_json,
    say,
)
from optimizer.cli.options import AllErrors, FormatOption, Lang, OutputFormat, current_language
from optimizer.cli.render import day_heading, print_solution
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, RosterSolution
from optimizer.domain.validation import InvalidProblem, ProblemError, from_pydantic
from optimizer.domain.why import summary_in
from optimizer.i18n.explanations import reword
from optimizer.model.replan import replan
from optimizer.model.solve import SolveOptions
from optimizer.model.why import why
from optimizer.replan.changes import describe_change
from optimizer.replan.flags import parse_flags
from optimizer.replan.request import DayEvents, replan_problem, request_errors

console = Console()
err_console = Console(stderr=True, soft_wrap=True)


def load_solution(path: Path) -> RosterSolution:
    """A roster written by ``roster solve -o``, or raise :class:`BadFile` naming the first problem."""
    data = read_json(path)
    try:
        solution = RosterSolution.model_validate(data)
    except ValidationError as exc:
        errors = [from_pydantic(error, RosterSolution) for error in exc.errors(include_url=False)]
        raise BadFile(listed(path, say("cli.not_a_solution"), errors)) from None
    if not solution.assignments:
        raise BadFile(f"{path}: {say('cli.no_roster_in', status=solution.status)}")
    return solution


def _fail(errors: list[ProblemError], source: str) -> typer.Exit:
    """Every error under ``error: SOURCE:`` (``source`` a message id), in the chosen language."""
    err_console.print(f"{say('cli.error')}: {say(source)}:", markup=False, highlight=False)
    for error in errors:
        err_console.print(f"  {error.text(current_language())}", markup=False, highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)


def _date_or_error(text: str, flag: str) -> tuple[dt.date | None, list[ProblemError]]:
    try:
        return dt.date.fromisoformat(text), []
    except ValueError:
        return None, [ProblemError((flag,), f"{text!r} is not a date YYYY-MM-DD", "value_error")]


def _date(text: str, flag: str) -> dt.date:
    day, errors = _date_or_error(text, flag)
    if day is None:
        raise _fail(errors, "cli.bad_flag")
    return day


def replan_command(
    problem_file: Annotated[Path, typer.Argument(help="Problem JSON, with any further changes of the day.")],
    published_file: Annotated[
        Path, typer.Argument(help="The published roster (as `roster solve -o` writes it).")
    ],
    start: Annotated[
        str, typer.Option("--from", help="First day to re-plan (YYYY-MM-DD); earlier days are kept.")
    ],
    unavailable: Annotated[
        list[str],
        typer.Option("--unavailable", help="New leave: EMPLOYEE:DATE or EMPLOYEE:DATE..DATE (repeat)."),
    ] = [],  # noqa: B006 - typer reads the default
    desks: Annotated[list[str], typer.Option("--desks", help="Desks of a day: SITE:DATE=N (repeat).")] = [],  # noqa: B006
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write the new solution JSON here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the solution as JSON.")] = False,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds to search.", min=0.01)] = 30.0,
    workers: Annotated[int, typer.Option("--workers", help="Parallel search workers.", min=1)] = 2,
    output: FormatOption = OutputFormat.table,
    lang: Lang = "en",
    all_errors: AllErrors = False,
) -> None:
    """Re-plan a published roster from a date on, with as few changes as possible."""
    problem = load_problem(problem_file)
    published = load_solution(published_file)
    from_date, errors = _date_or_error(start, "--from")
    events, flag_errors = parse_flags(unavailable, desks)
    errors += flag_errors + request_errors(problem, published.assignments, from_date, events)
    if errors:
        raise _fail([_as_flag(error) for error in errors], "cli.cannot_replan")
    try:
        solution = replan(
            problem, published, from_date, events, SolveOptions(time_limit=time_limit, workers=workers)
        )
    except InvalidProblem as exc:
        raise _fail([_as_flag(error) for error in exc.errors], "cli.cannot_replan") from None
    if out is not None:
        out.write_text(solution.model_dump_json(indent=1), encoding="utf-8")
    if as_json:
        sys.stdout.write(solution.model_dump_json(indent=1) + "\n")
    else:
        notes = err_console if output == OutputFormat.csv else console
        shown = _as_replanned(problem, published, from_date, events)
        print_solution(console, shown, solution, current_language(), output.value, notes)
        if solution.assignments:
            _print_changes(solution, notes, shown)
    raise typer.Exit(EXIT_OK if solution.assignments else EXIT_NO_ROSTER)


def _as_flag(error: ProblemError) -> ProblemError:
    """Errors about events and ``from`` named by the flag that gave them."""
    flags = {"from": "--from", "unavailable": "--unavailable", "desks": "--desks", "published": "PUBLISHED"}
    head = error.loc[0] if error.loc else ""
    if head in flags:
        return dataclasses.replace(error, loc=(flags[head], *error.loc[1:]))
    return error


def _as_replanned(
    problem: RosterProblem, published: RosterSolution, start: dt.date | None, events: DayEvents
) -> RosterProblem:
    """The problem as re-planned (the new leave and desks in it), to show the roster against."""
    if start is None:
        return problem
    try:
        return replan_problem(problem, published.assignments, start, events).problem
    except InvalidProblem:
        return problem


def _print_changes(solution: RosterSolution, out: Console, problem: RosterProblem) -> None:
    lang = current_language()
    leave = {(employee.id, day) for employee in problem.employees for day in employee.unavailable}
    changes = solution.changes or []
    if not changes:
        out.print(say("change.none"), markup=False, highlight=False)
    else:
        out.print(say("change.count", count=len(changes)), markup=False, highlight=False)
        for change in changes:
            on_leave = (change.employee, change.date) in leave
            out.print(f"  {describe_change(change, lang, on_leave)}", markup=False, highlight=False)
    for moved in solution.moved_team_days or []:
        old = ", ".join(str(d) for d in moved.from_)
        new = ", ".join(str(d) for d in moved.to)
        line = say("change.anchor", team=moved.team, week=moved.week, old=old, new=new)
        out.print(f"  {line}", markup=False, highlight=False)


def why_command(
    problem_file: Annotated[Path, typer.Argument(help="Problem JSON.")],
    roster_file: Annotated[Path, typer.Argument(help="The roster (a solution or its assignments).")],
    employee: Annotated[str, typer.Option("--employee", help="Employee id.")],
    date: Annotated[str, typer.Option("--date", help="The day (YYYY-MM-DD).")],
    location: Annotated[str | None, typer.Option("--location", help="Ask about one location only.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds per alternative.", min=0.01)
    ] = 10.0,
    lang: Lang = "en",
    all_errors: AllErrors = False,
) -> None:
    """What it would take to give one cell of a roster another location."""
    from optimizer.cli.files import load_roster

    problem = load_problem(problem_file)
    roster: list[Assignment] = load_roster(roster_file).assignments
    day = _date(date, "--date")
    try:
        answer = why(problem, roster, employee, day, location, SolveOptions(time_limit=time_limit))
    except InvalidProblem as exc:
        named = [
            dataclasses.replace(e, loc=(f"--{e.loc[0]}", *e.loc[1:]) if e.loc else e.loc) for e in exc.errors
        ]
        raise _fail(named, "cli.cannot_answer") from None
    if as_json:
        sys.stdout.write(answer.model_dump_json(indent=1) + "\n")
        raise typer.Exit(EXIT_OK)
    lang = current_language()
    current = answer.current
    if current.location != "off":
        hours = f"{current.hours:g}".replace(".", "," if lang == "id" else ".")
        detail = say("answer.worked", start=current.start, hours=hours)
    else:
        detail = say("answer.day_off")
    weekday = day_heading(day, lang).split()[0]
    place = f"[bold]{escape(say(f'place.{current.location}'))}[/bold]"
    headline = say(
        "answer.current", employee=escape(employee), when=f"{weekday} {day}", place=place, detail=detail
    )
    console.print(headline, soft_wrap=True)
    if not answer.alternatives:
        console.print("  " + say("answer.no_other"), markup=False)
    for alternative in answer.alternatives:
        conflicts = reword(problem, alternative.conflicts, lang)
        summary = summary_in(alternative, lang, conflicts)
        where = escape(say(f"place.{alternative.location}"))
        console.print(f"  [bold]{where}[/bold]: {escape(summary)}", soft_wrap=True)
        for moved in alternative.moved:
            console.print(f"      {describe_change(moved, lang)}", markup=False, highlight=False)
    raise typer.Exit(EXIT_OK)
