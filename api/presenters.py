"""Store rows as public bodies: what a caller may see of a job."""

from __future__ import annotations

import datetime as dt

from api.language import solution_in, stored_problem
from api.schemas import BestSoFar, JobPublic, JobSummary, ProgressPoint
from api.stores import Job
from optimizer.capacity import CapacityReport
from optimizer.domain.solution import RosterSolution
from optimizer.i18n import DEFAULT_LANGUAGE
from optimizer.i18n.explanations import report_in

PUBLIC_OPTIONS = ("time_limit", "seed", "parent")
ROSTER_KINDS = ("solve", "replan")


def _time(epoch: float | None) -> dt.datetime | None:
    return None if epoch is None else dt.datetime.fromtimestamp(epoch, tz=dt.UTC)


def summary(job: Job) -> JobSummary:
    """A job as listed."""
    result = job.result or {}
    return JobSummary(
        id=job.id,
        kind=job.kind,  # type: ignore[arg-type]
        state=job.state,
        created_at=_time(job.created_at),  # type: ignore[arg-type]
        finished_at=_time(job.finished_at),
        status=result.get("status") if job.kind in ROSTER_KINDS else None,
        objective=result.get("objective") if job.kind in ROSTER_KINDS else None,
    )


def public(job: Job, lang: str = DEFAULT_LANGUAGE) -> JobPublic:
    """A job in full; the best roster so far is shown until the final result replaces it.

    An explanation is worded in ``lang``."""
    solution = capacity = None
    if job.result is not None and job.kind in ROSTER_KINDS:
        solution = RosterSolution.model_validate(job.result)
        if solution.explanation and lang != DEFAULT_LANGUAGE:
            solution = solution_in(solution, stored_problem(job.kind, job.request), lang)
    elif job.result is not None:
        capacity = CapacityReport.model_validate(job.result)
        if lang != DEFAULT_LANGUAGE and (problem := stored_problem(job.kind, job.request)) is not None:
            capacity = report_in(capacity, problem, lang)
    best = BestSoFar.model_validate(job.best) if job.best and job.result is None else None
    return JobPublic(
        **summary(job).model_dump(),
        started_at=_time(job.started_at),
        attempts=job.attempts,
        cancel_requested=job.cancel_requested,
        options={key: job.options[key] for key in PUBLIC_OPTIONS if key in job.options},
        progress=[ProgressPoint.model_validate(point) for point in job.progress],
        best=best,
        solution=solution,
        capacity=capacity,
        error=job.error,
    )
