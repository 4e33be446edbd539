"""Exports of a finished job's roster: CSV for spreadsheets, iCalendar per employee."""

from __future__ import annotations

import datetime as dt
import re

from fastapi import APIRouter, HTTPException, Response

from api.deps import StoreDep, TenantDep
from api.exports import employee_calendar, roster_csv
from api.routes.jobs import owned
from api.routes.responses import NOT_FOUND
from api.schemas import MessageBody
from api.store import Job
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterSolution

router = APIRouter(prefix="/v1/jobs", tags=["exports"])
NO_ROSTER = {409: {"model": MessageBody, "description": "The job has no roster (yet)."}}


def _safe(name: str) -> str:
    """A file name that is safe in a header."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:100] or "employee"


def _roster(job: Job) -> tuple[RosterProblem, RosterSolution]:
    """The problem and final roster of a solve job, or 409 saying why there is none."""
    if job.kind != "solve":
        raise HTTPException(409, detail=f"a {job.kind} job has no roster to export")
    if job.result is None:
        raise HTTPException(409, detail=f"the job is {job.state} and has no final roster")
    solution = RosterSolution.model_validate(job.result)
    if not solution.assignments:
        raise HTTPException(409, detail=f"the job found no roster (status {solution.status})")
    return RosterProblem.model_validate_json(job.request), solution


@router.get(
    "/{job_id}/roster.csv",
    response_class=Response,
    responses={**NOT_FOUND, **NO_ROSTER, 200: {"content": {"text/csv": {}}, "description": "The roster."}},
)
def roster_sheet(job_id: str, tenant: TenantDep, store: StoreDep) -> Response:
    """The roster as CSV: a row per employee and working day."""
    problem, solution = _roster(owned(store, job_id, tenant))
    return Response(
        roster_csv(problem, solution.assignments),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="roster-{job_id}.csv"'},
    )


@router.get(
    "/{job_id}/calendar/{employee}.ics",
    response_class=Response,
    responses={
        **NOT_FOUND,
        **NO_ROSTER,
        200: {"content": {"text/calendar": {}}, "description": "The employee's calendar."},
    },
)
def employee_ics(job_id: str, employee: str, tenant: TenantDep, store: StoreDep) -> Response:
    """One employee's roster as an iCalendar file (RFC 5545), an event per working day."""
    job = owned(store, job_id, tenant)
    problem, solution = _roster(job)
    if all(person.id != employee for person in problem.employees):
        raise HTTPException(404, detail=f"no employee {employee!r} in job {job_id!r}")
    stamp = dt.datetime.fromtimestamp(job.finished_at or job.created_at, tz=dt.UTC)
    return Response(
        employee_calendar(problem, solution.assignments, employee, job_id, stamp),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{_safe(employee)}.ics"'},
    )
