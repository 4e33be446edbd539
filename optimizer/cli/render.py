"""Printing rosters, scores, violations and explanations, in a language and a format.

Every word comes from the catalogues (:mod:`optimizer.i18n`); the JSON tokens (location and term
names) stay as they are next to the words. A roster cell shows the location, start–end and hours;
a day off of an employee on leave reads ``leave`` (``cuti``), any other day off ``off`` (``libur``).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from rich.console import Console
from rich.markup import escape

from optimizer.cli.tables import Cell, Format, Grid, emit
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, CheckResult, RosterSolution, Score
from optimizer.i18n import DEFAULT_LANGUAGE, translate
from optimizer.i18n.explanations import reword

_STYLE = {"office": "bold cyan", "home": "green", "other": "magenta", "off": "dim", "leave": "yellow"}


def number(value: float, lang: str) -> str:
    """``7.5`` or, in Indonesian, ``7,5``."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "id" else text


def day_heading(date: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """``Mon 07 Sep`` / ``Sen 07 Sep``."""
    return format_date(date, "EEE dd MMM", locale=lang)


def place(location: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A location token in words (``office`` / ``kantor``; ``leave`` / ``cuti``)."""
    return translate(f"place.{location}", lang)


def cell_text(assignment: Assignment, on_leave: bool, lang: str = DEFAULT_LANGUAGE) -> Cell:
    """One roster cell: ``office 08:00–17:00 (8 h)``, or ``leave`` / ``off`` on a day off."""
    if assignment.location == "off":
        kind = "leave" if on_leave else "off"
        return Cell(place(kind, lang), _STYLE[kind])
    text = translate(
        "table.cell",
        lang,
        place=place(assignment.location, lang),
        start=assignment.start,
        end=assignment.end,
        hours=number(assignment.hours or 0, lang),
    )
    return Cell(text, _STYLE[assignment.location])


def roster_grid(
    problem: RosterProblem, solution: RosterSolution, lang: str = DEFAULT_LANGUAGE, limit: int | None = None
) -> Grid:
    """Employees × days, then each site's office count against its desks per day."""
    dates = sorted({a.date for a in solution.assignments})
    say = lambda key, **params: translate(key, lang, **params)  # noqa: E731
    grid = Grid(say("table.roster"), [say("table.employee"), say("table.team")])
    grid.headers += [day_heading(date, lang) for date in dates]
    by_employee: dict[str, dict[dt.date, Assignment]] = {}
    for a in solution.assignments:
        by_employee.setdefault(a.employee, {})[a.date] = a
    shown = problem.employees if limit is None else problem.employees[:limit]
    for employee in shown:
        leave = set(employee.unavailable)
        days = by_employee.get(employee.id, {})
        cells = [cell_text(days[date], date in leave, lang) if date in days else Cell("") for date in dates]
        grid.add(employee.label, employee.team or "", *cells)
    if len(shown) < len(problem.employees):
        grid.add(say("table.more", count=len(problem.employees) - len(shown)), "", *["" for _ in dates])
    grid.sections.add(len(grid.rows) - 1)
    for site in problem.sites:
        row = {o.date: o for o in solution.occupancy if o.site == site.id}
        counts = [f"{row[d].office}/{row[d].desks}" if d in row else "" for d in dates]
        grid.add(Cell(say("table.desks", site=site.name or site.id), "bold"), "", *counts)
    return grid


def term_words(term: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A soft term in words with its JSON name: ``lonely office days (lonely_office_day)``."""
    return f"{translate(f'score.term.{term}', lang)} ({term})"


def score_grid(score: Score, lang: str = DEFAULT_LANGUAGE) -> Grid:
    """Each soft term's value, weight applied, and the total."""
    say = lambda key: translate(key, lang)  # noqa: E731
    grid = Grid(say("cli.score"), [say("cli.term"), say("cli.value"), say("cli.weighted")])
    grid.right = frozenset({1, 2})
    for term, value in score.terms.items():
        grid.add(term_words(term, lang), str(value), str(score.weighted[term]))
    grid.sections.add(len(grid.rows) - 1)
    grid.add(Cell(say("cli.total"), "bold"), "", Cell(str(score.total), "bold"))
    return grid


def status_line(solution: RosterSolution, lang: str = DEFAULT_LANGUAGE) -> str:
    """``status optimal, objective 140, bound 140, gap 0.00% in 1.20 s``."""
    parts = [translate("status.line", lang, status=solution.status)]
    if solution.objective is not None:
        parts.append(translate("status.objective", lang, value=solution.objective))
    if solution.bound is not None:
        parts.append(translate("status.bound", lang, value=solution.bound))
    if solution.gap is not None:
        gap = f"{solution.gap * 100:.2f}"
        parts.append(translate("status.gap", lang, value=gap.replace(".", ",") if lang == "id" else gap))
    seconds = f"{solution.solve_seconds:.2f}"
    seconds = seconds.replace(".", ",") if lang == "id" else seconds
    return ", ".join(parts) + " " + translate("status.seconds", lang, seconds=seconds)


def print_solution(
    console: Console,
    problem: RosterProblem,
    solution: RosterSolution,
    lang: str = DEFAULT_LANGUAGE,
    fmt: Format = "table",
    notes: Console | None = None,
) -> None:
    """Roster and score (or the explanation of an infeasible problem), then the status line.

    With ``fmt="csv"`` only the roster goes to ``console`` (a clean CSV file); the rest goes to ``notes``.
    """
    notes = notes or console
    if solution.assignments:
        emit(console, roster_grid(problem, solution, lang), fmt)
        if solution.score and fmt != "csv":
            emit(console, score_grid(solution.score, lang), fmt)
    if solution.explanation:
        notes.print(f"[bold red]{escape(translate('cli.conflicts', lang))}[/bold red]", soft_wrap=True)
        for item in reword(problem, solution.explanation, lang):
            notes.print(f"  • [bold]{escape(item.constraint)}[/bold]: {escape(item.message)}", soft_wrap=True)
    notes.print(escape(status_line(solution, lang)), soft_wrap=True)


def violations_grid(result: CheckResult, lang: str = DEFAULT_LANGUAGE) -> Grid:
    """Every violation: its rule, what it is about and the message."""
    say = lambda key, **params: translate(key, lang, **params)  # noqa: E731
    grid = Grid(
        say("check.violations", count=len(result.violations)),
        [say("check.constraint"), say("check.subject"), say("check.message")],
    )
    for v in result.violations:
        subject = ", ".join(
            f"{say(f'check.{name}')} {value}"
            for name in ("employee", "team", "site", "resource", "date", "week")
            if (value := getattr(v, name)) is not None
        )
        grid.add(v.constraint, subject, v.message)
    return grid


def print_check(
    console: Console,
    result: CheckResult,
    lang: str = DEFAULT_LANGUAGE,
    fmt: Format = "table",
    notes: Console | None = None,
) -> None:
    """Violations (if any) and the recomputed score; with ``fmt="csv"`` only the violations are CSV."""
    notes = notes or console
    if result.violations or fmt == "csv":  # a CSV file of no violations is its header row
        emit(console, violations_grid(result, lang), fmt)
    if not result.violations:
        notes.print(f"[bold green]{escape(translate('check.valid', lang))}[/bold green]")
    if fmt == "csv":
        notes.print(escape(translate("cli.total_line", lang, total=result.score.total)))
    else:
        emit(console, score_grid(result.score, lang), fmt)
