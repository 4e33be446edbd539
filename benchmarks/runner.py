"""Running one method on one instance in a fresh process, and every method on every instance.

Each (size, method) runs in its own Python process (``python -m
benchmarks.runner SIZE METHOD ...``) so that its peak memory (VmHWM) is its
own. The child generates the instance from its seed, solves it, re-checks the
roster with the independent checker and prints one JSON line.
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from benchmarks.instances import FAMILIES, family_problem
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, TeamDays

METHODS = ("ours", "mip", "greedy")


@dataclass
class Run:
    """One method on one instance: what it returned and what it cost."""

    size: str
    method: str
    employees: int = 0
    status: str = "error"
    objective: int | None = None
    bound: int | None = None
    gap: float | None = None
    first_seconds: float | None = None
    best_seconds: float | None = None
    build_seconds: float | None = None
    total_seconds: float | None = None
    peak_rss_mib: float | None = None
    time_limit: float | None = None
    valid: bool | None = None
    violations: int = 0
    violation_kinds: dict[str, int] = field(default_factory=dict)
    note: str = ""


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB (VmHWM, else ru_maxrss)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _gap(objective: int | None, bound: int | None) -> float | None:
    if objective is None or bound is None:
        return None
    return (objective - bound) / max(1, abs(objective))


def _validate(run: Run, problem: RosterProblem, roster: list[Assignment], team_days: list[TeamDays]) -> None:
    """Re-check the roster; the checker's total is the objective reported."""
    from optimizer.checker import check

    if not roster:
        return
    verdict = check(problem, roster, team_days)
    run.valid = verdict.valid
    run.violations = len(verdict.violations)
    for v in verdict.violations:
        run.violation_kinds[v.constraint] = run.violation_kinds.get(v.constraint, 0) + 1
    if verdict.valid:
        if run.objective is not None and run.objective != verdict.score.total:
            run.note += f" solver objective {run.objective} ≠ checker {verdict.score.total};"
        run.objective = verdict.score.total
        run.bound = None if run.bound is None else min(run.bound, run.objective)
        run.gap = _gap(run.objective, run.bound)
    else:
        run.objective, run.gap = None, None


def _ours(run: Run, problem: RosterProblem, time_limit: float, workers: int, seed: int) -> None:
    from optimizer import Progress, SolveOptions, solve
    from optimizer.instance import compile_instance
    from optimizer.model.builder import build_model

    seen: list[tuple[float, int | None]] = []
    started = time.perf_counter()

    def on_progress(progress: Progress) -> None:
        seen.append((time.perf_counter() - started, progress.objective))

    solution = solve(
        problem,
        SolveOptions(time_limit=time_limit, workers=workers, seed=seed, explain=False),
        on_progress=on_progress,
    )
    run.total_seconds = time.perf_counter() - started
    # The solve's own peak, before the model is built a second time to time the build alone.
    run.peak_rss_mib = peak_rss_mib()
    run.status, run.objective, run.bound = solution.status, solution.objective, solution.bound
    if seen:
        run.first_seconds = seen[0][0]
        run.best_seconds = next(t for t, objective in seen if objective == seen[-1][1])
    gc.collect()
    started = time.perf_counter()
    build_model(compile_instance(problem))
    run.build_seconds = time.perf_counter() - started
    _validate(run, problem, solution.assignments, solution.team_days)


def _mip(run: Run, problem: RosterProblem, time_limit: float, workers: int, seed: int) -> None:
    from benchmarks.mip import solve_mip

    result = solve_mip(problem, time_limit=time_limit, threads=workers, seed=seed)
    run.status, run.objective, run.bound = result.status, result.objective, result.bound
    run.first_seconds, run.best_seconds = result.first_seconds, result.best_seconds
    run.build_seconds, run.total_seconds = result.build_seconds, result.total_seconds
    if result.assignments and result.first_seconds is None:
        run.note += " roster found without an improving-solution callback (presolve);"
        run.first_seconds = run.best_seconds = result.total_seconds
    run.note += f" {result.columns} columns, {result.rows} rows;"
    _validate(run, problem, result.assignments, result.team_days)


def _greedy(run: Run, problem: RosterProblem, time_limit: float, workers: int, seed: int) -> None:
    from benchmarks.greedy import solve_greedy

    started = time.perf_counter()
    result = solve_greedy(problem)
    run.total_seconds = time.perf_counter() - started
    run.first_seconds = run.best_seconds = result.seconds
    run.status = "feasible"
    _validate(run, problem, result.assignments, result.team_days)
    if not run.valid:
        run.status = "unknown"
        run.note += " the greedy roster breaks hard rules (reported as no roster);"


def run_here(size: str, method: str, time_limit: float, workers: int = 2, seed: int | None = None) -> Run:
    """Run ``method`` on the instance of ``size`` in this process."""
    run = Run(size=size, method=method, time_limit=time_limit)
    problem = family_problem(size, seed)
    run.employees = len(problem.employees)
    {"ours": _ours, "mip": _mip, "greedy": _greedy}[method](run, problem, time_limit, workers, 0)
    run.peak_rss_mib = run.peak_rss_mib or peak_rss_mib()
    run.note = run.note.strip()
    return run


def run_isolated(size: str, method: str, time_limit: float, workers: int = 2, seed: int | None = None) -> Run:
    """Run ``method`` on ``size`` in a fresh Python process and return what it reported."""
    command = [sys.executable, "-m", "benchmarks.runner", size, method, str(time_limit), str(workers)]
    if seed is not None:
        command.append(str(seed))
    # Generous: instance generation and checking of the largest sizes come on top of the limit.
    timeout = 3 * time_limit + 600
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Run(
            size=size,
            method=method,
            time_limit=time_limit,
            note=f"no answer within {timeout:.0f} s; process killed",
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        note = f"process failed ({done.returncode}): {tail[0]}"
        return Run(size=size, method=method, time_limit=time_limit, note=note)
    return Run(**json.loads(lines[-1]))


def run_all(
    sizes: list[str],
    methods: list[str],
    time_limit: float,
    workers: int = 2,
    seed: int | None = None,
    echo: Any = None,
    limits: dict[str, float] | None = None,
) -> list[Run]:
    """Every method on every size, one fresh process each, in order (``limits`` overrides per size)."""
    runs = []
    for size in sizes:
        for method in methods:
            run = run_isolated(size, method, (limits or {}).get(size, time_limit), workers, seed)
            if method != "greedy" and run.valid is False:
                print(
                    f"!!! INVALID ROSTER: {method} on {size} breaks {run.violation_kinds}",
                    file=sys.stderr,
                )
            if echo:
                echo(run)
            runs.append(run)
    return runs


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.runner", description=run_here.__doc__)
    parser.add_argument("size", choices=list(FAMILIES))
    parser.add_argument("method", choices=METHODS)
    parser.add_argument("time_limit", type=float)
    parser.add_argument("workers", type=int, nargs="?", default=2)
    parser.add_argument("seed", type=int, nargs="?", default=None)
    args = parser.parse_args(argv)
    run = run_here(args.size, args.method, args.time_limit, args.workers, args.seed)
    print(json.dumps(asdict(run)))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
