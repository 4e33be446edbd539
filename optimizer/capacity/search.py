"""Running a CP-SAT search that a ``threading.Event`` can stop."""

from __future__ import annotations

import threading

from ortools.sat.python import cp_model


def new_solver(time_limit: float, workers: int) -> cp_model.CpSolver:
    """A solver with a time limit and a number of workers."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = max(1, workers)
    return solver


def run_search(solver: cp_model.CpSolver, model: cp_model.CpModel, stop: threading.Event | None) -> int:
    """Solve ``model``; setting ``stop`` ends the search and keeps the best solution found."""
    if stop is None:
        return solver.solve(model)
    if stop.is_set():
        return cp_model.UNKNOWN
    finished = threading.Event()

    def watch() -> None:
        while not finished.is_set():
            if stop.wait(0.05):
                solver.stop_search()
                return

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        return solver.solve(model)
    finally:
        finished.set()
        thread.join()
