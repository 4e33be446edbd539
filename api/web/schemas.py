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


class JobProblem(BaseModel):
    """The problem of a job, as stored, with the working days of its horizon."""

    problem: dict[str, Any]
    working_days: list[dt.date]
    replan_from: dt.date | None = Field(
        default=None, description="For a re-plan: its first day; earlier days are kept as published."
    )
