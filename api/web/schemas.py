"""Bodies of the page's ``/v1`` routes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class Catalogue(BaseModel):
    """A language's messages by id (the same gettext catalogues as the rest of the product)."""

    lang: str
    languages: list[str] = Field(description="Every supported language.")
    messages: dict[str, str]


class ExampleSummary(BaseModel):
    """An example problem as listed."""

    name: str
    employees: int
    start: str
    days: int


class ExampleList(BaseModel):
    items: list[ExampleSummary]


class ReplanEvents(BaseModel):
    """What a re-plan job was asked: the first re-planned day and the changes of the day."""

    from_: dt.date = Field(alias="from", description="Days before it are kept as published.")
    unavailable: dict[str, list[dt.date]] = Field(default_factory=dict)
    desks: dict[str, dict[dt.date, int]] = Field(default_factory=dict)

    model_config = {"populate_by_name": True, "serialize_by_alias": True}


class JobProblem(BaseModel):
    """The problem of a job, as stored, with the working days of its horizon."""

    problem: dict[str, Any]
    working_days: list[dt.date]
    replan: ReplanEvents | None = Field(default=None, description="A re-plan's date and changes of the day.")
