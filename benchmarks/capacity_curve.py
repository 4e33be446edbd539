"""Benchmark: the whole capacity sizing (minimum, proof, curve) of the ~120-person ministry example.

Run ``python -m benchmarks.capacity_curve``. It sizes every site of
``examples/ministry_directorate.json`` (goal: within 60 s on 2 cores) and, as a
harder case, a generated organisation of 120 staff in 10 teams, and prints a
Markdown table. ``--workers 2 6`` compares thread counts per solve.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from optimizer.capacity import CapacityRequest, size_capacity
from optimizer.domain.problem import RosterProblem
from optimizer.domain.validation import parse_problem
from optimizer.generator import GeneratorSettings, generate

ROOT = Path(__file__).resolve().parents[1]
MINISTRY = ROOT / "examples" / "ministry_directorate.json"
GOAL_SECONDS = 60.0


def instances(include_generated: bool) -> Iterator[tuple[str, RosterProblem]]:
    """The ministry example (or its generated stand-in) and, optionally, a generated 120-person case."""
    if MINISTRY.exists():
        yield "ministry_directorate", parse_problem(json.loads(MINISTRY.read_text(encoding="utf-8")))
    else:
        yield (
            "generated 120/10 seed 3 (ministry stand-in)",
            generate(GeneratorSettings(employees=120, teams=10, seed=3)),
        )
        include_generated = False
    if include_generated:
        yield "generated 120/10 seed 3", generate(GeneratorSettings(employees=120, teams=10, seed=3))


def run(name: str, problem: RosterProblem, workers: int, time_limit: float) -> list[list[str]]:
    """Size every site; one table row per site plus the total time."""
    started = time.perf_counter()
    report = size_capacity(problem, CapacityRequest(workers=workers, time_limit=time_limit))
    total = time.perf_counter() - started
    rows = []
    for site in report.sites:
        proven = sum(p.proven for p in site.curve)
        worst_gap = max((p.gap or 0.0 for p in site.curve), default=0.0)
        rows.append(
            [
                name,
                site.site,
                str(site.staff),
                str(workers),
                str(site.minimum_desks),
                "yes" if site.proven else "no",
                f"{site.curve[0].desks}–{site.curve[-1].desks}" if site.curve else "–",
                f"{proven}/{len(site.curve)}",
                f"{worst_gap:.1%}",
                str(site.binding_until),
                str(site.knee),
                f"{site.solve_seconds:.1f}",
                f"{total:.1f}",
            ]
        )
    return rows


def main() -> None:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[6], help="CP-SAT threads per solve")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per solve")
    parser.add_argument("--generated", action="store_true", help="also size a generated 120-person case")
    args = parser.parse_args()
    header = [
        "instance",
        "site",
        "staff",
        "workers",
        "min desks",
        "proven",
        "curve desks",
        "proven points",
        "worst gap",
        "binding until",
        "knee",
        "site s",
        "total s",
    ]
    print(f"Capacity curve benchmark: {os.cpu_count()} cores, {args.time_limit:g} s per solve\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    ministry: dict[int, float] = {}
    for name, problem in instances(args.generated):
        for workers in args.workers:
            for row in run(name, problem, workers, args.time_limit):
                print("| " + " | ".join(row) + " |", flush=True)
                if name.startswith("ministry"):
                    ministry[workers] = float(row[-1])
    for workers, seconds in ministry.items():
        verdict = "within" if seconds <= GOAL_SECONDS else "OVER"
        print(
            f"\nMinistry example, {workers} workers per solve: whole sizing {seconds:.1f} s, "
            f"{verdict} the {GOAL_SECONDS:g} s goal."
        )


if __name__ == "__main__":
    main()
