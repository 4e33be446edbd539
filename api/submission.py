"""What every submitted problem goes through: domain validation, this server's limits, the queue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import HTTPException, Query

from api.errors import input_error, input_errors
from api.settings import Settings
from api.store import Job, JobStore, QueueFull
from optimizer.domain.problem import RosterProblem
from optimizer.domain.validation import ProblemError, semantic_errors

EXPLAIN_SECONDS = 20.0

TimeLimitQuery = Annotated[
    float | None,
    Query(gt=0, description="Seconds to search (default and cap set by the server).", examples=[5]),
]
SeedQuery = Annotated[int, Query(ge=0, le=2**31 - 1, description="Random seed of the search.")]


def check_problem(
    problem: RosterProblem, settings: Settings, prefix: Sequence[str | int] = ("body",)
) -> None:
    """Raise a 422 listing every domain error and every server limit the problem breaks."""
    errors = list(semantic_errors(problem))
    if len(problem.employees) > settings.max_employees:
        errors.append(
            ProblemError(
                ("employees",),
                f"{len(problem.employees)} employees exceed this server's limit of "
                f"{settings.max_employees} (ROSTER_MAX_EMPLOYEES)",
                "limit_exceeded",
            )
        )
    if problem.horizon.days > settings.max_days:
        errors.append(
            ProblemError(
                ("horizon", "days"),
                f"{problem.horizon.days} days exceed this server's limit of {settings.max_days} "
                "(ROSTER_MAX_DAYS)",
                "limit_exceeded",
            )
        )
    if errors:
        raise input_errors(errors, prefix)


def solve_options(settings: Settings, time_limit: float | None, seed: int, *, sync: bool) -> dict[str, Any]:
    """The stored options of a solve, or a 422 when the time limit is over this server's cap."""
    cap = settings.max_sync_time_limit if sync else settings.max_time_limit
    name = "ROSTER_MAX_SYNC_TIME_LIMIT" if sync else "ROSTER_MAX_TIME_LIMIT"
    if time_limit is None:
        time_limit = min(settings.default_time_limit, cap)
    elif time_limit > cap:
        raise input_error(
            ("query", "time_limit"),
            f"time limit {time_limit:g} s is over this server's cap of {cap:g} s ({name})"
            + ("; submit a job to POST /v1/jobs for longer searches" if sync else ""),
            "limit_exceeded",
        )
    explain = min(EXPLAIN_SECONDS, cap)
    return {
        "time_limit": time_limit,
        "seed": seed,
        "solver_workers": settings.solver_workers,
        "explain_time_limit": explain,
        "deadline_seconds": time_limit + explain,
    }


def queue_full(settings: Settings) -> HTTPException:
    """503 with Retry-After: ``queue_length`` jobs already wait for a worker."""
    return HTTPException(
        503,
        detail=f"the queue is full ({settings.queue_length} jobs waiting); try again later",
        headers={"Retry-After": str(settings.retry_after)},
    )


def submit(
    store: JobStore,
    settings: Settings,
    tenant: str,
    kind: str,
    request: str,
    options: dict[str, Any],
    **kw: Any,
) -> Job:
    """Store a job durably, or raise the 503 of a full queue."""
    try:
        return store.submit(tenant, kind, request, options, max_queued=settings.queue_length, **kw)
    except QueueFull:
        raise queue_full(settings) from None
