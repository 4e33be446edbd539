"""``python -m benchmarks.national``: throughput on a batch of regional offices (the national case).

A ministry's regional offices: ``--offices`` seeded offices of 30–300 staff
each (one site, teams of 5–15, the rules of the other families), solved one
after the other on one core (``--workers 1``) by our solver and by the HiGHS
peer. Every roster is re-checked by the independent checker. Reported per
method: rosters per minute per core, how many were proven optimal, and the
time per office split into start-up (a fresh Python process importing the
solver, the median of three), build (instance and model) and search (the
rest); also the rate when one process solves the whole batch.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

from benchmarks.instances import Family, build_problem
from optimizer.checker import check
from optimizer.domain.problem import RosterProblem


@dataclass
class Batch:
    """One method on the whole batch."""

    method: str
    offices: int = 0
    staff: int = 0
    optimal: int = 0
    valid: int = 0
    startup_seconds: float = 0.0
    build_seconds: list[float] = field(default_factory=list)
    search_seconds: list[float] = field(default_factory=list)

    @property
    def seconds_per_office(self) -> float:
        """Mean wall time per office, start-up included."""
        return self.startup_seconds + statistics.fmean(
            b + s for b, s in zip(self.build_seconds, self.search_seconds, strict=True)
        )

    def rosters_per_minute_per_core(self, workers: int) -> float:
        """Valid rosters per minute per core, each office paying one start-up (a process per office)."""
        return 60 * self.valid / self.offices / self.seconds_per_office / workers

    def in_process_rate(self, workers: int) -> float:
        """Valid rosters per minute per core when one process solves the whole batch (no start-ups)."""
        busy = sum(self.build_seconds) + sum(self.search_seconds)
        return 60 * self.valid / busy / workers


def offices(count: int, seed: int) -> list[RosterProblem]:
    """``count`` seeded offices of 30–300 staff, one site each."""
    rng = random.Random(seed)
    return [
        build_problem(Family(f"office{i}", rng.randint(30, 300), seed=seed * 1000 + i)) for i in range(count)
    ]


_IMPORTS = {
    "ours": "import optimizer, ortools.sat.python.cp_model",
    "mip": "import optimizer, benchmarks.mip",
}


def startup_seconds(method: str, repeats: int = 3) -> float:
    """Median wall time of a fresh Python process that imports what ``method`` needs."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", _IMPORTS[method]], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _ours(problem: RosterProblem, time_limit: float, workers: int) -> tuple[float, float, object]:
    from optimizer import SolveOptions, solve
    from optimizer.instance import compile_instance
    from optimizer.model.builder import build_model

    started = time.perf_counter()
    build_model(compile_instance(problem))
    build = time.perf_counter() - started
    started = time.perf_counter()
    solution = solve(problem, SolveOptions(time_limit=time_limit, workers=workers, explain=False))
    total = time.perf_counter() - started
    return build, max(0.0, total - build), solution


def _mip(problem: RosterProblem, time_limit: float, workers: int) -> tuple[float, float, object]:
    from benchmarks.mip import solve_mip

    result = solve_mip(problem, time_limit=time_limit, threads=workers)
    return result.build_seconds, result.total_seconds - result.build_seconds, result


def run_batch(method: str, problems: list[RosterProblem], time_limit: float, workers: int) -> Batch:
    """Solve every office with ``method``, re-checking each roster."""
    batch = Batch(method, offices=len(problems), startup_seconds=startup_seconds(method))
    for problem in problems:
        build, search, result = {"ours": _ours, "mip": _mip}[method](problem, time_limit, workers)
        batch.staff += len(problem.employees)
        batch.build_seconds.append(build)
        batch.search_seconds.append(search)
        batch.optimal += result.status == "optimal"
        if result.assignments and check(problem, result.assignments, result.team_days).valid:
            batch.valid += 1
    return batch


def summary(batch: Batch, workers: int) -> dict[str, object]:
    """The figures of one batch as reported."""
    return {
        "method": batch.method,
        "offices": batch.offices,
        "staff": batch.staff,
        "valid": batch.valid,
        "optimal": batch.optimal,
        "rosters_per_minute_per_core": round(batch.rosters_per_minute_per_core(workers), 1),
        "in_one_process": round(batch.in_process_rate(workers), 1),
        "seconds_per_office": round(batch.seconds_per_office, 3),
        "startup_s": round(batch.startup_seconds, 3),
        "build_s_mean": round(statistics.fmean(batch.build_seconds), 3),
        "search_s_mean": round(statistics.fmean(batch.search_seconds), 3),
        "search_s_max": round(max(batch.search_seconds), 3),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the batch with each method and print one JSON line per method."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.national", description=__doc__)
    parser.add_argument("--offices", type=int, default=200)
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per office")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--methods", default="ours,mip")
    args = parser.parse_args(argv)
    problems = offices(args.offices, args.seed)
    for method in args.methods.split(","):
        batch = run_batch(method, problems, args.time_limit, args.workers)
        print(json.dumps(summary(batch, args.workers)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
