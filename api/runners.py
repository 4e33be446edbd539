"""What a worker process does for each kind of job; runs only inside worker processes.

A runner receives the stored request (JSON text), the job's options, a progress sink and
the ``stop`` event, and returns the final result as JSON-ready data. The progress sink takes
one point (``elapsed``, ``objective``, ``bound``) and, optionally, the best result so far.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any, Protocol

HELD_TIME_LIMIT = 24 * 3600.0  # a held run's own time limit only starts at its release (api.testhooks)


class ProgressSink(Protocol):
    def __call__(self, point: dict[str, Any], best: dict[str, Any] | None = None) -> None: ...


Runner = Callable[[str, dict[str, Any], ProgressSink, threading.Event, dict[str, Any] | None], dict[str, Any]]


def run_solve(
    request: str,
    options: dict[str, Any],
    report: ProgressSink,
    stop: threading.Event,
    previous_best: dict[str, Any] | None,
) -> dict[str, Any]:
    """Solve a stored problem, reporting each improving roster; a retried run starts from the best
    roster of the run before it."""
    from api.testhooks import Hold
    from optimizer import Assignment, Progress, SolveOptions, parse_problem, solve

    problem = parse_problem(json.loads(request))
    hold = Hold(options["hold"], stop, options["time_limit"]) if options.get("hold") else None
    hint = None
    if previous_best and previous_best.get("assignments"):
        hint = [Assignment.model_validate(a) for a in previous_best["assignments"]]
    solve_options = SolveOptions(
        time_limit=HELD_TIME_LIMIT if hold else options["time_limit"],
        workers=options["solver_workers"],
        seed=options.get("seed", 0),
        explain=True,
        explain_time_limit=options["explain_time_limit"],
        hint=hint,
        progress_rosters=True,
    )

    def on_progress(progress: Progress) -> None:
        point = {"elapsed": progress.elapsed, "objective": progress.objective, "bound": progress.bound}
        if progress.stage is not None:
            # "first_roster": the constructive roster; its elapsed is the time to the first roster.
            point["stage"] = progress.stage
        best = None
        if progress.assignments is not None:
            best = {
                "objective": progress.objective,
                "bound": progress.bound,
                "assignments": [a.model_dump(mode="json", exclude_none=True) for a in progress.assignments],
            }
        report(point, best)
        if hold is not None and best is not None:
            hold.pause()

    try:
        search_stop = hold.search_stop if hold else stop
        solution = solve(problem, solve_options, on_progress=on_progress, stop=search_stop)
    finally:
        if hold is not None:
            hold.close()
    return solution.model_dump(mode="json")


def run_capacity(
    request: str,
    options: dict[str, Any],
    report: ProgressSink,
    stop: threading.Event,
    previous_best: dict[str, Any] | None,
) -> dict[str, Any]:
    """Size the desk capacity of a stored problem; each step of the sizing is a progress point."""
    from optimizer import parse_problem
    from optimizer.capacity import CapacityProgress, CapacityRequest, size_capacity

    stored = json.loads(request)
    problem = parse_problem(stored["problem"])
    sizing = CapacityRequest.model_validate(stored["options"])

    def on_progress(progress: CapacityProgress) -> None:
        report(progress.dump())

    return size_capacity(problem, sizing, on_progress=on_progress, stop=stop).model_dump(mode="json")


def run_replan(
    request: str,
    options: dict[str, Any],
    report: ProgressSink,
    stop: threading.Event,
    previous_best: dict[str, Any] | None,
) -> dict[str, Any]:
    """Re-plan a published roster: fewest changes, then the best objective; the solution lists the changes."""
    import datetime as dt

    from api.stored import events_of
    from optimizer import SolveOptions, parse_problem
    from optimizer.domain.solution import RosterSolution
    from optimizer.model.replan import replan

    stored = json.loads(request)
    events = events_of(stored)
    solve_options = SolveOptions(
        time_limit=options["time_limit"],
        workers=options["solver_workers"],
        explain_time_limit=options["explain_time_limit"],
    )
    solution = replan(
        parse_problem(stored["problem"]),
        RosterSolution.model_validate({"status": "feasible", **stored["published"]}),
        dt.date.fromisoformat(stored["from"]),
        events,
        solve_options,
        stop=stop,
    )
    return solution.model_dump(mode="json", by_alias=True)


def runners() -> dict[str, Runner]:
    """Every job kind this installation can run."""
    return {"solve": run_solve, "capacity": run_capacity, "replan": run_replan}
