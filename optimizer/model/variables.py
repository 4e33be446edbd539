"""Decision variables: a location per employee and working day, and start and hours.

``location[e][d]`` maps each location employee ``e`` may take on day ``d`` to
its literal (empty on a day of leave, which is ``off``).

Times come in two forms. An employee whose daily hours may vary is *timed*:
``start[e][d]`` and ``units[e][d]`` are integer variables (step units), never a
boolean per slot. An employee with fixed daily hours (the common case, e.g.
8 h or 7.5 h) needs no time variables at all: each rule on times only narrows
``windows[e, d][location]``, the interval of possible start minutes at that
location, and a location whose interval ends up empty is closed. The best
start in a window is then a constant, so the start-time penalty becomes a
coefficient on the location literal and the model stays a pure 0-1 model over
the coupled part (locations, desks, teams). Explain mode always uses the timed
form, so that every time rule can be relaxed on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from optimizer.domain.clock import DAY_MINUTES
from optimizer.instance import Instance

LinearLike = cp_model.LinearExprT
WORK_LOCATIONS = ("office", "home", "other")


@dataclass
class RosterVariables:
    location: list[list[dict[str, cp_model.IntVar]]]
    start: list[list[cp_model.IntVar | None]]
    units: list[list[LinearLike]]
    timed: list[bool]
    fixed_minutes: list[int]
    windows: dict[tuple[int, int], dict[str, list[int]]] = field(default_factory=dict)

    def literal(self, e: int, d: int, location: str) -> cp_model.IntVar | int:
        """The literal of ``e`` being at ``location`` on ``d`` (0 when impossible)."""
        return self.location[e][d].get(location, 0)

    def office(self, e: int, d: int) -> cp_model.IntVar | int:
        """Whether ``e`` works in the office on ``d``."""
        return self.literal(e, d, "office")

    def remote(self, e: int, d: int) -> LinearLike:
        """Whether ``e`` works at home or another location on ``d``."""
        return self.literal(e, d, "home") + self.literal(e, d, "other")

    def worked(self, e: int, d: int) -> list[cp_model.IntVar]:
        """Enforcement literals meaning "``e`` works on ``d``" (none when off is impossible)."""
        off = self.location[e][d].get("off")
        return [] if off is None else [off.Not()]

    def narrow(self, e: int, d: int, location: str | None, low: int, high: int) -> None:
        """Narrow the start window (minutes) of an untimed employee at one location or all."""
        windows = self.windows[e, d]
        for name in [location] if location else list(windows):
            if name in windows:
                window = windows[name]
                window[0], window[1] = max(window[0], low), min(window[1], high)

    def best_start(self, e: int, d: int, location: str, step: int, preferred: int | None) -> int | None:
        """The start on the grid within the window closest to ``preferred`` (earliest if none)."""
        low, high = self.windows[e, d][location]
        low, high = -(-low // step) * step, (high // step) * step
        if low > high:
            return None
        return low if preferred is None else min(max(preferred, low), high)


def create_variables(instance: Instance, model: cp_model.CpModel, explain: bool) -> RosterVariables:
    """Create location literals (exactly one per available day), and times where needed.

    In explain mode every location is open and hours and start span the whole
    day; the constraint groups then close them again under their guards.
    """
    step = instance.step
    allow_off = instance.problem.policy.allow_off_days
    v = RosterVariables(location=[], start=[], units=[], timed=[], fixed_minutes=[])
    for employee in instance.employees:
        options = [loc for loc in WORK_LOCATIONS if loc in employee.locations]
        if explain:
            options = list(WORK_LOCATIONS) if employee.site else ["home", "other"]
        if allow_off or explain:
            options.append("off")
        timed = explain or employee.daily_min != employee.daily_max
        v.timed.append(timed)
        v.fixed_minutes.append(employee.daily_min)
        row_loc, row_start, row_units = [], [], []
        for day in instance.days:
            d = day.index
            if not employee.available[d]:
                row_loc.append({})
                row_start.append(None)
                row_units.append(0)
                continue
            literals = {loc: model.new_bool_var(f"at_{loc}_{employee.id}_{d}") for loc in options}
            row_loc.append(literals)
            if timed:
                start, units = _timed(model, employee, d, step, explain, "off" in literals)
            else:
                start, units = None, employee.daily_min // step
                if "off" in literals:
                    units = units - units * literals["off"]
                v.windows[employee.index, d] = {
                    loc: [employee.earliest, employee.latest] for loc in literals if loc != "off"
                }
            row_start.append(start)
            row_units.append(units)
        v.location.append(row_loc)
        v.start.append(row_start)
        v.units.append(row_units)
    return v


def _timed(model: cp_model.CpModel, employee, d: int, step: int, explain: bool, may_be_off: bool):
    """Integer start and hours (step units) of a timed employee on one day."""
    low_units, high_units = (
        (0, DAY_MINUTES // step) if explain else (employee.daily_min // step, employee.daily_max // step)
    )
    first, last = (
        (0, DAY_MINUTES // step) if explain else (employee.earliest // step, employee.latest // step)
    )
    start = model.new_int_var(first, last, f"start_{employee.id}_{d}")
    units = model.new_int_var(0 if may_be_off else low_units, high_units, f"units_{employee.id}_{d}")
    return start, units


def close_empty_windows(instance: Instance, model: cp_model.CpModel, v: RosterVariables) -> None:
    """Locations where no start on the grid satisfies every time rule are closed."""
    for (e, d), windows in v.windows.items():
        for location in windows:
            if v.best_start(e, d, location, instance.step, None) is None:
                model.add(v.location[e][d][location] == 0)
