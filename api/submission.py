"""What every submitted problem goes through: domain validation, this server's limits, the queue."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Annotated, Any

from fastapi import Body, HTTPException, Query
from pydantic import SkipValidation

from api.errors import input_error, input_errors
from api.examples import PROBLEM_EXAMPLES
from api.settings import Settings
from api.stores import Job, JobStore, QueueFull
from api.testhooks import release_path
from optimizer.domain.problem import RosterProblem
from optimizer.domain.validation import InvalidProblem, ProblemError, parse_problem

EXPLAIN_SECONDS = 20.0

TimeLimitQuery = Annotated[
    float | None,
    Query(gt=0, description="Seconds to search (default and cap set by the server).", examples=[5]),
]
ProblemBody = Annotated[
    SkipValidation[RosterProblem],  # validated by parse_problem, so every error is found at once
    Body(openapi_examples=PROBLEM_EXAMPLES),
]
HoldQuery = Annotated[str | None, Query(include_in_schema=False)]  # test hook, see api.testhooks
SeedQuery = Annotated[int, Query(ge=0, le=2**31 - 1, description="Random seed of the search.")]


def read_problem(data: Any, settings: Settings, prefix: Sequence[str | int] = ("body",)) -> RosterProblem:
    """Validate raw JSON into a problem with :func:`parse_problem`, or raise a 422 listing every error
    found and every limit of this server the problem breaks."""
    problem, errors = problem_or_errors(data, settings)
    if problem is None or errors:
        raise input_errors(errors, prefix)
    return problem


def problem_or_errors(data: Any, settings: Settings) -> tuple[RosterProblem | None, list[ProblemError]]:
    """The valid problem, or None with every domain error and broken limit.

    The size limits are read first from the raw data: a problem over them is not validated at all,
    so an oversized body costs a length check, not a full validation."""
    errors = list(_limit_errors(data, settings))
    if errors:
        return None, errors
    try:
        problem = parse_problem(data)
    except InvalidProblem as exc:
        return None, exc.errors
    return problem, []


def _limit_errors(data: Any, settings: Settings) -> Iterator[ProblemError]:
    """The problem-size limits, read from the raw data so they are reported with any other error."""
    if not isinstance(data, dict):
        return
    employees = data.get("employees")
    if isinstance(employees, list) and len(employees) > settings.max_employees:
        yield ProblemError(
            ("employees",),
            f"{len(employees)} employees exceed this server's limit of {settings.max_employees} "
            "(ROSTER_MAX_EMPLOYEES)",
            "limit_exceeded",
        )
    horizon = data.get("horizon")
    days = horizon.get("days") if isinstance(horizon, dict) else None
    if isinstance(days, int) and not isinstance(days, bool) and days > settings.max_days:
        yield ProblemError(
            ("horizon", "days"),
            f"{days} days exceed this server's limit of {settings.max_days} (ROSTER_MAX_DAYS)",
            "limit_exceeded",
        )


def solve_options(
    settings: Settings, time_limit: float | None, seed: int, *, sync: bool, hold: str | None = None
) -> dict[str, Any]:
    """The stored options of a solve, or a 422 when the time limit is over this server's cap
    (``hold``: the test hook of :mod:`api.testhooks`, ignored unless the server runs with it)."""
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
    try:
        release = release_path(settings.test_hold_dir, hold)
    except ValueError as exc:
        raise input_error(("query", "hold"), str(exc), "value_error") from None
    held = {"hold": release} if release else {}
    return {
        **held,
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
