"""What each (employee, day, location) allows, without a solver: the hours possible and the best start.

The same time rules that narrow the model's start windows (see
:mod:`optimizer.model.windows`) narrow them here, on windows alone; for each
cell and location this gives the effective minutes that fit and, for each,
the start nearest the preferred start. The constructive first roster
(:mod:`optimizer.model.first_roster`) chooses among them.
"""

from __future__ import annotations

from functools import lru_cache

from ortools.sat.python import cp_model

from optimizer.instance import Instance
from optimizer.model.context import ModelContext
from optimizer.model.rules import MODEL_RULES
from optimizer.model.variables import WORK_LOCATIONS, RosterVariables
from optimizer.model.windows import Window, _hours_at

# minutes → start (minutes) of one cell at one location; empty when nothing fits.
Options = dict[int, int]


def cell_options(instance: Instance) -> dict[tuple[int, int], dict[str, Options]]:
    """Per available (employee, day), each worked location that fits and its minutes → best start."""
    variables = RosterVariables(location=[], timed=[])
    for employee in instance.employees:
        places = [loc for loc in WORK_LOCATIONS if loc in employee.locations]
        for day in instance.days:
            if employee.available[day.index]:
                variables.windows[employee.index, day.index] = {
                    loc: Window(employee.earliest, employee.latest) for loc in places
                }
    ctx = ModelContext(instance, cp_model.CpModel(), variables)
    for rule in MODEL_RULES.values():
        if rule.narrow is not None:
            rule.narrow(ctx)
    step, result = instance.step, {}
    for (e, d), windows in variables.windows.items():
        employee = instance.employees[e]
        preferred = employee.start_preference[0] if employee.start_preference else None
        fits = {}
        for location, w in windows.items():
            key = (w.start_low, w.start_high, w.reach_low, w.reach_high)
            options = _options(key, employee.daily_min, employee.daily_max, step, preferred)
            if options:
                fits[location] = options
        result[e, d] = fits
    return result


@lru_cache(maxsize=4096)
def _options_cached(
    window: tuple[int, int, int, int], low: int, high: int, step: int, preferred: int | None
) -> tuple[tuple[int, int], ...]:
    w = Window(*window)
    first = -(-w.start_low // step) * step
    best: dict[int, int] = {}
    for start in range(first, w.start_high + 1, step):
        least, most = _hours_at(w, start, low, high, step)
        least = -(-least // step) * step
        for minutes in range(least, most + 1, step):
            known = best.get(minutes)
            if known is None or (preferred is not None and abs(start - preferred) < abs(known - preferred)):
                best[minutes] = start
    return tuple(sorted(best.items()))


def _options(
    window: tuple[int, int, int, int], low: int, high: int, step: int, preferred: int | None
) -> Options:
    """Minutes → the start nearest ``preferred`` (the earliest without one) among those that fit."""
    return dict(_options_cached(window, low, high, step, preferred))
