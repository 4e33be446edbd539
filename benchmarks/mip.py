"""The MIP peer: the same SPEC §3 model written as a mixed-integer program and solved by HiGHS.

This is what a user would otherwise build with an open-source MIP solver. It
reads the same compiled instance as the product (working days, ISO weeks,
prorated weekly hours, lonely groups) so that both answer the same question.

Variables per available (employee, day): a binary per allowed location (and
``off`` when off days are allowed), an integer start and an integer number of
hours, both in step units. Rules that hold only on worked days or office days
use big-M terms sized from variable bounds. Soft terms are integer variables
bounded from below, so every value read back over-estimates nothing: the
roster's score (recomputed by the checker) is at most the MIP objective.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from optimizer.domain.clock import DAY_MINUTES, to_minutes
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, TeamDays
from optimizer.instance import Instance, compile_instance, make_assignment

INF = highspy.kHighsInf
Terms = dict[int, float]


@dataclass
class MipResult:
    """What one HiGHS run gave: status, objective and bound, times and the roster."""

    status: str
    objective: int | None = None
    bound: int | None = None
    first_seconds: float | None = None
    best_seconds: float | None = None
    build_seconds: float = 0.0
    total_seconds: float = 0.0
    assignments: list[Assignment] = field(default_factory=list)
    team_days: list[TeamDays] = field(default_factory=list)
    columns: int = 0
    rows: int = 0


class _Program:
    """Columns and rows of the MIP, collected in flat arrays and handed to HiGHS at once."""

    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.cost: list[float] = []
        self.offset = 0.0
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.starts: list[int] = []
        self.index: list[int] = []
        self.value: list[float] = []

    def column(self, lower: float, upper: float) -> int:
        """A new integer column."""
        self.lower.append(lower)
        self.upper.append(upper)
        self.cost.append(0.0)
        return len(self.lower) - 1

    def row(self, terms: Terms, lower: float, upper: float) -> None:
        """``lower ≤ Σ coef·column ≤ upper``."""
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.starts.append(len(self.index))
        for col, coef in terms.items():
            if coef:
                self.index.append(col)
                self.value.append(coef)

    def upper_of(self, terms: Terms, constant: float = 0.0) -> float:
        """The largest value ``constant + Σ coef·column`` can take within column bounds."""
        return constant + sum(c * (self.upper[j] if c > 0 else self.lower[j]) for j, c in terms.items())

    def at_most(self, terms: Terms, rhs: float, when: int | None = None, unless: int | None = None) -> None:
        """``Σ ≤ rhs``, only when binary ``when`` is 1 / only unless binary ``unless`` is 1."""
        big = max(0.0, self.upper_of(terms) - rhs)
        terms = dict(terms)
        if when is not None and big:
            terms[when] = terms.get(when, 0.0) + big
            rhs += big
        if unless is not None and big:
            terms[unless] = terms.get(unless, 0.0) - big
        self.row(terms, -INF, rhs)

    def at_least(self, terms: Terms, rhs: float, when: int | None = None, unless: int | None = None) -> None:
        """``Σ ≥ rhs`` under the same conditions as :meth:`at_most`."""
        self.at_most({j: -c for j, c in terms.items()}, -rhs, when, unless)

    def add_cost(self, col: int | None, amount: float) -> None:
        """Add ``amount · column`` to the objective (a constant when ``col`` is None)."""
        if col is None:
            self.offset += amount
        else:
            self.cost[col] += amount

    def to_highs(self, highs: highspy.Highs) -> None:
        """Load the program into ``highs``: integer columns, objective and rows."""
        n = len(self.lower)
        highs.addVars(n, np.array(self.lower), np.array(self.upper))
        highs.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
        )
        highs.changeColsCost(n, np.arange(n, dtype=np.int32), np.array(self.cost))
        highs.changeObjectiveOffset(self.offset)
        highs.addRows(
            len(self.row_lower),
            np.array(self.row_lower),
            np.array(self.row_upper),
            len(self.index),
            np.array(self.starts, dtype=np.int32),
            np.array(self.index, dtype=np.int32),
            np.array(self.value),
        )


@dataclass
class _Cells:
    """Columns of each (employee, day): ``loc[e][d][location]``, ``start[e][d]``, ``units[e][d]``."""

    loc: list[list[dict[str, int]]]
    start: list[list[int | None]]
    units: list[list[int | None]]
    anchor: dict[str, dict[int, int]] = field(default_factory=dict)


class _Infeasible(Exception):
    """A rule that no roster can meet, seen while building (e.g. a fixed location not allowed)."""


def _cells(instance: Instance, program: _Program) -> _Cells:
    """Location binaries (exactly one per available day), start and hours in step units."""
    step = instance.step
    allow_off = instance.problem.policy.allow_off_days
    cells = _Cells([], [], [])
    for employee in instance.employees:
        options = [x for x in ("office", "home", "other") if x in employee.locations]
        options += ["off"] if allow_off else []
        first, last = -(-employee.earliest // step), employee.latest // step
        low, high = employee.daily_min // step, employee.daily_max // step
        rows = ([], [], [])
        for day in instance.days:
            if not employee.available[day.index]:
                rows[0].append({}), rows[1].append(None), rows[2].append(None)
                continue
            literals = {x: program.column(0, 1) for x in options}
            program.row(dict.fromkeys(literals.values(), 1.0), 1, 1)
            start = program.column(first, last)
            units = program.column(0 if allow_off else low, high)
            if allow_off:
                # Hours are 0 on a day off and within the daily range on a worked day.
                program.row({units: 1.0, literals["off"]: float(low)}, low, INF)
                program.row({units: 1.0, literals["off"]: float(high)}, -INF, high)
            rows[0].append(literals), rows[1].append(start), rows[2].append(units)
        cells.loc.append(rows[0]), cells.start.append(rows[1]), cells.units.append(rows[2])
    return cells


def _day_rules(instance: Instance, program: _Program, cells: _Cells) -> None:
    """fixed, span, core_hours and opening_hours of each available (employee, day)."""
    step = instance.step
    policy = instance.problem.policy
    sites = {site.id: site for site in instance.problem.sites}
    core = (
        (to_minutes(policy.core_hours.start), to_minutes(policy.core_hours.end))
        if policy.core_hours
        else None
    )
    for employee in instance.employees:
        e = employee.index
        site = sites.get(employee.site or "")
        for day in instance.days:
            d = day.index
            literals = cells.loc[e][d]
            if not literals:
                continue
            fixed = employee.fixed.get(d)
            if fixed is not None:
                if fixed not in literals:
                    raise _Infeasible(f"{employee.id} fixed at {fixed}")
                program.lower[literals[fixed]] = 1
            start, units, off = cells.start[e][d], cells.units[e][d], literals.get("off")
            # end = step·(start + units) + break
            end = {start: float(step), units: float(step)}
            program.at_most(end, DAY_MINUTES - day.break_minutes, unless=off)
            if core is not None:
                program.at_most({start: 1.0}, core[0] // step, unless=off)
                program.at_least(end, core[1] - day.break_minutes, unless=off)
            office = literals.get("office")
            if office is not None and site is not None:
                opens, closes = to_minutes(site.open), to_minutes(site.close)
                if opens > 0:
                    program.at_least({start: 1.0}, -(-opens // step), when=office)
                if closes < DAY_MINUTES:
                    program.at_most(end, closes - day.break_minutes, when=office)


def _week_rules(instance: Instance, program: _Program, cells: _Cells) -> None:
    """weekly_hours, office_days and remote_days of each employee and ISO week."""
    step = instance.step
    for employee in instance.employees:
        e = employee.index
        for week, days in instance.weeks.items():
            low, high = instance.weekly_bounds(e, week)
            units = {cells.units[e][d]: 1.0 for d in days if cells.units[e][d] is not None}
            program.row(units, -(-low // step), high // step)
            office_low, office_high = instance.office_bounds(e, week)
            office = {cells.loc[e][d]["office"]: 1.0 for d in days if "office" in cells.loc[e][d]}
            program.row(office, office_low, office_high)
            remote = {col: 1.0 for d in days for x, col in cells.loc[e][d].items() if x in ("home", "other")}
            if len(remote) > employee.rules.remote_max:
                program.row(remote, -INF, employee.rules.remote_max)


def _capacity(instance: Instance, program: _Program, cells: _Cells) -> None:
    """site_capacity and resource_capacity of each working day."""
    for site, desks in instance.desks.items():
        staff = [e.index for e in instance.employees if e.site == site]
        for day in instance.days:
            office = {
                cells.loc[e][day.index]["office"]: 1.0 for e in staff if "office" in cells.loc[e][day.index]
            }
            if len(office) > desks[day.index]:
                program.row(office, -INF, desks[day.index])
    for resource, capacity in instance.capacity.items():
        users = [e.index for e in instance.employees if resource in e.needs]
        for day in instance.days:
            remote = {
                col: 1.0
                for e in users
                for x, col in cells.loc[e][day.index].items()
                if x in ("home", "other")
            }
            if len(remote) > capacity[day.index]:
                program.row(remote, -INF, capacity[day.index])


def _team_rules(instance: Instance, program: _Program, cells: _Cells) -> None:
    """team_meeting, anchor_days and min_in_office of each team."""
    step = instance.step
    for team in instance.teams.values():
        for d, meetings in team.meetings.items():
            day = instance.days[d]
            for meeting in meetings:
                for e in meeting.attendees:
                    start, units = cells.start[e][d], cells.units[e][d]
                    program.lower[cells.loc[e][d]["office"]] = 1
                    program.at_most({start: 1.0}, meeting.start // step)
                    program.at_least(
                        {start: float(step), units: float(step)}, meeting.end - day.break_minutes
                    )
        if team.anchor_days:
            chosen = {day.index: program.column(0, 1) for day in instance.days}
            for day in instance.days:
                for e in instance.anchor_attendees(team.id, day.index):
                    program.row({cells.loc[e][day.index]["office"]: 1.0, chosen[day.index]: -1.0}, 0, INF)
            for days in instance.weeks.values():
                count = min(team.anchor_days, len(days))
                program.row({chosen[d]: 1.0 for d in days}, count, count)
            cells.anchor[team.id] = chosen
        if team.min_in_office:
            for day in instance.days:
                able = [e for e in team.members if "office" in cells.loc[e][day.index]]
                need = min(team.min_in_office, len(able))
                if need:
                    program.row({cells.loc[e][day.index]["office"]: 1.0 for e in able}, need, INF)


def _objective(instance: Instance, program: _Program, cells: _Cells) -> None:
    """Every soft term of positive weight (fairness needs preference and start time per employee)."""
    w = instance.weights
    step = instance.step
    fairness = program.column(0, INF) if w["fairness"] > 0 else None
    program.add_cost(fairness, w["fairness"])
    for employee in instance.employees:
        e = employee.index
        # own[col] and own_constant: the employee's unweighted preference + start_time.
        own: Terms = {}
        own_constant = 0.0
        for d, location, weight in employee.day_preferences:
            col = cells.loc[e][d].get(location)
            own_constant += weight
            program.add_cost(None, w["preference"] * weight)
            if col is not None:
                own[col] = own.get(col, 0.0) - weight
                program.add_cost(col, -w["preference"] * weight)
        if employee.start_preference and employee.start_preference[1] and (w["start_time"] or fairness):
            preferred, weight = employee.start_preference[0] // step, employee.start_preference[1]
            for d, start in enumerate(cells.start[e]):
                if start is None:
                    continue
                off = cells.loc[e][d].get("off")
                deviation = program.column(0, DAY_MINUTES // step)
                program.at_least({deviation: 1.0, start: -1.0}, -preferred, unless=off)
                program.at_least({deviation: 1.0, start: 1.0}, preferred, unless=off)
                program.add_cost(deviation, w["start_time"] * weight)
                own[deviation] = own.get(deviation, 0.0) + weight
        if fairness is not None and (own or own_constant):
            program.row({fairness: 1.0, **{j: -c for j, c in own.items()}}, own_constant, INF)
    _lonely(instance, program, cells)
    if w["peak_occupancy"]:
        for site in instance.desks:
            staff = [e.index for e in instance.employees if e.site == site]
            if not staff:
                continue
            peak = program.column(0, len(staff))
            program.add_cost(peak, w["peak_occupancy"])
            for day in instance.days:
                office = {
                    cells.loc[e][day.index]["office"]: -1.0
                    for e in staff
                    if "office" in cells.loc[e][day.index]
                }
                program.row({peak: 1.0, **office}, 0, INF)
    if w["change"]:
        for e, d, location in instance.previous:
            col = cells.loc[e][d].get(location)
            if not cells.loc[e][d]:
                program.add_cost(None, w["change"] * (location != "off"))
            else:
                program.add_cost(None, w["change"])
                if col is not None:
                    program.add_cost(col, -w["change"])


def _lonely(instance: Instance, program: _Program, cells: _Cells) -> None:
    """lonely_office_day: per (team, site, day) with C in the office, C counts when ``C ≤ ceil(θ·k)``.

    ``crowded`` is 1 exactly when ``C > need``; each member in the office while
    not crowded adds one (``z_e ≥ office_e − crowded``).
    """
    weight = instance.weights["lonely_office_day"]
    if not weight:
        return
    for _team, _site, d, members, k in instance.lonely_groups:
        need = instance.lonely_need(k)
        office = [cells.loc[e][d]["office"] for e in members if "office" in cells.loc[e][d]]
        if need == 0 or not office:
            continue
        if len(office) <= need:
            for col in office:
                program.add_cost(col, weight)
            continue
        crowded = program.column(0, 1)
        count = dict.fromkeys(office, 1.0)
        program.row({**count, crowded: -(need + 1.0)}, 0, INF)
        program.row({**count, crowded: -(len(office) - need)}, -INF, need)
        for col in office:
            lonely = program.column(0, 1)
            program.row({lonely: 1.0, col: -1.0, crowded: 1.0}, 0, INF)
            program.add_cost(lonely, weight)


def build_program(instance: Instance) -> tuple[_Program, _Cells]:
    """The whole MIP of an instance (raises ``_Infeasible`` on a rule no roster can meet)."""
    program = _Program()
    cells = _cells(instance, program)
    _day_rules(instance, program, cells)
    _week_rules(instance, program, cells)
    _capacity(instance, program, cells)
    _team_rules(instance, program, cells)
    _objective(instance, program, cells)
    return program, cells


def _roster(instance: Instance, cells: _Cells, values: np.ndarray) -> list[Assignment]:
    """Assignments read from a solution vector (the location with the largest value wins)."""
    step = instance.step
    roster = []
    for employee in instance.employees:
        e = employee.index
        for day in instance.days:
            literals = cells.loc[e][day.index]
            location = max(literals, key=lambda x: values[literals[x]]) if literals else "off"
            if location == "off":
                roster.append(make_assignment(employee, day, "off"))
                continue
            start = step * round(values[cells.start[e][day.index]])
            minutes = step * round(values[cells.units[e][day.index]])
            roster.append(make_assignment(employee, day, location, start, minutes))
    return roster


def _team_days(instance: Instance, cells: _Cells, values: np.ndarray) -> list[TeamDays]:
    return [
        TeamDays(
            team=team,
            week=week,
            dates=[instance.days[d].date for d in days if values[chosen[d]] > 0.5],
        )
        for team, chosen in cells.anchor.items()
        for week, days in instance.weeks.items()
    ]


def solve_mip(
    problem: RosterProblem, time_limit: float = 60.0, threads: int = 2, seed: int = 0, log: bool = False
) -> MipResult:
    """Build and solve the MIP within ``time_limit`` seconds (build time included in the limit)."""
    started = time.perf_counter()
    instance = compile_instance(problem)
    try:
        program, cells = build_program(instance)
    except _Infeasible:
        elapsed = time.perf_counter() - started
        return MipResult(status="infeasible", build_seconds=elapsed, total_seconds=elapsed)
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", log)
    program.to_highs(highs)
    build_seconds = time.perf_counter() - started
    highs.setOptionValue("time_limit", max(0.01, time_limit - build_seconds))
    highs.setOptionValue("mip_rel_gap", 0.0)
    # Every objective coefficient is an integer: a gap below 1 proves optimality.
    highs.setOptionValue("mip_abs_gap", 0.99)
    highs.setOptionValue("threads", threads)
    highs.setOptionValue("random_seed", seed)
    improving: list[float] = []
    highs.cbMipImprovingSolution.subscribe(lambda _event: improving.append(time.perf_counter() - started))
    highs.run()
    status = highs.getModelStatus()
    info = highs.getInfo()
    result = MipResult(
        status="unknown",
        build_seconds=build_seconds,
        columns=len(program.lower),
        rows=len(program.row_lower),
    )
    if status == highspy.HighsModelStatus.kInfeasible:
        result.status = "infeasible"
    elif info.primal_solution_status == 2:  # a feasible point
        values = np.array(highs.getSolution().col_value)
        result.status = "optimal" if status == highspy.HighsModelStatus.kOptimal else "feasible"
        result.objective = round(info.objective_function_value)
        result.bound = min(result.objective, math.ceil(info.mip_dual_bound - 1e-6))
        result.assignments = _roster(instance, cells, values)
        result.team_days = _team_days(instance, cells, values)
        result.first_seconds = improving[0] if improving else None
        result.best_seconds = improving[-1] if improving else None
    result.total_seconds = time.perf_counter() - started
    return result
