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
    When the walk steps over several desks at a time, the last step is bisected
    to find the first desk count that reaches the target.
    """
    counts, step = desk_counts(settings.start, settings.end, settings.max_points)
    walk = _Walk(problem, site, settings, unlimited, on_point, stop)
    result = CurveResult(step=step)
    carried = seed
    index = 0
    while index < len(counts) and not walk.reached:
        if walk.stopped and walk.points:
            # Stopped: keep the points found (the first one always exists, from ``seed`` at worst).
            result.stopped = True
            break
        batch = counts[index : index + max(1, settings.parallel)]
        index += len(batch)
        solved = _solve_batch(problem, site, batch, carried, settings, stop)
        for desks, solution in zip(batch, solved, strict=True):
            carried = walk.add(desks, solution, carried)
            if walk.reached:
                break
    if walk.reached and step > 1:
        walk.bisect_last_step()
    result.stopped = result.stopped or walk.stopped
    result.complete = walk.reached
    walk.make_monotone()
    result.points = [walk.points[desks] for desks in sorted(walk.points)]
    _tighten_bounds(result.points)
    return result


class _Walk:
    """The points found so far and the rosters behind them."""

    def __init__(self, problem, site, settings: CurveSettings, unlimited: RosterSolution, on_point, stop):
        self.problem, self.site, self.settings = problem, site, settings
        self.unlimited, self.on_point, self.stop = unlimited, on_point, stop
        self.unlimited_peak = _peak(unlimited, site)
        self.points: dict[int, CurvePoint] = {}
        self.rosters: dict[int, RosterSolution] = {}
        self.reached = False

    @property
    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def _reaches(self, solution: RosterSolution) -> bool:
        target = self.unlimited.objective
        return target is not None and solution.objective is not None and solution.objective <= target

    def add(self, desks: int, solution: RosterSolution, carried: RosterSolution) -> RosterSolution:
        """Record the point at ``desks``: the solver's roster or a better carried one."""
        candidate = carried
        fits = self.unlimited_peak is not None and self.unlimited_peak <= desks
        if fits and _better(self.unlimited, carried):
            candidate = self.unlimited
        best = best_of(solution, _rescored(self.problem, self.site, desks, candidate, solution))
        point = curve_point(
            self.problem, self.site, desks, best, self.unlimited.bound, self.settings.keep_rosters
        )
        self.points[desks], self.rosters[desks] = point, best
        if self.on_point is not None:
            self.on_point(point)
        self.reached = self.reached or self._reaches(best)
        return best

    def make_monotone(self) -> None:
        """A roster valid with fewer desks is valid with more: no point may be worse than one below it."""
        previous: int | None = None
        for desks in sorted(self.points):
            if previous is not None and _better(self.rosters[previous], self.rosters[desks]):
                solution = self.rosters[desks]
                carried = _rescored(self.problem, self.site, desks, self.rosters[previous], solution)
                self.rosters[desks] = best_of(solution, carried)
                self.points[desks] = curve_point(
                    self.problem,
                    self.site,
                    desks,
                    self.rosters[desks],
                    self.unlimited.bound,
                    self.settings.keep_rosters,
                )
            previous = desks

    def bisect_last_step(self) -> None:
        """Find the first desk count reaching the target between the last two points."""
        counts = sorted(self.points)
        if len(counts) < 2:
            return
        low, high = counts[-2], counts[-1]
        while high - low > 1 and not self.stopped:
            middle = (low + high) // 2
            settings = self.settings
            hint = self.rosters[low].assignments or None
            solved = solve_point(
                self.problem, self.site, middle, hint, settings.time_limit, settings.workers, self.stop
            )
            best = self.add(middle, solved, self.rosters[low])
            if self._reaches(best):
                high = middle
            else:
                low = middle


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
