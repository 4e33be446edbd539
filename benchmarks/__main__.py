"""``python -m benchmarks --sizes S,M,L --time-limit 60``: every method on every size, one table."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from benchmarks.instances import FAMILIES
from benchmarks.report import environment, write
from benchmarks.runner import METHODS, Run, run_all

HERE = Path(__file__).parent


def _names(text: str, known: tuple[str, ...] | list[str], what: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown {what} {', '.join(unknown) or '(none given)'}; choose from {', '.join(known)}"
        )
    return names


def _limits(text: str) -> dict[str, float]:
    limits = {}
    for item in filter(None, (t.strip() for t in text.split(","))):
        size, _, seconds = item.partition("=")
        try:
            limits[_names(size, list(FAMILIES), "size")[0]] = float(seconds)
        except ValueError as error:
            raise argparse.ArgumentTypeError(f"expected SIZE=SECONDS, got {item!r}") from error
    return limits


def _echo(run: Run) -> None:
    gap = "–" if run.gap is None else f"{100 * run.gap:.2f}%"
    seconds = "–" if run.total_seconds is None else f"{run.total_seconds:.2f}s"
    print(
        f"{run.size:>2} {run.method:<6} {run.status:<10} objective={run.objective} bound={run.bound} "
        f"gap={gap} total={seconds} rss={run.peak_rss_mib and round(run.peak_rss_mib)}MiB "
        f"checker={'valid' if run.valid else run.violation_kinds or 'no roster'} {run.note}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the benchmark and write RESULTS.md and results.json."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", type=lambda t: _names(t, list(FAMILIES), "size"), default=["S", "M", "L"])
    parser.add_argument("--methods", type=lambda t: _names(t, METHODS, "method"), default=list(METHODS))
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per method and instance")
    parser.add_argument(
        "--limits",
        type=_limits,
        default={},
        help="per-size time limits overriding --time-limit, e.g. C=120,XL=300",
    )
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers and HiGHS threads")
    parser.add_argument("--seed", type=int, default=None, help="instance seed (default: each family's own)")
    parser.add_argument("--out", type=Path, default=HERE, help="directory for RESULTS.md and results.json")
    args = parser.parse_args(argv)
    if args.time_limit <= 0 or args.workers < 1:
        parser.error("--time-limit must be positive and --workers at least 1")
    command = "python -m benchmarks " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    runs = run_all(args.sizes, args.methods, args.time_limit, args.workers, args.seed, _echo, args.limits)
    env = environment(args.time_limit, args.workers, command)
    if args.limits:
        env["limits"] = (
            " (" + ", ".join(f"{size}: {seconds:g} s" for size, seconds in args.limits.items()) + ")"
        )
    md, js = write(runs, env, args.out)
    print(f"wrote {md} and {js}")
    invalid = [r for r in runs if r.method != "greedy" and r.valid is False]
    return 1 if invalid else 0


if __name__ == "__main__":
    raise SystemExit(main())
