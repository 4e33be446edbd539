"""Decision variables: a location per employee and working day, and times where needed.

``location[e][d]`` maps each location employee ``e`` may take on day ``d`` to
its literal (empty on a day of leave, which is ``off``).

Times come in two forms (see :mod:`optimizer.model.windows`). In normal mode
every time rule first narrows the start window of each (employee, day,
location); an employee whose best starts do not limit their hours is then
*planned*: ``plans[e, d][location]`` holds a constant start and a range of
hours, and the employee has no time variable at all. Every other employee is
*timed*: ``start[e][d]`` and ``units[e][d]`` are integer variables in step
units (never a boolean per slot). Explain mode times everyone, so that each
time rule can be relaxed on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from optimizer.domain.clock import DAY_MINUTES
from optimizer.instance import EmployeeData, Instance
from optimizer.model.windows import Plan, Window, plan_cell

LinearLike = cp_model.LinearExprT
WORK_LOCATIONS = ("office", "home", "other")


@dataclass
class RosterVariables:
    location: list[list[dict[str, cp_model.IntVar]]]
    timed: list[bool]
    start: list[list[cp_model.IntVar | None]] = field(default_factory=list)
    units: list[list[cp_model.IntVar | int]] = field(default_factory=list)
    windows: dict[tuple[int, int], dict[str, Window]] = field(default_factory=dict)
    plans: dict[tuple[int, int], dict[str, Plan]] = field(default_factory=dict)

    def literal(self, e: int, d: int, location: str) -> cp_model.IntVar | int:
        """The literal of ``e`` being at ``location`` on ``d`` (0 when impossible)."""
        return self.location[e][d].get(location, 0)

    def office(self, e: int, d: int) -> cp_model.IntVar | int:
        """Whether ``e`` works in the office on ``d``."""
        return self.literal(e, d, "office")

    def office_literals(self, employees: list[int], d: int) -> list[cp_model.IntVar]:
        """The office literals of ``employees`` on ``d`` that can be true (impossible ones left out)."""
        return [literal for e in employees if not isinstance(literal := self.office(e, d), int)]

    def worked(self, e: int, d: int) -> list[cp_model.IntVar]:
        """Enforcement literals meaning "``e`` works on ``d``" (none when off is impossible)."""
        off = self.location[e][d].get("off")
        return [] if off is None else [off.Not()]

    def windows_of(self, e: int, d: int, location: str | None) -> list[Window]:
        """The start windows of one cell at one location, or at every worked location."""
        windows = self.windows.get((e, d), {})
        if location is None:
            return list(windows.values())
        return [windows[location]] if location in windows else []


def create_locations(instance: Instance, model: cp_model.CpModel, explain: bool) -> RosterVariables:
    """Location literals, exactly one of which holds per available day; start windows in normal mode.

    In explain mode every location is open; the constraint groups close them
    again under their guards.
    """
    allow_off = instance.problem.policy.allow_off_days
    v = RosterVariables(location=[], timed=[])
    for employee in instance.employees:
        options = [loc for loc in WORK_LOCATIONS if loc in employee.locations]
        if explain:
            options = list(WORK_LOCATIONS) if employee.site else ["home", "other"]
        if allow_off or explain:
            options.append("off")
        row = []
        for day in instance.days:
            if not employee.available[day.index]:
                row.append({})
                continue
            literals = {loc: model.new_bool_var(f"at_{loc}_{employee.id}_{day.index}") for loc in options}
            row.append(literals)
            if not explain:
                v.windows[employee.index, day.index] = {
                    loc: Window(employee.earliest, employee.latest) for loc in literals if loc != "off"
                }
        v.location.append(row)
    return v


def plan_times(instance: Instance, model: cp_model.CpModel, v: RosterVariables, explain: bool) -> None:
    """Plan each employee's times where that loses nothing; give the others time variables.

    A location at which no start satisfies every time rule is closed.
    """
    for employee in instance.employees:
        e = employee.index
        plans = None if explain else _plans(instance, model, v, employee)
        v.timed.append(plans is None)
        if plans is not None:
            v.plans.update(plans)
        starts, units = [], []
        for day in instance.days:
            literals = v.location[e][day.index]
            if plans is not None or not literals:
                starts.append(None)
                units.append(0)
                continue
            may_be_off = "off" in literals
            start, hours = _time_variables(model, employee, day.index, instance.step, explain, may_be_off)
            starts.append(start)
            units.append(hours)
        v.start.append(starts)
        v.units.append(units)


def _plans(
    instance: Instance, model: cp_model.CpModel, v: RosterVariables, employee: EmployeeData
) -> dict[tuple[int, int], dict[str, Plan]] | None:
    """The plans of every cell of one employee, or None if any cell needs time variables."""
    if any(kept.location != "off" for kept in employee.frozen.values()):
        return None  # a frozen worked day pins start and hours: they must be variables
    e, plans, plannable = employee.index, {}, True
    preferred = employee.start_preference[0] if employee.start_preference else None
    for day in instance.days:
        for location, window in v.windows.get((e, day.index), {}).items():
            plan = plan_cell(window, employee.daily_min, employee.daily_max, instance.step, preferred)
            if plan is None:
                model.add(v.location[e][day.index][location] == 0)
            elif plan is False:
                plannable = False
            else:
                plans.setdefault((e, day.index), {})[location] = plan
    return plans if plannable else None


def _time_variables(
    model: cp_model.CpModel, employee: EmployeeData, d: int, step: int, explain: bool, may_be_off: bool
) -> tuple[cp_model.IntVar, cp_model.IntVar]:
    """Integer start and hours (step units) of a timed employee on one day."""
    if explain:
        low_units, high_units, first, last = 0, DAY_MINUTES // step, 0, DAY_MINUTES // step
    else:
        low_units, high_units = employee.daily_min // step, employee.daily_max // step
        first, last = employee.earliest // step, employee.latest // step
    start = model.new_int_var(first, last, f"start_{employee.id}_{d}")
    units = model.new_int_var(0 if may_be_off else low_units, high_units, f"units_{employee.id}_{d}")
    return start, units
