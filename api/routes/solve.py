"""POST /v1/solve: solve a small problem and wait for the answer (the solve runs in a worker process)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from api.cpu import run_cpu
from api.deps import SettingsDep, StoreDep, TenantDep
from api.json_route import JsonBodyRoute
from api.language import LanguageDep, solution_in
from api.routes.responses import INPUT_ERRORS, QUEUE_FULL
from api.settings import Settings
from api.stores import FINISHED, Job, JobStore
from api.submission import ProblemBody, SeedQuery, TimeLimitQuery, read_problem, solve_options, submit
from optimizer.domain.problem import RosterProblem
from optimizer.domain.solution import RosterSolution
from optimizer.i18n import DEFAULT_LANGUAGE

router = APIRouter(prefix="/v1", tags=["solve"], route_class=JsonBodyRoute)
QUEUE_WAIT_SECONDS = 60.0
POLL_SECONDS = 0.01


@router.post(
    "/solve",
    response_model=RosterSolution,
    responses={**INPUT_ERRORS, **QUEUE_FULL, 500: {"description": "The solve failed."}},
)
async def solve_now(
    body: ProblemBody,
    tenant: TenantDep,
    settings: SettingsDep,
    store: StoreDep,
    request: Request,
    lang: LanguageDep,
    time_limit: TimeLimitQuery = None,
    seed: SeedQuery = 0,
) -> RosterSolution:
    """Solve a small problem and return the roster (an infeasible problem is 200 with its explanation)."""
    options = solve_options(settings, time_limit, seed, sync=True)
    text = await run_cpu(_validated, body, settings)
    job = await run_in_threadpool(
        submit, store, settings, tenant, "solve", text, options, visible=False, priority=1
    )
    try:
        finished = await _wait(store, job.id, options["deadline_seconds"] + QUEUE_WAIT_SECONDS, request)
    finally:
        await run_in_threadpool(_forget, store, job.id, tenant)
    if finished is None:
        raise HTTPException(
            503,
            detail="no worker finished this solve in time; try again or submit a job to POST /v1/jobs",
            headers={"Retry-After": str(settings.retry_after)},
        )
    if finished.result is None:
        raise HTTPException(500, detail=f"the solve failed: {finished.error or 'unknown error'}")
    solution = RosterSolution.model_validate(finished.result)
    if solution.explanation and lang != DEFAULT_LANGUAGE:
        solution = solution_in(solution, RosterProblem.model_validate_json(text), lang)
    return solution


def _validated(body: Any, settings: Settings) -> str:
    """The problem of a request body as stored JSON text (or a 422); runs in the thread pool."""
    return read_problem(body, settings).model_dump_json()


async def _wait(store: JobStore, job_id: str, budget: float, request: Request) -> Job | None:
    """Poll the store until the job finishes, the budget runs out or the client goes away."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget
    while loop.time() < deadline:
        if store.state_of(job_id) in FINISHED:  # a primary-key read: cheap enough to do often
            return store.get(job_id)
        if await request.is_disconnected():
            return None
        await asyncio.sleep(POLL_SECONDS)
    return None


def _forget(store: JobStore, job_id: str, tenant: str) -> None:
    """A synchronous solve is not kept: stop it if still running, then remove it."""
    job = store.get(job_id)
    if job is not None and not job.finished:
        store.request_cancel(job_id, tenant)
        if store.state_of(job_id) == "running":
            return  # the worker finishes it as cancelled; the start-up clean-up removes it later
    store.delete(job_id)
