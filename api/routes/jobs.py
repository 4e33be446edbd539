"""Asynchronous solve jobs: submit (202), poll, list, cancel."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep, TenantDep
from api.json_route import JsonBodyRoute
from api.language import LanguageDep
from api.presenters import public, summary
from api.routes.responses import INPUT_ERRORS, NOT_FOUND, QUEUE_FULL
from api.schemas import JobAccepted, JobPage, JobPublic
from api.stores import Job, JobStore
from api.submission import (
    HoldQuery,
    ProblemBody,
    SeedQuery,
    TimeLimitQuery,
    read_problem,
    solve_options,
    submit,
)

router = APIRouter(prefix="/v1/jobs", tags=["jobs"], route_class=JsonBodyRoute)
CANCEL_WAIT_SECONDS = 3.0


def accepted(job: Job, response: Response) -> JobAccepted:
    """The 202 body of a stored job, with its Location header set."""
    url = f"/v1/jobs/{job.id}"
    response.headers["Location"] = url
    created = summary(job).created_at
    return JobAccepted(id=job.id, kind=job.kind, state=job.state, created_at=created, url=url)  # type: ignore[arg-type]


def owned(store: JobStore, job_id: str, tenant: str) -> Job:
    """The caller's job, or 404 (also for another key's job: its existence is not revealed)."""
    job = store.get(job_id, tenant)
    if job is None:
        raise HTTPException(404, detail=f"no job {job_id!r}")
    return job


@router.post(
    "",
    status_code=202,
    response_model=JobAccepted,
    responses={**INPUT_ERRORS, **QUEUE_FULL},
)
def submit_job(
    body: ProblemBody,
    tenant: TenantDep,
    settings: SettingsDep,
    store: StoreDep,
    response: Response,
    time_limit: TimeLimitQuery = None,
    seed: SeedQuery = 0,
    hold: HoldQuery = None,
) -> JobAccepted:
    """Queue a solve; the job is stored before this answers 202 with its Location."""
    options = solve_options(settings, time_limit, seed, sync=False, hold=hold)
    problem = read_problem(body, settings)
    job = submit(store, settings, tenant, "solve", problem.model_dump_json(), options)
    return accepted(job, response)


@router.get("", response_model=JobPage, responses=NOT_FOUND)
def list_jobs(
    tenant: TenantDep,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=100, description="Jobs per page.")] = 20,
    offset: Annotated[int, Query(ge=0, le=10**9, description="Jobs to skip.")] = 0,
) -> JobPage:
    """List the caller's jobs, newest first."""
    jobs, total = store.list(tenant, limit, offset)
    return JobPage(items=[summary(job) for job in jobs], total=total, limit=limit, offset=offset)


@router.get("/{job_id}", response_model=JobPublic, responses=NOT_FOUND)
def get_job(job_id: str, tenant: TenantDep, store: StoreDep, lang: LanguageDep) -> JobPublic:
    """A job's state, progress, best roster so far and final result."""
    return public(owned(store, job_id, tenant), lang)


@router.delete(
    "/{job_id}",
    response_model=JobPublic,
    responses={**NOT_FOUND, 202: {"model": JobPublic, "description": "Asked to stop; still stopping."}},
)
async def cancel_job(job_id: str, tenant: TenantDep, store: StoreDep, response: Response) -> JobPublic:
    """Stop a job, keeping the best roster found (a finished job is left as it is)."""
    job = await run_in_threadpool(store.request_cancel, job_id, tenant)
    if job is None:
        raise HTTPException(404, detail=f"no job {job_id!r}")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CANCEL_WAIT_SECONDS
    while not job.finished and loop.time() < deadline:
        await asyncio.sleep(0.05)
        job = await run_in_threadpool(owned, store, job_id, tenant)
    if not job.finished:
        response.status_code = 202
    return public(job)
