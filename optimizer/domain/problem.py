"""The problem a user submits (SPEC §2), as pydantic models.

These models check shapes and ranges field by field. Rules that need the whole
problem (references, the step grid, fixed dates inside the horizon) live in
:mod:`optimizer.domain.validation`. Nothing here imports a solver.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from optimizer.domain.clock import Clock
from optimizer.domain.zones import is_time_zone

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WorkLocation = Literal["office", "home", "other"]
Location = Literal["office", "home", "other", "off"]
Id = Annotated[str, Field(min_length=1, max_length=200)]
# Counts and weights are bounded so that every objective fits the solver's 64-bit integers.
LIMIT = 100_000
# Numbers are strict: "9" or true is not an integer (JSON integers only; a float field also takes one).
NonNegativeInt = Annotated[int, Field(ge=0, le=LIMIT, strict=True)]
Hours = Annotated[float, Field(ge=0, le=24 * 7, strict=True)]
# Employee ids name calendar URLs (/v1/jobs/{id}/calendar/{employee}.ics): URL-safe characters only.
EMPLOYEE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]*")

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOCATIONS: tuple[str, ...] = ("office", "home", "other", "off")


class Strict(BaseModel):
    """Base for every input object: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class Horizon(Strict):
    start: dt.date
    days: int = Field(ge=1, le=42, strict=True)

    @field_validator("start")
    @classmethod
    def _not_at_the_end_of_time(cls, start: dt.date) -> dt.date:
        if start > dt.date.max - dt.timedelta(days=42):
            raise ValueError(f"start {start} is too far in the future")
        return start

    workdays: list[Weekday] = Field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"], min_length=1)
    holidays: list[dt.date] = Field(default_factory=list)
    holiday_calendar: str | None = None
    timezone: str | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, zone: str | None) -> str | None:
        if zone is not None and not is_time_zone(zone):
            raise ValueError(f"{zone!r} is not a time zone of the tz database (e.g. 'Asia/Jakarta')")
        return zone


class HoursRange(Strict):
    """A min/max pair of hours; each side may be left out to inherit it."""

    min: Hours | None = None
    max: Hours | None = None

    @model_validator(mode="after")
    def _ordered(self) -> HoursRange:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        return self


class StartWindow(Strict):
    earliest: Clock | None = None
    latest: Clock | None = None

    @model_validator(mode="after")
    def _ordered(self) -> StartWindow:
        if self.earliest is not None and self.latest is not None and self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")
        return self


class DayCount(Strict):
    min: int | None = Field(default=None, ge=0, le=7, strict=True)
    max: int | None = Field(default=None, ge=0, le=7, strict=True)

    @model_validator(mode="after")
    def _ordered(self) -> DayCount:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        return self


class RemoteDays(Strict):
    max: int | None = Field(default=None, ge=0, le=7, strict=True)


def _end_after_start(end: str, info: ValidationInfo) -> str:
    """An ``end`` field must come after the ``start`` field validated before it."""
    start = info.data.get("start")
    if start is not None and end <= start:
        raise ValueError(f"end {end} is not after start {start}")
    return end


class TimeSpan(Strict):
    start: Clock
    end: Clock

    _ordered = field_validator("end")(_end_after_start)


class Policy(Strict):
    step_minutes: Literal[5, 10, 15, 20, 30, 60] = 30
    weekly_hours: HoursRange = Field(default_factory=HoursRange)
    daily_hours: HoursRange = Field(default_factory=HoursRange)
    start: StartWindow = Field(default_factory=StartWindow)
    break_minutes: int = Field(default=60, ge=0, le=24 * 60, strict=True)
    break_minutes_by_weekday: dict[Weekday, Annotated[int, Field(ge=0, le=24 * 60, strict=True)]] = Field(
        default_factory=dict
    )
    core_hours: TimeSpan | None = None
    office_days: DayCount = Field(default_factory=DayCount)
    remote_days: RemoteDays = Field(default_factory=RemoteDays)
    allow_off_days: bool = Field(default=False, strict=True)


class Site(Strict):
    id: Id
    name: str | None = None
    desks: NonNegativeInt
    desks_by_date: dict[dt.date, NonNegativeInt] = Field(default_factory=dict)
    open: Clock = "00:00"
    close: Clock = "24:00"

    @model_validator(mode="after")
    def _ordered(self) -> Site:
        if self.close < self.open:
            raise ValueError(f"close {self.close} is before open {self.open}")
        return self


class Resource(Strict):
    id: Id
    name: str | None = None
    capacity: NonNegativeInt
    capacity_by_date: dict[dt.date, NonNegativeInt] = Field(default_factory=dict)


class Meeting(Strict):
    weekday: Weekday | None = None
    date: dt.date | None = None
    start: Clock
    end: Clock
    name: str | None = None
    attendees: list[Id] | None = None

    _ordered = field_validator("end")(_end_after_start)

    @model_validator(mode="after")
    def _one_day(self) -> Meeting:
        if (self.weekday is None) == (self.date is None):
            raise ValueError("give exactly one of weekday or date")
        return self


class Team(Strict):
    id: Id
    name: str | None = None
    meetings: list[Meeting] = Field(default_factory=list)
    anchor_days: int = Field(default=0, ge=0, le=7, strict=True)
    min_in_office: NonNegativeInt = 0


class DayPreference(Strict):
    weekday: Weekday | None = None
    date: dt.date | None = None
    location: Location
    weight: NonNegativeInt = 1

    @model_validator(mode="after")
    def _one_day(self) -> DayPreference:
        if (self.weekday is None) == (self.date is None):
            raise ValueError("give exactly one of weekday or date")
        return self


class StartPreference(Strict):
    time: Clock
    weight: NonNegativeInt = 1


class Preferences(Strict):
    days: list[DayPreference] = Field(default_factory=list)
    start: StartPreference | None = None


class Employee(Strict):
    id: Id
    name: str | None = None
    team: str | None = None
    site: str | None = None
    locations: list[WorkLocation] = Field(default_factory=lambda: ["office", "home", "other"], min_length=1)
    unavailable: list[dt.date] = Field(default_factory=list)
    fixed: dict[dt.date, WorkLocation] = Field(default_factory=dict)
    needs: list[str] = Field(default_factory=list)
    preferences: Preferences = Field(default_factory=Preferences)
    weekly_hours: HoursRange | None = None
    daily_hours: HoursRange | None = None
    start: StartWindow | None = None
    office_days: DayCount | None = None
    remote_days: RemoteDays | None = None

    @field_validator("locations")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @property
    def label(self) -> str:
        """The employee as a team lead reads them: name and id."""
        return f"{self.name} ({self.id})" if self.name else self.id


class PreviousAssignment(Strict):
    employee: str
    date: dt.date
    location: Location


class Weights(Strict):
    preference: NonNegativeInt = 10
    start_time: NonNegativeInt = 1
    lonely_office_day: NonNegativeInt = 5
    fairness: NonNegativeInt = 0
    peak_occupancy: NonNegativeInt = 0
    change: NonNegativeInt = 0


class RosterProblem(Strict):
    """A whole problem: horizon, policy, sites, resources, teams, employees, weights."""

    horizon: Horizon
    policy: Policy = Field(default_factory=Policy)
    sites: list[Site] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    teams: list[Team] = Field(default_factory=list)
    employees: list[Employee] = Field(default_factory=list)
    previous: list[PreviousAssignment] = Field(default_factory=list)
    weights: Weights = Field(default_factory=Weights)
    lonely_threshold: float = Field(default=0.5, ge=0, le=1, strict=True)
