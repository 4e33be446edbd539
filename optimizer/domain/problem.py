"""The problem a user submits (SPEC §2), as pydantic models.

These models check shapes and ranges field by field. Rules that need the whole
problem (references, the step grid, fixed dates inside the horizon) live in
:mod:`optimizer.domain.validation`. Nothing here imports a solver.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from optimizer.domain.clock import Clock
from optimizer.domain.zones import is_time_zone

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WorkLocation = Literal["office", "home", "other"]
Location = Literal["office", "home", "other", "off"]
# A team pattern's wish for a weekday: ``remote`` is home or other (SPEC v1.1).
PatternLocation = Literal["office", "remote", "home", "other"]
Id = Annotated[str, Field(min_length=1, max_length=200)]
# Counts and weights are bounded so that every objective fits the solver's 64-bit integers.
LIMIT = 100_000
# Numbers are strict: "9" or true is not an integer (JSON integers only; a float field also takes one).
NonNegativeInt = Annotated[int, Field(ge=0, le=LIMIT, strict=True)]
Hours = Annotated[float, Field(ge=0, le=24 * 7, strict=True)]

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOCATIONS: tuple[str, ...] = ("office", "home", "other", "off")


class Strict(BaseModel):
    """Base for every input object: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Horizon(Strict):
    """The days to roster and which of them are working days."""

    start: dt.date
    """First calendar day of the roster, YYYY-MM-DD (usually a Monday)."""
    days: int = Field(ge=1, le=42, strict=True)
    """Number of calendar days from start, 1 to 42 (5 = one working week)."""

    @field_validator("start")
    @classmethod
    def _not_at_the_end_of_time(cls, start: dt.date) -> dt.date:
        if start > dt.date.max - dt.timedelta(days=42):
            raise ValueError(f"start {start} is too far in the future")
        return start

    workdays: list[Weekday] = Field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"], min_length=1)
    """Weekdays that are working days (mon ... sun); default mon-fri."""
    holidays: list[dt.date] = Field(default_factory=list)
    """Dates that are not working days (e.g. collective leave); dates outside the horizon have no effect."""
    holiday_calendar: str | None = None
    """ISO country code (e.g. 'ID') whose public holidays are not working days; null for none."""
    timezone: str | None = None
    """The organisation's time zone, a tz database name such as 'Asia/Jakarta'; calendar exports attach it to
    every time. Null: times float (local time wherever the calendar is opened).
    """

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, zone: str | None) -> str | None:
        if zone is not None and not is_time_zone(zone):
            raise ValueError(f"{zone!r} is not a time zone of the tz database (e.g. 'Asia/Jakarta')")
        return zone


class HoursRange(Strict):
    """A min/max pair of hours; each side may be left out to inherit it."""

    min: Hours | None = None
    """Fewest hours; left out, it comes from the policy, then from the default."""
    max: Hours | None = None
    """Most hours; left out, it comes from the policy, then from the default."""

    @model_validator(mode="after")
    def _ordered(self) -> HoursRange:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        return self


class StartWindow(Strict):
    """When a working day may start."""

    earliest: Clock | None = None
    """Earliest start of a working day, HH:MM, on the step grid (default 07:00)."""
    latest: Clock | None = None
    """Latest start of a working day, HH:MM, on the step grid (default 10:00)."""

    @model_validator(mode="after")
    def _ordered(self) -> StartWindow:
        if self.earliest is not None and self.latest is not None and self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")
        return self


class DayCount(Strict):
    """A min/max number of days per ISO week."""

    min: int | None = Field(default=None, ge=0, le=7, strict=True)
    """Fewest days a week (0-7); a week with fewer available days asks only for those."""
    max: int | None = Field(default=None, ge=0, le=7, strict=True)
    """Most days a week (0-7)."""

    @model_validator(mode="after")
    def _ordered(self) -> DayCount:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        return self


class RemoteDays(Strict):
    """The most days per ISO week away from the office."""

    max: int | None = Field(default=None, ge=0, le=7, strict=True)
    """Most days a week at home or another location (0-7; default 7)."""


def _end_after_start(end: str, info: ValidationInfo) -> str:
    """An ``end`` field must come after the ``start`` field validated before it."""
    start = info.data.get("start")
    if start is not None and end <= start:
        raise ValueError(f"end {end} is not after start {start}")
    return end


class TimeSpan(Strict):
    """A span of clock time within one day."""

    start: Clock
    """Start, HH:MM (any minute)."""
    end: Clock
    """End, HH:MM, after the start; 24:00 is midnight."""

    _ordered = field_validator("end")(_end_after_start)


