"""Running CP-SAT: the search portfolio, a search an Event can stop, and the status it ends with."""

from __future__ import annotations

import threading

from ortools.sat.python import cp_model

# With few workers CP-SAT's default portfolio has a single, lightly linearized
# LP search and no core-based search. Rosters' lower bounds (lonely office days
# nobody can avoid, the worst-off employee) are proven far faster by the fully
# linearized LP search and by cores. With 2 workers CP-SAT runs only the first
# named here as its full search (neighbourhood searches take the other thread).
# See docs/performance.md.
_SMALL_PORTFOLIOS = {2: ["max_lp", "core"], 3: ["max_lp", "core", "max_lp_sym"]}


def status_name(status: int, model: cp_model.CpModel | None = None) -> str:
    """CP-SAT's status as SPEC §4 names it: ``optimal``, ``feasible``, ``infeasible`` or ``unknown``.

    An invalid model is a defect of the model, never an answer: it raises.
    """
    if status == cp_model.MODEL_INVALID:
        detail = f" ({model.validate()})" if model is not None else ""
        raise RuntimeError(f"internal error: invalid model{detail}")
    return _STATUS_NAMES.get(status, "unknown")


_STATUS_NAMES = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
}


def portfolio(parameters: cp_model.SatParameters, workers: int) -> None:
    """Number of workers and, for 1–3 workers, which full-problem searches they run."""
    parameters.num_workers = max(1, workers)
    if workers <= 1:
        parameters.linearization_level = 2
    for name in _SMALL_PORTFOLIOS.get(workers, []):
        parameters.subsolvers.append(name)


def new_solver(time_limit: float, workers: int) -> cp_model.CpSolver:
    """A solver with a time limit and the portfolio for ``workers``."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    portfolio(solver.parameters, workers)
    return solver


def run_search(
    solver: cp_model.CpSolver,
    model: cp_model.CpModel,
    stop: threading.Event | None = None,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> int:
    """Solve ``model``; setting ``stop`` ends the search and keeps the best solution found."""
    if stop is None:
        return solver.solve(model, callback)
    finished = threading.Event()

    def watch() -> None:
        # Asked again and again: a stop asked just before the search starts would be lost.
        while not finished.wait(0.05):
            if stop.is_set():
                solver.stop_search()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        return solver.solve(model, callback)
    finally:
        finished.set()
        thread.join()
