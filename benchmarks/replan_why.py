"""Benchmark: re-plan and "why this cell?" (goals: ministry re-plan < 2 s, 2,000 staff < 30 s, why < 2 s).

Run ``python -m benchmarks.replan_why``. Each case solves the week (not timed),
then times, from the call to the answer on 2 workers: a re-plan from the
third working day with one employee on leave for the last day and one site's
desks cut by a tenth on the fourth day, and "why" on three office cells. Every
roster is re-checked by the independent checker. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path

from optimizer.checker import check
from optimizer.domain.problem import RosterProblem
from optimizer.domain.validation import parse_problem
from optimizer.generator import GeneratorSettings, generate
from optimizer.instance import compile_instance
from optimizer.model.replan import replan
from optimizer.model.solve import SolveOptions, solve
from optimizer.model.why import why
from optimizer.replan import DayEvents, replan_problem

ROOT = Path(__file__).resolve().parents[1]
MINISTRY = ROOT / "examples" / "ministry_directorate.json"
GOALS = {"ministry_directorate": (2.0, 2.0), "generated 2,000": (30.0, None)}


def cases(large: bool) -> Iterator[tuple[str, RosterProblem]]:
    """The ministry example and, with ``large``, a generated 2,000-person week with patterns."""
    yield "ministry_directorate", parse_problem(json.loads(MINISTRY.read_text(encoding="utf-8")))
    if large:
        settings = GeneratorSettings(employees=2000, teams=200, seed=1, patterns=True)
        yield "generated 2,000", generate(settings)


def _events(problem: RosterProblem, days: list[dt.date], roster, start: dt.date) -> DayEvents:
    """Leave on the last day for the worker with the fewest hours before ``start`` (so the days already
    worked leave room in the shortened week); a tenth fewer desks at the first site on the fourth day."""
    worked: dict[str, float] = {}
    for a in roster:
        if a.date < start:
            worked[a.employee] = worked.get(a.employee, 0.0) + (a.hours or 0.0)
    last = [a.employee for a in roster if a.date == days[-1] and a.location != "off"]
    worker = min(last, key=lambda e: (worked.get(e, 0.0), e))
    site = problem.sites[0]
    cut = max(0, int(site.desks * 0.9))
    return DayEvents(unavailable={worker: [days[-1]]}, desks={site.id: {days[min(3, len(days) - 1)]: cut}})


def run(name: str, problem: RosterProblem, time_limit: float, workers: int) -> dict:
    """Time one re-plan and three why questions on a solved week."""
    options = SolveOptions(time_limit=time_limit, workers=workers)
    published = solve(problem, options)
    days = [day.date for day in compile_instance(problem).days]
    start = days[min(2, len(days) - 1)]
    events = _events(problem, days, published.assignments, start)
    started = time.perf_counter()
    new = replan(problem, published, start, events, options)
    replan_seconds = time.perf_counter() - started
    request = replan_problem(problem, published.assignments, start, events)
    valid = check(request.problem, new.assignments).valid if new.assignments else None
    cells = [a for a in published.assignments if a.location == "office"][:: max(1, len(days) * 7)][:3]
    why_seconds = []
    for cell in cells:
        started = time.perf_counter()
        why(problem, published.assignments, cell.employee, cell.date, None, options)
        why_seconds.append(time.perf_counter() - started)
    return {
        "case": name,
        "employees": len(problem.employees),
        "published": published.status,
        "replan": new.status,
        "changes": len(new.changes or []),
        "valid": valid,
        "replan_s": replan_seconds,
        "why_s": max(why_seconds) if why_seconds else None,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the cases and print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.replan_why", description=__doc__)
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per search")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--large", action="store_true", help="also the 2,000-person week")
    args = parser.parse_args(argv)
    print("| case | staff | published | re-plan | changes | checker | re-plan s (goal) | why s, worst of 3 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, problem in cases(args.large):
        row = run(name, problem, args.time_limit, args.workers)
        replan_goal, why_goal = GOALS[name]
        why_text = "–" if row["why_s"] is None else f"{row['why_s']:.2f}"
        print(
            f"| {name} | {row['employees']} | {row['published']} | {row['replan']} | {row['changes']} | "
            f"{'valid' if row['valid'] else row['valid']} | {row['replan_s']:.2f} (< {replan_goal:g}) | "
            f"{why_text} ({'< ' + format(why_goal, 'g') if why_goal else 'no goal'}) |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