class Policy(Strict):
    """The rules that apply to everyone unless an employee overrides them."""

    step_minutes: Literal[5, 10, 15, 20, 30, 60] = 30
    """The time grid in minutes (5, 10, 15, 20, 30 or 60): every start time and every day's length is a
    multiple of it.
    """
    weekly_hours: HoursRange = Field(default_factory=HoursRange)
    """Effective hours per ISO week, breaks excluded (default 40-40), prorated for weeks with leave or
    holidays.
    """
    daily_hours: HoursRange = Field(default_factory=HoursRange)
    """Effective hours of a worked day, breaks excluded (default 8-8)."""
    start: StartWindow = Field(default_factory=StartWindow)
    """When a working day may start (default 07:00-10:00)."""
    break_minutes: int = Field(default=60, ge=0, le=24 * 60, strict=True)
    """Unpaid break of every worked day in minutes (default 60); end = start + hours + break."""
    break_minutes_by_weekday: dict[Weekday, Annotated[int, Field(ge=0, le=24 * 60, strict=True)]] = Field(
        default_factory=dict
    )
    """Breaks that differ by weekday, e.g. {"fri": 90}."""
    core_hours: TimeSpan | None = None
    """Hours everyone who works that day must cover (start no later, end no earlier); null for none."""
    office_days: DayCount = Field(default_factory=DayCount)
    """Office days per ISO week (default 0-7)."""
    remote_days: RemoteDays = Field(default_factory=RemoteDays)
    """Days at home or another location per ISO week (default at most 7)."""
    allow_off_days: bool = Field(default=False, strict=True)
    """Whether an available working day may be a day off (default false: everyone works every available day).
    """


class Site(Strict):
    """An office site and its desks."""

    id: Id
    """Unique id of the site, used by employees' site."""
    name: str | None = None
    """Name shown in rosters and calendars."""
    desks: NonNegativeInt
    """Desks available on every working day."""
    desks_by_date: dict[dt.date, NonNegativeInt] = Field(default_factory=dict)
    """Desks on particular dates, replacing desks for those dates."""
    open: Clock = "00:00"
    """Opening time, HH:MM (default 00:00); office days start no earlier."""
    close: Clock = "24:00"
    """Closing time, HH:MM (default 24:00); office days end no later."""

    @model_validator(mode="after")
    def _ordered(self) -> Site:
        if self.close < self.open:
            raise ValueError(f"close {self.close} is before open {self.open}")
        return self


class Resource(Strict):
    """Something shared that staff away from the office need (VPN seats, laptops)."""

    id: Id
    """Unique id, used by employees' needs (e.g. 'vpn', 'laptop')."""
    name: str | None = None
    """Name shown in reports."""
    capacity: NonNegativeInt
    """How many employees working at home or another location may use it on one day."""
    capacity_by_date: dict[dt.date, NonNegativeInt] = Field(default_factory=dict)
    """Capacity on particular dates, replacing capacity for those dates."""


class Meeting(Strict):
    """A team meeting in the office, weekly (weekday) or once (date)."""

    weekday: Weekday | None = None
    """The weekday of a weekly meeting (give this or date)."""
    date: dt.date | None = None
    """The date of a one-off meeting (give this or weekday)."""
    start: Clock
    """Start, HH:MM; attendees start their day no later."""
    end: Clock
    """End, HH:MM; attendees end their day no earlier."""
    name: str | None = None
    """Name shown in rosters and calendars."""
    attendees: list[Id] | None = None
    """Member ids who attend; null: every member. Members who may not work in the office are excused."""

    _ordered = field_validator("end")(_end_after_start)

    @model_validator(mode="after")
    def _one_day(self) -> Meeting:
        if (self.weekday is None) == (self.date is None):
            raise ValueError("give exactly one of weekday or date")
        return self


class Team(Strict):
    """A team, its meetings and its office-day rules."""

    id: Id
    """Unique id of the team, used by employees' team."""
    name: str | None = None
    """Name shown in rosters and calendars."""
    meetings: list[Meeting] = Field(default_factory=list)
    """Meetings in the office that every attending member must be at."""
    anchor_days: int = Field(default=0, ge=0, le=7, strict=True)
    """Days per ISO week on which the whole team is in the office, chosen by the optimizer (default 0)."""
    min_in_office: NonNegativeInt = 0
    """Members who must be in the office on every working day (default 0), fewer if fewer can."""
    pattern: dict[Weekday, PatternLocation] = Field(default_factory=dict)
    """The team's weekly hybrid scheme: weekday → office, remote (home or other), home or other; a weekday
    left out carries no wish. Days that do not match count in the soft term pattern.
    """


class DayPreference(Strict):
    """A wish to be at a location on a weekday or date."""

    weekday: Weekday | None = None
    """The weekday the wish is for (give this or date)."""
    date: dt.date | None = None
    """The date the wish is for (give this or weekday)."""
    location: Location
    """Where the employee would like to be: office, home, other or off."""
    weight: NonNegativeInt = 1
    """How much the wish counts, a whole number (default 1)."""

    @model_validator(mode="after")
    def _one_day(self) -> DayPreference:
        if (self.weekday is None) == (self.date is None):
            raise ValueError("give exactly one of weekday or date")
        return self


class StartPreference(Strict):
    """A wish to start at a time."""

    time: Clock
    """Preferred start, HH:MM, on the step grid."""
    weight: NonNegativeInt = 1
    """Cost of each step of distance from it (default 1)."""


class Preferences(Strict):
    """An employee's wishes."""

    days: list[DayPreference] = Field(default_factory=list)
    """Wishes for where to work on a weekday or date."""
    start: StartPreference | None = None
    """A preferred start time; null for none."""


