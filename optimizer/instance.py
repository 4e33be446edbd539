"""A validated problem compiled to integer minutes and day indices.

The instance is the single reading of SPEC §1–§2 that the model and the
checker share: which days are working days, which ISO week each belongs to,
who is available when, which meeting falls on which day, and every rule
merged per employee. It holds data only; it states no constraint.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

import holidays as holidays_lib

from optimizer.domain.clock import to_clock, to_minutes
from optimizer.domain.problem import WEEKDAYS, Employee, RosterProblem, Team
from optimizer.domain.rules import EmployeeRules, employee_rules
from optimizer.domain.solution import Assignment


@dataclass(frozen=True)
class Day:
    index: int
    date: dt.date
    weekday: str
    week: str
    break_minutes: int


@dataclass(frozen=True)
class FrozenDay:
    """A frozen (published) assignment on a working day the employee is available (SPEC v1.1).

    ``start`` is in minutes; ``minutes`` are the effective minutes as given
    (possibly off the step grid, which makes the problem infeasible).
    """

    location: str
    start: int | None
    minutes: float | None


# The locations that match a team pattern's wish (SPEC v1.1 soft term ``pattern``).
PATTERN_MATCHES: dict[str, frozenset[str]] = {
    "office": frozenset({"office"}),
    "remote": frozenset({"home", "other"}),
    "home": frozenset({"home"}),
    "other": frozenset({"other"}),
}


@dataclass(frozen=True)
class MeetingOnDay:
    """A team meeting on one working day, with the members who must attend in the office."""

    name: str
    start: int
    end: int
    attendees: frozenset[int]


@dataclass
class EmployeeData:
    index: int
    id: str
    label: str
    team: str | None
    site: str | None
    locations: frozenset[str]
    needs: tuple[str, ...]
    rules: EmployeeRules
    daily_min: int
    daily_max: int
    earliest: int
    latest: int
    available: list[bool]
    fixed: dict[int, str]
    frozen: dict[int, FrozenDay]
    day_preferences: list[tuple[int, str, int]]
    start_preference: tuple[int, int] | None

    @property
    def may_office(self) -> bool:
        """Whether the employee may work in the office at all."""
        return "office" in self.locations


@dataclass
class TeamData:
    id: str
    label: str
    members: list[int]
    meetings: dict[int, list[MeetingOnDay]]
    anchor_days: int
    min_in_office: int
    pattern: dict[str, str] = field(default_factory=dict)


@dataclass
class Instance:
    problem: RosterProblem
    step: int
    days: list[Day]
    weeks: dict[str, list[int]]
    workdays_per_week: int
    employees: list[EmployeeData]
    desks: dict[str, list[int]]
    capacity: dict[str, list[int]]
    teams: dict[str, TeamData]
    previous: list[tuple[int, int, str]] = field(default_factory=list)
    weights: dict[str, int] = field(default_factory=dict)
    lonely_threshold: Fraction = Fraction(1, 2)

    def weekly_bounds(self, employee: int, week: str) -> tuple[int, int]:
        """Minutes an employee must work in a week: floor/ceil to the step of the prorated range."""
        data = self.employees[employee]
        available = sum(data.available[d] for d in self.weeks[week])
        ratio = Fraction(available, self.workdays_per_week)
        low = Fraction(repr(data.rules.weekly_min)) * 60 * ratio
        high = Fraction(repr(data.rules.weekly_max)) * 60 * ratio
        step = self.step
        return (low // step) * step, -((-high) // step) * step

    def office_bounds(self, employee: int, week: str) -> tuple[int, int]:
        """Office days an employee must work in a week: ``min(min, A)`` to ``max``."""
        data = self.employees[employee]
        available = sum(data.available[d] for d in self.weeks[week])
        return min(data.rules.office_min, available), data.rules.office_max

    def anchor_attendees(self, team: str, day: int) -> list[int]:
        """Members who must be in the office if ``day`` is an anchor day of ``team``."""
        return [
            e
            for e in self.teams[team].members
            if self.employees[e].available[day] and self.employees[e].may_office
        ]

    @cached_property
    def lonely_groups(self) -> list[tuple[str, str, int, list[int], int]]:
        """(team, site, day, members at that site, k) for every group where k ≥ 1.

        k is the number of teammates available that day of a member who is in
        the office, i.e. the members of the team at that site available that day, minus one.
        """
        groups = []
        for team in self.teams.values():
            by_site: dict[str, list[int]] = {}
            for e in team.members:
                site = self.employees[e].site
                if site is not None and self.employees[e].may_office:
                    by_site.setdefault(site, []).append(e)
            for site, members in by_site.items():
                every_member = [e for e in team.members if self.employees[e].site == site]
                for day in self.days:
                    available = [e for e in every_member if self.employees[e].available[day.index]]
                    k = len(available) - 1
                    office_able = [e for e in members if self.employees[e].available[day.index]]
                    if k >= 1 and office_able:
                        groups.append((team.id, site, day.index, office_able, k))
        return groups

    @cached_property
    def pattern_cells(self) -> list[tuple[int, int, frozenset[str]]]:
        """(employee, day, matching locations) counted by ``pattern``: the member is available,
        the team's pattern names the weekday, and the member may use a matching location."""
        cells = []
        for team in self.teams.values():
            for day in self.days:
                wish = team.pattern.get(day.weekday)
                if wish is None:
                    continue
                for e in team.members:
                    employee = self.employees[e]
                    matching = PATTERN_MATCHES[wish]
                    if employee.available[day.index] and matching & employee.locations:
                        cells.append((e, day.index, matching))
        return cells

    def lonely_need(self, k: int) -> int:
        """Teammates needed in the office so that a member is not alone: ``ceil(θ·k)``."""
        value = self.lonely_threshold * k
        return -((-value.numerator) // value.denominator)


def make_assignment(
    employee: EmployeeData, day: Day, location: str, start: int = 0, minutes: int = 0
) -> Assignment:
    """One roster cell as SPEC §3 writes it: ``off``, or a start and hours whose end adds the day's break."""
    if location == "off":
        return Assignment(employee=employee.id, date=day.date, location="off")
    return Assignment(
        employee=employee.id,
        date=day.date,
        location=location,
        site=employee.site if location == "office" else None,
        start=to_clock(start),
        end=to_clock(start + minutes + day.break_minutes),
        hours=minutes / 60,
    )


def working_days(problem: RosterProblem) -> list[dt.date]:
    """The horizon's working days: a workday weekday and not a holiday (SPEC §1)."""
    horizon = problem.horizon
    dates = [horizon.start + dt.timedelta(days=offset) for offset in range(horizon.days)]
    closed = set(horizon.holidays)
    if horizon.holiday_calendar:
        years = {date.year for date in dates}
        closed |= set(holidays_lib.country_holidays(horizon.holiday_calendar, years=years))
    workdays = set(horizon.workdays)
    return [d for d in dates if WEEKDAYS[d.weekday()] in workdays and d not in closed]


def iso_week(date: dt.date) -> str:
    """The ISO week of a date as ``"2026-W50"``."""
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def compile_instance(problem: RosterProblem) -> Instance:
    """Compile a validated problem into day indices and integer minutes."""
    policy = problem.policy
    days = []
    for index, date in enumerate(working_days(problem)):
        weekday = WEEKDAYS[date.weekday()]
        brk = policy.break_minutes_by_weekday.get(weekday, policy.break_minutes)
        days.append(Day(index, date, weekday, iso_week(date), brk))
    by_date = {day.date: day.index for day in days}
    weeks: dict[str, list[int]] = {}
    for day in days:
        weeks.setdefault(day.week, []).append(day.index)
    employees = [
        _employee_data(problem, index, employee, days, by_date)
        for index, employee in enumerate(problem.employees)
    ]
    index_of = {employee.id: employee.index for employee in employees}
    members: dict[str, list[int]] = {team.id: [] for team in problem.teams}
    for employee in employees:
        if employee.team is not None:
            members[employee.team].append(employee.index)
    teams = {team.id: _team_data(team, members[team.id], employees, days, index_of) for team in problem.teams}
    return Instance(
        problem=problem,
        step=policy.step_minutes,
        days=days,
        weeks=weeks,
        workdays_per_week=len(set(problem.horizon.workdays)),
        employees=employees,
        desks={
            site.id: [site.desks_by_date.get(day.date, site.desks) for day in days] for site in problem.sites
        },
        capacity={
            resource.id: [resource.capacity_by_date.get(day.date, resource.capacity) for day in days]
            for resource in problem.resources
        },
        teams=teams,
        previous=[
            (index_of[entry.employee], by_date[entry.date], entry.location)
            for entry in problem.previous
            if entry.date in by_date
        ],
        weights=problem.weights.model_dump(),
        lonely_threshold=Fraction(repr(problem.lonely_threshold)),
    )


def _employee_data(
    problem: RosterProblem,
    index: int,
    employee: Employee,
    days: list[Day],
    by_date: dict[dt.date, int],
) -> EmployeeData:
    rules = employee_rules(problem.policy, employee)
    unavailable = set(employee.unavailable)
    available = [day.date not in unavailable for day in days]
    fixed = {
        by_date[date]: location
        for date, location in employee.fixed.items()
        if date in by_date and available[by_date[date]]
    }
    preferences = []
    for preference in employee.preferences.days:
        for day in days:
            matches = day.date == preference.date or day.weekday == preference.weekday
            if matches and available[day.index]:
                preferences.append((day.index, preference.location, preference.weight))
    start = employee.preferences.start
    return EmployeeData(
        index=index,
        id=employee.id,
        label=employee.label,
        team=employee.team,
        site=employee.site,
        locations=frozenset(employee.locations),
        needs=tuple(dict.fromkeys(employee.needs)),
        rules=rules,
        daily_min=round(rules.daily_min * 60),
        daily_max=round(rules.daily_max * 60),
        earliest=to_minutes(rules.earliest),
        latest=to_minutes(rules.latest),
        available=available,
        fixed=fixed,
        frozen=_frozen_days(problem, employee.id, available, by_date),
        day_preferences=preferences,
        start_preference=(to_minutes(start.time), start.weight) if start else None,
    )


def _frozen_days(
    problem: RosterProblem, employee: str, available: list[bool], by_date: dict[dt.date, int]
) -> dict[int, FrozenDay]:
    """The frozen entries of one employee that bind: on working days, unless on leave."""
    days = {}
    for entry in problem.frozen:
        d = by_date.get(entry.date)
        if entry.employee != employee or d is None or not available[d]:
            continue
        worked = entry.location != "off"
        days[d] = FrozenDay(
            location=entry.location,
            start=to_minutes(entry.start) if worked and entry.start is not None else None,
            minutes=entry.hours * 60 if worked and entry.hours is not None else None,
        )
    return days


def _team_data(
    team: Team,
    members: list[int],
    employees: list[EmployeeData],
    days: list[Day],
    index_of: dict[str, int],
) -> TeamData:
    meetings: dict[int, list[MeetingOnDay]] = {}
    for meeting in team.meetings:
        invited = [index_of[a] for a in meeting.attendees] if meeting.attendees is not None else members
        for day in days:
            if day.date != meeting.date and day.weekday != meeting.weekday:
                continue
            attending = frozenset(
                e for e in invited if employees[e].available[day.index] and employees[e].may_office
            )
            meetings.setdefault(day.index, []).append(
                MeetingOnDay(
                    name=meeting.name or "meeting",
                    start=to_minutes(meeting.start),
                    end=to_minutes(meeting.end),
                    attendees=attending,
                )
            )
    return TeamData(
        id=team.id,
        label=team.name or team.id,
        members=members,
        meetings=meetings,
        anchor_days=team.anchor_days,
        min_in_office=team.min_in_office,
        pattern=dict(team.pattern),
    )
