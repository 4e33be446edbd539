"""Printing rosters, scores, violations and explanations as readable tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import CheckResult, RosterSolution, Score

_STYLE = {"office": "bold cyan", "home": "green", "other": "magenta", "off": "dim"}


def roster_table(problem: RosterProblem, solution: RosterSolution, limit: int = 60) -> Table:
    """Employees × days: location and hours, with per-day occupancy against desks below."""
    dates = sorted({a.date for a in solution.assignments})
    table = Table(title="Roster", show_lines=False)
    table.add_column("employee")
    table.add_column("team")
    for date in dates:
        table.add_column(date.strftime("%a %d %b"), justify="center")
    by_employee: dict[str, dict] = {}
    for a in solution.assignments:
        by_employee.setdefault(a.employee, {})[a.date] = a
    for employee in problem.employees[:limit]:
        cells = []
        for date in dates:
            a = by_employee.get(employee.id, {}).get(date)
            if a is None:
                cells.append("")
            elif a.location == "off":
                cells.append("[dim]off[/dim]")
            else:
                style = _STYLE[a.location]
                cells.append(f"[{style}]{a.location}[/{style}] {a.start}+{a.hours:g}h")
        table.add_row(employee.label, employee.team or "", *cells)
    if len(problem.employees) > limit:
        table.add_row(f"… {len(problem.employees) - limit} more", "", *["" for _ in dates])
    for site in problem.sites:
        row = {o.date: o for o in solution.occupancy if o.site == site.id}
        table.add_row(
            f"[bold]{site.name or site.id}[/bold] desks",
            "",
            *[f"{row[d].office}/{row[d].desks}" if d in row else "" for d in dates],
            end_section=False,
        )
    return table


def score_table(score: Score) -> Table:
    """Each soft term's value, weight applied, and the total."""
    table = Table(title="Score")
    table.add_column("term")
    table.add_column("value", justify="right")
    table.add_column("weighted", justify="right")
    for term, value in score.terms.items():
        table.add_row(term, str(value), str(score.weighted[term]))
    table.add_row("[bold]total[/bold]", "", f"[bold]{score.total}[/bold]")
    return table


def print_solution(console: Console, problem: RosterProblem, solution: RosterSolution) -> None:
    """Status line, roster, score, or the explanation of an infeasible problem."""
    if solution.assignments:
        console.print(roster_table(problem, solution))
        if solution.score:
            console.print(score_table(solution.score))
    if solution.explanation:
        console.print("[bold red]No roster satisfies every rule.[/bold red] These rules conflict:")
        for item in solution.explanation:
            console.print(f"  • [bold]{item.constraint}[/bold]: {item.message}")
    gap = f", gap {solution.gap:.2%}" if solution.gap is not None else ""
    bound = f", bound {solution.bound}" if solution.bound is not None else ""
    objective = f", objective {solution.objective}" if solution.objective is not None else ""
    console.print(
        f"status [bold]{solution.status}[/bold]{objective}{bound}{gap} in {solution.solve_seconds:.2f} s"
    )


def print_check(console: Console, result: CheckResult) -> None:
    """Violations (if any) and the recomputed score."""
    if result.violations:
        table = Table(title=f"{len(result.violations)} violations")
        for column in ("constraint", "subject", "message"):
            table.add_column(column)
        for v in result.violations:
            subject = ", ".join(
                f"{name} {value}"
                for name in ("employee", "team", "site", "resource", "date", "week")
                if (value := getattr(v, name)) is not None
            )
            table.add_row(v.constraint, subject, v.message)
        console.print(table)
    else:
        console.print("[bold green]valid[/bold green]: no violations")
    console.print(score_table(result.score))
