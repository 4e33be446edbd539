"""Decision variables: a location per employee and working day, and start and hours.

``location[e][d]`` maps each location employee ``e`` may take on day ``d`` to
its literal (empty on a day of leave, which is ``off``); ``start[e][d]`` and
``units[e][d]`` are the start time and the effective hours in step units.
Hours and start are integers, not a boolean per slot, so the model grows with
employees × days only.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.domain.clock import DAY_MINUTES
from optimizer.instance import Instance

LinearLike = cp_model.LinearExprT


@dataclass
class RosterVariables:
    location: list[list[dict[str, cp_model.IntVar]]]
    start: list[list[cp_model.IntVar | None]]
    units: list[list[cp_model.IntVar | int]]

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


def create_variables(instance: Instance, model: cp_model.CpModel, explain: bool) -> RosterVariables:
    """Create location literals (exactly one per available day), start and hours.

    In explain mode every location is open and hours and start span the whole
    day; the constraint groups then close them again under their guards.
    """
    step = instance.step
    allow_off = instance.problem.policy.allow_off_days
    location, start, units = [], [], []
    for employee in instance.employees:
        options = [loc for loc in ("office", "home", "other") if loc in employee.locations]
        if explain:
            options = ["office", "home", "other"] if employee.site else ["home", "other"]
        if allow_off or explain:
            options.append("off")
        hours_fixed = employee.daily_min == employee.daily_max and not (allow_off or explain)
        low_units, high_units = (
            (0, DAY_MINUTES // step)
            if explain
            else (
                employee.daily_min // step,
                employee.daily_max // step,
            )
        )
        first, last = (
            (0, DAY_MINUTES // step)
            if explain
            else (
                employee.earliest // step,
                employee.latest // step,
            )
        )
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
            row_start.append(model.new_int_var(first, last, f"start_{employee.id}_{d}"))
            if hours_fixed:
                row_units.append(low_units)
            else:
                lowest = 0 if "off" in literals else low_units
                row_units.append(model.new_int_var(lowest, high_units, f"units_{employee.id}_{d}"))
        location.append(row_loc)
        start.append(row_start)
        units.append(row_units)
    return RosterVariables(location, start, units)
