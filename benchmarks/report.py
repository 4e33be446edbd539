"""The benchmark report: a Markdown table with the machine it ran on, and the same data as JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from benchmarks.runner import Run

COLUMNS = (
    "size", "employees", "method", "status", "objective", "bound", "gap", "first roster s",
    "best s", "build s", "total s", "peak RSS MiB", "checker", "obj ratio", "time ratio",
)  # fmt: skip


def environment(time_limit: float, workers: int, command: str) -> dict[str, str]:
    """The machine and versions a run used."""

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cores": str(os.cpu_count()),
        "machine": f"{platform.system()} {platform.machine()}",
        "python": sys.version.split()[0],
        "ortools": version("ortools"),
        "highspy": version("highspy"),
        "time_limit_s": f"{time_limit:g}",
        "workers": str(workers),
        "command": command,
    }


def _number(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def _percent(gap: float | None) -> str:
    return "–" if gap is None else f"{100 * gap:.2f} %"


def ratios(runs: list[Run]) -> dict[tuple[str, str], tuple[float | None, float | None]]:
    """Per (size, peer): our objective / peer's and our total time / peer's."""
    ours = {r.size: r for r in runs if r.method == "ours"}
    result = {}
    for run in runs:
        mine = ours.get(run.size)
        if run.method == "ours" or mine is None:
            continue
        objective = (
            mine.objective / run.objective
            if mine.objective is not None and run.objective not in (None, 0)
            else None
        )
        seconds = (
            mine.total_seconds / run.total_seconds
            if mine.total_seconds is not None and run.total_seconds
            else None
        )
        result[run.size, run.method] = (objective, seconds)
    return result


def _checker(run: Run) -> str:
    if run.valid is None:
        return "no roster"
    if run.valid:
        return "valid"
    kinds = ", ".join(f"{k} ×{n}" for k, n in sorted(run.violation_kinds.items()))
    return f"**INVALID** ({kinds})"


def table(runs: list[Run]) -> str:
    """The results as a Markdown table, one row per instance and method."""
    ratio = ratios(runs)
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in runs:
        objective_ratio, time_ratio = ratio.get((r.size, r.method), (None, None))
        cells = [
            r.size,
            str(r.employees),
            r.method,
            r.status,
            _number(r.objective),
            _number(r.bound),
            _percent(r.gap),
            _number(r.first_seconds),
            _number(r.best_seconds),
            _number(r.build_seconds),
            _number(r.total_seconds),
            _number(r.peak_rss_mib, 0),
            _checker(r),
            _number(objective_ratio, 3),
            _number(time_ratio, 2),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(runs: list[Run], time_limit: float) -> list[str]:
    """Each target of the performance issue that these runs can judge: met or missed, with the figure."""
    by = {(r.size, r.method): r for r in runs}
    lines = []

    def ours(size: str) -> Run | None:
        return by.get((size, "ours"))

    def limit(r: Run) -> float:
        return r.time_limit if r.time_limit is not None else time_limit

    def verdict(met: bool) -> str:
        return "met" if met else "MISSED"

    def proven_within(size: str, seconds: float) -> None:
        r = ours(size)
        if r is None:
            return
        met = r.status == "optimal" and (r.total_seconds or 0) < seconds
        lines.append(
            f"- {size} proven optimal in < {seconds:g} s: {verdict(met)} "
            f"({r.status}, {_number(r.total_seconds)} s, gap {_percent(r.gap)})"
        )

    def gap_within(size: str, gap: float, seconds: float) -> None:
        r = ours(size)
        if r is None:
            return
        met = r.gap is not None and r.gap <= gap and limit(r) <= seconds
        lines.append(
            f"- {size} gap ≤ {100 * gap:g} % in {seconds:g} s: {verdict(met)} "
            f"(gap {_percent(r.gap)} after {_number(r.total_seconds)} s, limit {limit(r):g} s)"
        )

    firsts = [r for r in runs if r.method == "ours"]
    if firsts:
        late = [r for r in firsts if not r.valid or r.first_seconds is None or r.first_seconds > 10]
        slowest = max(firsts, key=lambda r: r.first_seconds or 1e9)
        lines.append(
            f"- a valid roster within 10 s at every size: {verdict(not late)} (slowest: "
            f"{slowest.size} at {_number(slowest.first_seconds)} s"
            + (f"; late or missing: {', '.join(r.size for r in late)}" if late else "")
            + ")"
        )
    proven_within("S", 0.5)
    proven_within("M", 5.0)
    r, peer = ours("L"), by.get(("L", "mip"))
    if r is not None and peer is not None:
        both = r.status == "optimal" and peer.status == "optimal"
        ratio = (r.total_seconds or 0) / peer.total_seconds if both and peer.total_seconds else None
        lines.append(
            f"- L proven optimal in ≤ 0.5× HiGHS's time: {verdict(ratio is not None and ratio <= 0.5)} "
            f"(ours {r.status} in {_number(r.total_seconds)} s; HiGHS {peer.status} in "
            f"{_number(peer.total_seconds)} s; ratio {_number(ratio)})"
        )
        not_worse = r.objective is not None and (peer.objective is None or r.objective <= peer.objective)
        lines.append(
            f"- L objective never worse than HiGHS at the same limit: {verdict(not_worse)} "
            f"(ours {_number(r.objective)}, HiGHS {_number(peer.objective)})"
        )
    if r is not None:
        lines.append(
            f"- L model built in < 2 s: {verdict((r.build_seconds or 99) < 2)} ({_number(r.build_seconds)} s)"
        )
    r = ours("C")
    if r is not None:
        first = r.first_seconds is not None and r.first_seconds <= 10 and bool(r.valid)
        lines.append(f"- C first roster ≤ 10 s: {verdict(first)} ({_number(r.first_seconds)} s)")
        gap_within("C", 0.01, 120)
        memory = (r.peak_rss_mib or 1e9) <= 1024
        lines.append(f"- C peak memory ≤ 1 GiB: {verdict(memory)} ({_number(r.peak_rss_mib, 0)} MiB)")
    gap_within("W", 0.01, 60)
    gap_within("XL", 0.01, 300)
    return lines


def markdown(runs: list[Run], env: dict[str, str]) -> str:
    """The whole RESULTS.md: environment, table, targets and how to read it."""
    header = [
        "# Benchmark results",
        "",
        f"Run on {env['date']} · {env['cores']} cores ({env['machine']}) · Python {env['python']} · "
        f"ortools {env['ortools']} · highspy {env['highspy']} · time limit {env['time_limit_s']} s"
        f"{env.get('limits', '')} · "
        f"{env['workers']} workers/threads.",
        "",
        f"Reproduce with `{env['command']}`.",
        "",
        "Methods: **ours** = `optimizer.solve` (CP-SAT); **mip** = the same SPEC as a MIP solved by HiGHS "
        "(`benchmarks/mip.py`); **greedy** = a one-pass heuristic (`benchmarks/greedy.py`). Every roster is "
        "re-checked by `optimizer.checker.check`; the objective shown is the checker's. Times are wall-clock "
        "seconds from the validated problem (model building included); *build s* is building alone "
        "(ours: `build_model(compile_instance(p))`, measured separately after the solve); *first roster s* "
        "is ours' first progress point (the constructive roster, see docs/performance.md). Peak RSS is "
        "each method's own process (VmHWM; ours read before that separate build). Ratios are ours ÷ that "
        "peer (objective, total time). Each method ran in its own "
        "process, one after the other; the machine was shared with other work, so times carry noise.",
        "",
        table(runs),
        "",
        "## Targets",
        "",
        *targets(runs, float(env["time_limit_s"])),
        "",
    ]
    notes = [f"- {r.size}/{r.method}: {r.note}" for r in runs if r.note]
    if notes:
        header += ["## Notes", "", *notes, ""]
    return "\n".join(header)


ANALYSIS = "## Analysis"


def write(runs: list[Run], env: dict[str, str], directory: Path) -> tuple[Path, Path]:
    """Write RESULTS.md and results.json into ``directory``.

    A hand-written section headed ``## Analysis`` in an existing RESULTS.md is kept.
    """
    directory.mkdir(parents=True, exist_ok=True)
    md, js = directory / "RESULTS.md", directory / "results.json"
    kept = ""
    if md.exists() and ANALYSIS in md.read_text():
        kept = "\n" + md.read_text()[md.read_text().index(ANALYSIS) :]
    md.write_text(markdown(runs, env) + kept)
    js.write_text(json.dumps({"environment": env, "runs": [asdict(r) for r in runs]}, indent=2) + "\n")
    return md, js
