"""What a re-plan reports (SPEC v1.1 §4): each cell that moved against the published roster."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from optimizer.domain.problem import Location


class Cell(BaseModel):
    """One side of a change: where, and on a worked day when and how long."""

    location: Location = Field(description="office, home, other or off.")
    start: str | None = Field(default=None, description="Start time HH:MM on a worked day.")
    hours: float | None = Field(default=None, description="Effective hours on a worked day.")


class Change(BaseModel):
    """An (employee, date) whose location, start or hours differ from the published roster."""

    employee: str = Field(description="Employee id.")
    date: dt.date = Field(description="The working day that changed.")
    from_: Cell = Field(alias="from", description="The published assignment.")
    to: Cell = Field(description="The new assignment.")

    model_config = {"populate_by_name": True, "serialize_by_alias": True}


class TeamDaysChange(BaseModel):
    """A team's anchor days of one ISO week that moved."""

    team: str = Field(description="Team id.")
    week: str = Field(description="ISO week, e.g. 2026-W50.")
    from_: list[dt.date] = Field(alias="from", description="The published anchor days.")
    to: list[dt.date] = Field(description="The new anchor days.")

    model_config = {"populate_by_name": True, "serialize_by_alias": True}
