"""Request and response bodies of the API that are not domain models (those come from optimizer)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from optimizer.capacity import CapacityReport, CapacityRequest
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import Assignment, RosterInput, RosterSolution

JobKind = Literal["solve", "capacity", "replan"]
JobStateName = Literal["queued", "running", "done", "failed", "cancelled"]


class ErrorItem(BaseModel):
    """One input error, in FastAPI's shape."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorBody(BaseModel):
    """422: every input error found, at once."""

    detail: list[ErrorItem]

    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "detail": [
                    {
                        "loc": ["body", "employees", 1, "team"],
                        "msg": "unknown team 'fni'",
                        "type": "unknown_reference",
                    }
                ]
            }
        }
    )


class MessageBody(BaseModel):
    """Any other error (401, 404, 409, 413, 503): one plain message."""

    detail: str


class CheckRequest(BaseModel):
    """A problem and a roster made or edited by hand (a whole solution may be pasted as the roster)."""

    model_config = ConfigDict(extra="forbid")

    problem: RosterProblem
    roster: RosterInput


class CapacityJobRequest(BaseModel):
    """A problem and the options of its desk-capacity sizing."""

    model_config = ConfigDict(extra="forbid")

    problem: RosterProblem
    options: CapacityRequest = Field(default_factory=CapacityRequest)


class JobOptions(BaseModel):
    """The search options of a job."""

    time_limit: float
    seed: int = 0


class JobAccepted(BaseModel):
    """202: the job is stored and queued; poll ``url`` (also in the Location header)."""

    id: str
    kind: JobKind
    state: JobStateName
    created_at: dt.datetime
    url: str


class ProgressPoint(BaseModel):
    """The search at one moment: seconds since the run started, best objective and proven bound
    (a capacity job also says which stage, site and desk count it is at)."""

    elapsed: float
    objective: int | None = None
    bound: int | None = None
    stage: str | None = None
    site: str | None = None
    desks: int | None = None
    message: str | None = None


class BestSoFar(BaseModel):
    """The best roster of a running solve."""

    objective: int | None = None
    bound: int | None = None
    assignments: list[Assignment] = Field(default_factory=list)


class JobSummary(BaseModel):
    """A job in a list: its state and, once finished, its status and objective."""

    id: str
    kind: JobKind
    state: JobStateName
    created_at: dt.datetime
    finished_at: dt.datetime | None = None
    status: str | None = Field(default=None, description="The solution status once there is one.")
    objective: int | None = None


class JobPublic(JobSummary):
    """A job in full: options, progress over time, the best roster so far and the final result."""

    started_at: dt.datetime | None = None
    attempts: int = Field(description="Runs started (a run whose worker process died is retried).")
    cancel_requested: bool = False
    options: dict[str, Any] = Field(default_factory=dict)
    progress: list[ProgressPoint] = Field(default_factory=list)
    best: BestSoFar | None = Field(default=None, description="The best roster so far, while running.")
    solution: RosterSolution | None = Field(default=None, description="The final roster of a solve job.")
    capacity: CapacityReport | None = Field(default=None, description="The report of a capacity job.")
    error: str | None = None


class JobPage(BaseModel):
    """One page of the caller's jobs, newest first."""

    items: list[JobSummary]
    total: int
    limit: int
    offset: int


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    status: Literal["ready", "not ready"]
    store: bool
    workers: int = Field(description="Worker processes alive and ready to take jobs.")
    workers_expected: int
    queued: int | None = None
