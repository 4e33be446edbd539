"""The trade-off curve of one site: the best objective for each desk count above the minimum.

Desk counts are walked upward from the minimum. Each point is warm-started
with the roster of the point below it (a roster valid with fewer desks is valid
with more, so the hint is a complete valid roster) and keeps that roster when
the solver finds nothing better in its time limit. The walk stops where the
objective reaches the one with unlimited desks at that site: from there on,
capacity no longer binds.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from optimizer.capacity.models import CurvePoint
from optimizer.capacity.points import as_solution, best_of, curve_point, solve_point
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterSolution

PointHandler = Callable[[CurvePoint], None]


@dataclass
class CurveSettings:
    """How to walk the curve."""

    start: int
    end: int
    max_points: int
    time_limit: float
    workers: int
    parallel: int = 1
    keep_rosters: bool = False


@dataclass
class CurveResult:
    points: list[CurvePoint] = field(default_factory=list)
    step: int = 1
    complete: bool = False
    stopped: bool = False
    first_solution: RosterSolution | None = None


def desk_counts(start: int, end: int, max_points: int) -> tuple[list[int], int]:
    """Desk counts from ``start`` to ``end`` (both included), at most ``max_points``, evenly stepped."""
    if end < start:
        return [], 1
    if max_points <= 1:
        return [start], max(1, end - start + 1)
    step = max(1, math.ceil((end - start) / (max_points - 1)))
    counts = list(range(start, end + 1, step))
    if counts[-1] != end:
        if len(counts) == max_points:
            counts[-1] = end
        else:
            counts.append(end)
    return counts, step


def trade_off_curve(
    problem: RosterProblem,
    site: str,
    settings: CurveSettings,
    seed: RosterSolution,
    unlimited: RosterSolution,
    on_point: PointHandler | None = None,
    stop: threading.Event | None = None,
) -> CurveResult:
    """Walk the desk counts of ``settings`` upward from a valid roster ``seed`` at ``settings.start``.

    ``unlimited`` is the best roster with unlimited desks: its objective is the
    target where capacity stops binding, and its bound is a lower bound for every point.
    """
    counts, step = desk_counts(settings.start, settings.end, settings.max_points)
    result = CurveResult(step=step)
    target, floor = unlimited.objective, unlimited.bound
    unlimited_peak = _peak(unlimited, site)
    carried = seed
    index = 0
    while index < len(counts):
        if stop is not None and stop.is_set():
            result.stopped = True
            break
        batch = counts[index : index + max(1, settings.parallel)]
        index += len(batch)
        solved = _solve_batch(problem, site, batch, carried, settings, stop)
        for desks, solution in zip(batch, solved, strict=True):
            candidate = carried
            if unlimited_peak is not None and unlimited_peak <= desks and _better(unlimited, carried):
                candidate = unlimited
            best = best_of(solution, _rescored(problem, site, desks, candidate, solution))
            carried = best
            if result.first_solution is None:
                result.first_solution = best
            point = curve_point(problem, site, desks, best, floor, settings.keep_rosters)
            result.points.append(point)
            if on_point is not None:
                on_point(point)
            if target is not None and best.objective is not None and best.objective <= target:
                result.complete = True
                break
        if result.complete:
            break
    _tighten_bounds(result.points)
    return result


def _solve_batch(problem, site, batch, carried, settings, stop) -> list[RosterSolution]:
    """Solve the points of a batch, each warm-started with the roster carried into the batch."""
    hint = carried.assignments or None

    def one(desks: int) -> RosterSolution:
        return solve_point(problem, site, desks, hint, settings.time_limit, settings.workers, stop)

    if len(batch) == 1:
        return [one(batch[0])]
    with ThreadPoolExecutor(max_workers=len(batch)) as pool:
        return list(pool.map(one, batch))


def _better(a: RosterSolution, b: RosterSolution) -> bool:
    return a.objective is not None and (b.objective is None or a.objective < b.objective)


def _rescored(problem, site, desks, candidate: RosterSolution, solved: RosterSolution):
    """The carried roster at ``desks`` desks, only when it beats the solver's roster."""
    if candidate.objective is None or not candidate.assignments:
        return None
    if solved.assignments and solved.objective is not None and solved.objective <= candidate.objective:
        return None
    started = time.perf_counter()
    rescored = as_solution(problem, site, desks, candidate.assignments, candidate.team_days)
    return rescored.model_copy(update={"solve_seconds": time.perf_counter() - started})


def _peak(solution: RosterSolution, site: str) -> int | None:
    if not solution.assignments:
        return None
    return max((o.office for o in solution.occupancy if o.site == site), default=0)


def _tighten_bounds(points: list[CurvePoint]) -> None:
    """A bound at more desks is also a bound at fewer: carry the largest bound down the curve."""
    best: int | None = None
    for point in reversed(points):
        if point.bound is None or point.objective is None:
            continue
        if best is not None and best > point.bound:
            point.bound = min(best, point.objective)
            point.gap = (point.objective - point.bound) / max(1, abs(point.objective))
            point.proven = point.bound == point.objective
            point.status = "optimal" if point.proven else "feasible"
        best = point.bound if best is None else max(best, point.bound)


def knee(points: list[CurvePoint]) -> int | None:
    """The desk count where extra desks start to pay less (furthest below the chord, normalised)."""
    usable = [p for p in points if p.objective is not None]
    if not usable:
        return None
    if len(usable) < 3:
        return usable[0].desks
    x0, x1 = usable[0].desks, usable[-1].desks
    ys = [p.objective for p in usable]
    high, low = max(ys), min(ys)
    if high == low or x1 == x0:
        return usable[0].desks

    def below_chord(point: CurvePoint) -> float:
        x = (point.desks - x0) / (x1 - x0)
        y = (point.objective - low) / (high - low)
        return (1 - x) - y

    chosen = max(usable, key=below_chord)
    if below_chord(chosen) <= 1e-9:
        # Gains do not diminish before the end: every desk pays until capacity stops binding.
        return usable[-1].desks
    return chosen.desks