class Employee(Strict):
    """One member of staff: where they may work, their leave, wishes and own rules."""

    id: Id
    """Unique id of the employee (any text up to 200 characters)."""
    name: str | None = None
    """Name shown in rosters and calendars."""
    team: str | None = None
    """Id of the employee's team; null: no team rules apply."""
    site: str | None = None
    """Id of the office site; required when the employee may work in the office."""
    locations: list[WorkLocation] = Field(default_factory=lambda: ["office", "home", "other"], min_length=1)
    """Where the employee may work: office, home, other (default all three); ['office'] for office-only
    staff.
    """
    unavailable: list[dt.date] = Field(default_factory=list)
    """Leave: dates the employee does not work (their roster says off)."""
    fixed: dict[dt.date, WorkLocation] = Field(default_factory=dict)
    """Dates pinned to a location, e.g. {"2026-12-08": "office"}; dates must lie in the horizon."""
    needs: list[str] = Field(default_factory=list)
    """Resource ids the employee needs when not in the office."""
    preferences: Preferences = Field(default_factory=Preferences)
    """The employee's wishes; unmet wishes cost their weight."""
    weekly_hours: HoursRange | None = None
    """Overrides policy.weekly_hours for this employee, field by field."""
    daily_hours: HoursRange | None = None
    """Overrides policy.daily_hours for this employee, field by field."""
    start: StartWindow | None = None
    """Overrides policy.start for this employee, field by field."""
    office_days: DayCount | None = None
    """Overrides policy.office_days for this employee, field by field."""
    remote_days: RemoteDays | None = None
    """Overrides policy.remote_days for this employee, field by field."""

    @field_validator("locations")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @property
    def label(self) -> str:
        """The employee as a team lead reads them: name and id."""
        return f"{self.name} ({self.id})" if self.name else self.id


class PreviousAssignment(Strict):
    """A day of an earlier roster, to stay close to; the other fields of an assignment (site, start, end,
    hours) are accepted and ignored, so a published roster's assignments can be passed as they are.
    """

    employee: str
    """Employee id."""
    date: dt.date
    """Date of the earlier roster's day."""
    location: Location
    """Where the employee was rostered: office, home, other or off."""
    site: str | None = None
    """Ignored (accepted so that a published assignment can be passed as it is)."""
    start: str | None = None
    """Ignored."""
    end: str | None = None
    """Ignored."""
    hours: float | None = None
    """Ignored."""


class FrozenAssignment(Strict):
    """A published assignment the roster must keep exactly (location; start and hours when worked)."""

    employee: Id
    """Employee id."""
    date: dt.date
    """The day to keep; dates that are not working days have no effect."""
    location: Location
    """office, home, other or off."""
    site: str | None = None
    """For an office day: the employee's own site (may be left out)."""
    start: Clock | None = None
    """Start time HH:MM; required on a worked day."""
    end: str | None = None
    """Ignored: it follows from start, hours and that day's break."""
    hours: Annotated[float, Field(ge=0, le=24)] | None = None
    """Effective hours; required on a worked day."""


class Weights(Strict):
    """How much each soft term counts in the objective (whole numbers, 0 switches a term off)."""

    preference: NonNegativeInt = 10
    """Weight of each unmet day wish, times its own weight (default 10)."""
    start_time: NonNegativeInt = 1
    """Weight of the distance from preferred start times (default 1)."""
    lonely_office_day: NonNegativeInt = 5
    """Weight of each office day with too few teammates there (default 5)."""
    fairness: NonNegativeInt = 0
    """Weight of the worst-off employee's unmet wishes (default 0)."""
    peak_occupancy: NonNegativeInt = 0
    """Weight of the busiest day's office count per site (default 0)."""
    change: NonNegativeInt = 0
    """Weight of each day that differs from previous (default 0)."""
    pattern: NonNegativeInt = 10
    """Weight of each member's day that does not match the team pattern (default 10)."""


class RosterProblem(Strict):
    """A whole problem: horizon, policy, sites, resources, teams, employees, weights."""

    horizon: Horizon
    """The days to roster."""
    policy: Policy = Field(default_factory=Policy)
    """Rules for everyone; employees may override parts of them."""
    sites: list[Site] = Field(default_factory=list)
    """Office sites with their desks."""
    resources: list[Resource] = Field(default_factory=list)
    """Shared things needed away from the office (VPN seats, laptops)."""
    teams: list[Team] = Field(default_factory=list)
    """Teams with their meetings and office days."""
    employees: list[Employee] = Field(default_factory=list)
    """The staff to roster."""
    previous: list[PreviousAssignment] = Field(default_factory=list)
    """An earlier roster; with weights.change, days that differ cost."""
    frozen: list[FrozenAssignment] = Field(default_factory=list)
    """Published days to keep exactly (location, and start and hours when worked); see re-plan."""
    weights: Weights = Field(default_factory=Weights)
    """How much each kind of unmet wish counts."""
    lonely_threshold: float = Field(default=0.5, ge=0, le=1, strict=True)
    """Share of available teammates (0-1, default 0.5) below which an office day counts as lonely."""
