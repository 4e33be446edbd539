"""Exports of a finished job's roster: CSV and XLSX sheets, iCalendar per employee and per team."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Response

from api.deps import StoreDep, TenantDep
from api.exports import Version, employee_calendar, roster_csv, roster_xlsx, team_calendar
from api.routes.jobs import owned
from api.routes.responses import NOT_FOUND
from api.schemas import MessageBody
from api.stored import solved_problem
from api.stores import Job
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterSolution

router = APIRouter(prefix="/v1/jobs", tags=["exports"])
NO_ROSTER = {409: {"model": MessageBody, "description": "The job has no roster (yet)."}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS = "text/calendar; charset=utf-8"


def safe_filename(name: str) -> str:
    """A file name that is safe in a header."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:100] or "roster"


def attachment(content: bytes | str, media_type: str, filename: str) -> Response:
    """A download with a header-safe file name."""
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{safe_filename(filename)}"'},
    )


def job_roster(job: Job) -> tuple[RosterProblem, RosterSolution]:
    """The problem and final roster of a solve or re-plan job, or 409 saying why there is none."""
    if job.kind not in ("solve", "replan"):
        raise HTTPException(409, detail=f"a {job.kind} job has no roster to export")
    if job.result is None:
        raise HTTPException(409, detail=f"the job is {job.state} and has no final roster")
    solution = RosterSolution.model_validate(job.result)
    if not solution.assignments:
        raise HTTPException(409, detail=f"the job found no roster (status {solution.status})")
    return solved_problem(job), solution


def job_version(job: Job) -> Version:
    """The calendar version of a job: its publication time, else its creation time."""
    return Version.from_timestamp(job.published_at or job.created_at)


def employee_ics(job: Job, problem: RosterProblem, solution: RosterSolution, employee: str) -> Response:
    """One employee's calendar of a job, or 404 when the job has no such employee."""
    if all(person.id != employee for person in problem.employees):
        raise HTTPException(404, detail=f"no employee {employee!r} in job {job.id!r}")
    body = employee_calendar(problem, solution.assignments, employee, job_version(job))
    return attachment(body, ICS, f"{employee}.ics")


SHEET = {**NOT_FOUND, **NO_ROSTER}
CALENDAR = {
    **NOT_FOUND,
    **NO_ROSTER,
    200: {"content": {"text/calendar": {}}, "description": "The calendar (RFC 5545)."},
}


@router.get(
    "/{job_id}/roster.csv",
    response_class=Response,
    responses={**SHEET, 200: {"content": {"text/csv": {}}, "description": "The roster."}},
)
def roster_sheet(job_id: str, tenant: TenantDep, store: StoreDep) -> Response:
    """The roster as CSV: a row per employee and working day (cells never start a formula)."""
    problem, solution = job_roster(owned(store, job_id, tenant))
    return attachment(
        roster_csv(problem, solution.assignments), "text/csv; charset=utf-8", f"roster-{job_id}.csv"
    )


@router.get(
    "/{job_id}/roster.xlsx",
    response_class=Response,
    responses={**SHEET, 200: {"content": {XLSX: {}}, "description": "The roster as a workbook."}},
)
def roster_workbook(job_id: str, tenant: TenantDep, store: StoreDep) -> Response:
    """The roster as an XLSX workbook, the same columns as the CSV."""
    problem, solution = job_roster(owned(store, job_id, tenant))
    return attachment(roster_xlsx(problem, solution.assignments), XLSX, f"roster-{job_id}.xlsx")


@router.get("/{job_id}/calendar/{employee:path}.ics", response_class=Response, responses=CALENDAR)
def employee_calendar_file(job_id: str, employee: str, tenant: TenantDep, store: StoreDep) -> Response:
    """One employee's roster as iCalendar: an event per working day and their team meetings
    (percent-encode an id that holds `/` or other reserved characters)."""
    job = owned(store, job_id, tenant)
    problem, solution = job_roster(job)
    return employee_ics(job, problem, solution, employee)


@router.get("/{job_id}/teams/{team:path}.ics", response_class=Response, responses=CALENDAR)
def team_calendar_file(job_id: str, team: str, tenant: TenantDep, store: StoreDep) -> Response:
    """A team's roster as iCalendar: who is where each working day, and the team's meetings."""
    job = owned(store, job_id, tenant)
    problem, solution = job_roster(job)
    if all(candidate.id != team for candidate in problem.teams):
        raise HTTPException(404, detail=f"no team {team!r} in job {job_id!r}")
    body = team_calendar(problem, solution.assignments, team, job_version(job))
    return attachment(body, ICS, f"team-{team}.ics")
