"""What every job store offers: the ``Job`` record and the ``JobStore`` interface.

A job is written, problem included, before the API answers 202; its state then moves
``queued → running → done | failed | cancelled``. Every write from a worker carries the
lease of its run, so a run that has been given up on can no longer change the job.
Two implementations: :mod:`api.stores.sqlite` (the embedded default) and :mod:`api.stores.postgres`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

JobState = Literal["queued", "running", "done", "failed", "cancelled"]
FINISHED: tuple[str, ...] = ("done", "failed", "cancelled")
MAX_PROGRESS_POINTS = 500
HEARTBEAT_SECONDS = 1.0  # how often a run says it is alive (api.workers)


class QueueFull(Exception):
    """The queue already holds as many waiting jobs as allowed."""


class StoreUnavailable(Exception):
    """The job database cannot be reached (the API answers 503 with Retry-After)."""


@dataclass
class Job:
    """One row of the store, JSON columns decoded (``request`` stays text until a worker needs it)."""

    id: str
    tenant: str
    kind: str
    state: JobState
    visible: bool
    request: str
    options: dict[str, Any]
    created_at: float
    started_at: float | None = None
    finished_at: float | None = None
    attempts: int = 0
    worker: str | None = None
    lease: str | None = None
    cancel_requested: bool = False
    progress: list[dict[str, Any]] = field(default_factory=list)
    best: dict[str, Any] | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    published_at: float | None = None
    heartbeat_at: float | None = None

    @property
    def finished(self) -> bool:
        """Whether the job has reached a final state."""
        return self.state in FINISHED


def job_from_row(row: Any) -> Job:
    """A ``Job`` from a database row addressable by column name (sqlite3.Row or a dict)."""
    keys = row.keys()
    return Job(
        id=row["id"],
        tenant=row["tenant"],
        kind=row["kind"],
        state=row["state"],
        visible=bool(row["visible"]),
        request=row["request"],
        options=json.loads(row["options"]),
        created_at=row["created_at"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        attempts=row["attempts"],
        worker=row["worker"],
        lease=row["lease"],
        cancel_requested=bool(row["cancel_requested"]),
        progress=json.loads(row["progress"]),
        best=json.loads(row["best"]) if row["best"] else None,
        result=json.loads(row["result"]) if row["result"] else None,
        error=row["error"],
        published_at=row["published_at"],
        heartbeat_at=row["heartbeat_at"] if "heartbeat_at" in keys else None,
    )


def thin(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep at most MAX_PROGRESS_POINTS points: the first, the last, and evenly spaced ones between."""
    if len(points) <= MAX_PROGRESS_POINTS:
        return points
    step = len(points) / (MAX_PROGRESS_POINTS - 1)
    kept = [points[round(i * step)] for i in range(MAX_PROGRESS_POINTS - 1)]
    return [*kept, points[-1]]


class JobStore(Protocol):
    """The operations of the API, its workers and their supervisor on the job database."""

    url: str  # where another process opens the same store (api.stores.open_store)

    def close(self) -> None:
        """Close every connection this object opened."""

    # the API side
    def submit(
        self,
        tenant: str,
        kind: str,
        request: str,
        options: dict[str, Any],
        *,
        visible: bool = True,
        priority: int = 0,
        max_queued: int | None = None,
    ) -> Job:
        """Store a new queued job durably; raise QueueFull when ``max_queued`` jobs already wait."""
        ...

    def get(self, job_id: str, tenant: str | None = None) -> Job | None:
        """A job by id; with ``tenant``, only if it belongs to that tenant."""
        ...

    def state_of(self, job_id: str) -> str | None:
        """Only the state of a job (cheap, for polling)."""
        ...

    def list(self, tenant: str, limit: int, offset: int) -> tuple[list[Job], int]:
        """A tenant's visible jobs, newest first, and how many there are in all."""
        ...

    def queued_count(self) -> int:
        """Jobs waiting for a worker."""
        ...

    def queued_ids(self, limit: int) -> list[str]:
        """Ids of the oldest queued jobs."""
        ...

    def request_cancel(self, job_id: str, tenant: str) -> Job | None:
        """Cancel a queued job at once, or ask the worker of a running job to stop."""
        ...

    def delete(self, job_id: str) -> None:
        """Remove a job."""
        ...

    def ping(self) -> bool:
        """Whether the database answers."""
        ...

    # publication
    def feed_secret(self, tenant: str) -> str:
        """The tenant's secret for calendar feed tokens, made at first use and kept."""
        ...

    def known_feed_secret(self, tenant: str) -> str | None:
        """The tenant's feed secret if it has one (never makes one)."""
        ...

    def publish(self, job_id: str, tenant: str) -> Job | None:
        """Mark a tenant's job published now (times of a tenant grow by at least a second)."""
        ...

    def published_for(self, tenant: str, employee: str, limit: int) -> list[Job]:
        """The tenant's published jobs whose problem lists ``employee``, most recently published first."""
        ...

    # the worker side
    def claim(self, worker: str, job_id: str | None = None) -> Job | None:
        """Start a run of the next queued job (or of ``job_id`` if it is queued)."""
        ...

    def cancel_requested(self, job_id: str) -> bool:
        """Whether someone asked this job to stop."""
        ...

    def heartbeat(self, job_id: str, lease: str) -> bool:
        """Say that the run holding ``lease`` is alive."""
        ...

    def record_progress(
        self, job_id: str, lease: str, points: list[dict[str, Any]], best: dict[str, Any] | None
    ) -> bool:
        """Replace the progress of a run (and its best result so far, when given)."""
        ...

    def finish(
        self,
        job_id: str,
        lease: str,
        state: JobState,
        result: dict[str, Any] | None,
        error: str | None = None,
    ) -> bool:
        """End a run with its final state and result; False if the run no longer owns the job."""
        ...

    # the supervisor side
    def running_on(self, worker: str) -> list[Job]:
        """The jobs a worker is running."""
        ...

    def running(self) -> list[Job]:
        """Every running job."""
        ...

    def silent_runs(self, older_than: float) -> list[tuple[str, str]]:
        """``(job id, lease)`` of the runs whose heartbeat is older than ``older_than`` seconds."""
        ...

    def interrupt(
        self, job_id: str, lease: str | None, max_attempts: int, reason: str, *, count: bool = True
    ) -> str | None:
        """A run ended without finishing: retry it, or fail it after ``max_attempts`` runs; a job asked
        to stop is cancelled. Returns the new state (None if the lease no longer holds)."""
        ...

    def recover(self) -> dict[str, int]:
        """At start-up of the embedded server: drop unanswered synchronous requests and re-queue the
        runs the server's stop interrupted (not counted as attempts)."""
        ...

    def drop_unanswered(self, older_than: float) -> int:
        """Remove synchronous requests older than ``older_than`` seconds (their client is gone)."""
        ...

    # batches
    def create_batch(self, tenant: str, offices: list[tuple[str, str]]) -> str:
        """Record a batch of ``(office, job id)`` pairs; returns the batch id."""
        ...

    def batch(self, batch_id: str, tenant: str) -> list[tuple[str, Job]] | None:
        """The offices of a tenant's batch with their jobs, in submission order; None if not theirs."""
        ...
