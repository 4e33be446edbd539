"""Re-planning a finished job's roster (`POST /v1/jobs/{id}/replan`) and "why this cell?" (`POST /v1/why`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Response
from pydantic import BaseModel, ConfigDict, Field, SkipValidation, ValidationError

from api.cpu import run_cpu
from api.deps import SettingsDep, StoreDep, TenantDep
from api.errors import input_errors
from api.json_route import JsonBodyRoute
from api.language import LanguageDep, answer_in
from api.routes.jobs import accepted, owned
from api.routes.responses import INPUT_ERRORS, NOT_FOUND, QUEUE_FULL
from api.schemas import JobAccepted, MessageBody
from api.submission import TimeLimitQuery, problem_or_errors, solve_options, submit
from optimizer.domain.problem import Location, RosterProblem
from optimizer.domain.solution import Assignment, RosterSolution
from optimizer.domain.validation import ProblemError, from_pydantic
from optimizer.domain.why import WhyAnswer
from optimizer.model.solve import SolveOptions
from optimizer.model.why import why
from optimizer.replan.request import DayEvents, request_errors

router = APIRouter(prefix="/v1", tags=["re-plan"], route_class=JsonBodyRoute)
NO_ROSTER = {409: {"model": MessageBody, "description": "The job has no final roster to re-plan."}}


class ReplanRequest(BaseModel):
    """A re-plan of a finished job's roster from a date on, with the changes of the day."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: dt.date = Field(alias="from", description="First working day to re-plan; earlier days are kept.")
    unavailable: dict[str, list[dt.date]] = Field(
        default_factory=dict, description="New leave per employee id: dates from then on."
    )
    desks: dict[str, dict[dt.date, Annotated[int, Field(ge=0, le=100_000)]]] = Field(
        default_factory=dict, description="Desk counts per site id and date."
    )
    problem: dict[str, Any] | None = Field(
        default=None, description="A changed problem replacing the job's own (validated like POST /v1/jobs)."
    )


class WhyRequest(BaseModel):
    """A roster cell to question: what would it take to give it another location?"""

    model_config = ConfigDict(extra="forbid")

    problem: dict[str, Any] = Field(description="The problem (SPEC v1.1).")
    roster: list[Assignment] = Field(description="The roster's assignments.")
    employee: str = Field(description="Employee id of the cell.")
    date: dt.date = Field(description="Date of the cell.")
    location: Location | None = Field(default=None, description="Ask about one location only.")


def _errors_of(exc: ValidationError, root: type) -> list[ProblemError]:
    return [from_pydantic(e, root) for e in exc.errors(include_url=False)]


def _under_problem(errors: list[ProblemError]) -> list[ProblemError]:
    return [dataclasses.replace(e, loc=("problem", *e.loc)) for e in errors]


@router.post(
    "/jobs/{job_id}/replan",
    status_code=202,
    response_model=JobAccepted,
    responses={**INPUT_ERRORS, **NOT_FOUND, **NO_ROSTER, **QUEUE_FULL},
)
def replan_job(
    job_id: str,
    body: Annotated[SkipValidation[ReplanRequest], Body()],
    tenant: TenantDep,
    settings: SettingsDep,
    store: StoreDep,
    response: Response,
    time_limit: TimeLimitQuery = None,
) -> JobAccepted:
    """Queue a re-plan of a finished job's roster: fewest changes first, then the best objective."""
    parent = owned(store, job_id, tenant)
    if parent.kind not in ("solve", "replan") or parent.result is None:
        raise HTTPException(409, detail=f"the job is a {parent.kind} job in state {parent.state}: no roster")
    published = RosterSolution.model_validate(parent.result)
    if not published.assignments:
        raise HTTPException(409, detail=f"the job found no roster (status {published.status})")
    try:
        request = ReplanRequest.model_validate(body)
    except ValidationError as exc:
        raise input_errors(_errors_of(exc, ReplanRequest), ("body",)) from None
    base = request.problem if request.problem is not None else _stored_problem(parent.kind, parent.request)
    problem, errors = problem_or_errors(base, settings)
    errors = _under_problem(errors)
    if problem is not None:
        events = DayEvents(unavailable=request.unavailable, desks=request.desks)
        errors += request_errors(problem, published.assignments, request.from_, events)
    if errors or problem is None:
        raise input_errors(errors, ("body",))
    options = {**solve_options(settings, time_limit, 0, sync=False), "parent": parent.id}
    stored = {
        "problem": problem.model_dump(mode="json", exclude_none=True),
        "published": published.model_dump(mode="json", include={"assignments", "team_days"}),
        "from": request.from_.isoformat(),
        "unavailable": {k: [d.isoformat() for d in v] for k, v in request.unavailable.items()},
        "desks": {s: {d.isoformat(): n for d, n in days.items()} for s, days in request.desks.items()},
    }
    job = submit(store, settings, tenant, "replan", json.dumps(stored), options)
    return accepted(job, response)


def _stored_problem(kind: str, request: str) -> Any:
    """The problem a solve or re-plan job was given."""
    data = json.loads(request)
    return data["problem"] if kind == "replan" else data


@router.post("/why", response_model=WhyAnswer, responses=INPUT_ERRORS)
async def why_cell(
    body: Annotated[SkipValidation[WhyRequest], Body()],
    settings: SettingsDep,
    lang: LanguageDep,
    time_limit: TimeLimitQuery = None,
) -> WhyAnswer:
    """What it would take to give one roster cell another location: the rules against it, or its cost."""
    try:
        request = WhyRequest.model_validate(body)
    except ValidationError as exc:
        raise input_errors(_errors_of(exc, WhyRequest), ("body",)) from None
    problem, errors = problem_or_errors(request.problem, settings)
    if problem is None:
        raise input_errors(_under_problem(errors), ("body",))
    limit = solve_options(settings, time_limit, 0, sync=True)["time_limit"]
    options = SolveOptions(time_limit=limit, workers=settings.solver_workers, explain_time_limit=limit)
    answer = await run_cpu(_answer, problem, request, options)
    return answer_in(answer, problem, lang)


def _answer(problem: RosterProblem, request: WhyRequest, options: SolveOptions) -> WhyAnswer:
    from optimizer.domain.validation import InvalidProblem

    try:
        return why(problem, request.roster, request.employee, request.date, request.location, options)
    except InvalidProblem as exc:
        raise input_errors(exc.errors, ("body",)) from None
