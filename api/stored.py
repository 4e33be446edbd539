"""The problem a stored job solved: a solve job's request, or a re-plan job's problem with its events."""

from __future__ import annotations

import datetime as dt
import json

from api.stores import Job
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment
from optimizer.replan import DayEvents, replan_problem


def events_of(stored: dict) -> DayEvents:
    """The day's events of a stored re-plan request."""
    return DayEvents(
        unavailable={
            e: [dt.date.fromisoformat(d) for d in days] for e, days in stored["unavailable"].items()
        },
        desks={
            s: {dt.date.fromisoformat(d): n for d, n in days.items()} for s, days in stored["desks"].items()
        },
    )


def solved_problem(job: Job) -> RosterProblem:
    """The problem whose roster the job holds (for a re-plan: published days frozen, events applied)."""
    if job.kind != "replan":
        return RosterProblem.model_validate_json(job.request)
    stored = json.loads(job.request)
    published = [Assignment.model_validate(a) for a in stored["published"]["assignments"]]
    base = RosterProblem.model_validate(stored["problem"])
    return replan_problem(base, published, dt.date.fromisoformat(stored["from"]), events_of(stored)).problem
