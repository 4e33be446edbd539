"""The durable job store: one SQLite database (WAL mode) shared by the API and its worker processes.

A job is written, problem included, before the API answers 202; its state then moves
``queued → running → done | failed | cancelled``. Every write from a worker carries the
lease of its run, so a run that the supervisor has given up on can no longer change the job.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

JobState = Literal["queued", "running", "done", "failed", "cancelled"]
FINISHED: tuple[str, ...] = ("done", "failed", "cancelled")
MAX_PROGRESS_POINTS = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    tenant TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    visible INTEGER NOT NULL DEFAULT 1,
    priority INTEGER NOT NULL DEFAULT 0,
    request TEXT NOT NULL,
    options TEXT NOT NULL,
    created_at REAL NOT NULL,
    started_at REAL,
    finished_at REAL,
    attempts INTEGER NOT NULL DEFAULT 0,
    worker TEXT,
    lease TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    progress TEXT NOT NULL DEFAULT '[]',
    best TEXT,
    result TEXT,
    error TEXT
);
CREATE INDEX IF NOT EXISTS jobs_queue ON jobs (state, priority DESC, seq);
CREATE INDEX IF NOT EXISTS jobs_tenant ON jobs (tenant, visible, seq);
"""


class QueueFull(Exception):
    """The queue already holds as many waiting jobs as allowed."""


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

    @property
    def finished(self) -> bool:
        """Whether the job has reached a final state."""
        return self.state in FINISHED


def _job(row: sqlite3.Row) -> Job:
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
    )


class JobStore:
    """Jobs in SQLite; safe to use from many threads and processes (one connection per thread)."""

    def __init__(self, path: Path, *, durable: bool = True):
        """``durable``: every commit reaches the disk before returning (the API's connections, so an
        accepted job survives a power cut). Workers may skip it: a run whose last writes are lost is
        found ``running`` at start-up and retried."""
        self.path = Path(path)
        self.durable = durable
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._conn().executescript(_SCHEMA)
        self._add_publication()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA synchronous={'FULL' if self.durable else 'NORMAL'}")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock at once (no upgrade deadlocks)."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Close every connection this object opened."""
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    # --- the API side -------------------------------------------------------------------------

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
        """Store a new queued job durably and return it; raise :class:`QueueFull` when ``max_queued``
        jobs already wait."""
        job_id = uuid.uuid4().hex
        with self._write() as db:
            if max_queued is not None:
                waiting = db.execute("SELECT COUNT(*) FROM jobs WHERE state = 'queued'").fetchone()[0]
                if waiting >= max_queued:
                    raise QueueFull
            db.execute(
                "INSERT INTO jobs (id, tenant, kind, state, visible, priority, request, options, created_at)"
                " VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
                (job_id, tenant, kind, int(visible), priority, request, json.dumps(options), time.time()),
            )
        job = self.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: str, tenant: str | None = None) -> Job | None:
        """A job by id; with ``tenant``, only if it belongs to that tenant."""
        row = self._conn().execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None or (tenant is not None and row["tenant"] != tenant):
            return None
        return _job(row)

    def state_of(self, job_id: str) -> str | None:
        """Only the state of a job (cheap, for polling)."""
        row = self._conn().execute("SELECT state FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return row["state"] if row else None

    def list(self, tenant: str, limit: int, offset: int) -> tuple[list[Job], int]:
        """A tenant's visible jobs, newest first, and how many there are in all."""
        db = self._conn()
        total = db.execute(
            "SELECT COUNT(*) FROM jobs WHERE tenant = ? AND visible = 1", (tenant,)
        ).fetchone()[0]
        rows = db.execute(
            "SELECT * FROM jobs WHERE tenant = ? AND visible = 1 ORDER BY seq DESC LIMIT ? OFFSET ?",
            (tenant, limit, offset),
        ).fetchall()
        return [_job(row) for row in rows], total

    def queued_count(self) -> int:
        """Jobs waiting for a worker."""
        return self._conn().execute("SELECT COUNT(*) FROM jobs WHERE state = 'queued'").fetchone()[0]

    def request_cancel(self, job_id: str, tenant: str) -> Job | None:
        """Cancel a queued job at once, or ask the worker of a running job to stop."""
        with self._write() as db:
            row = db.execute("SELECT tenant, state FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None or row["tenant"] != tenant:
                return None
            if row["state"] == "queued":
                db.execute(
                    "UPDATE jobs SET state = 'cancelled', finished_at = ?, cancel_requested = 1 WHERE id = ?",
                    (time.time(), job_id),
                )
            elif row["state"] == "running":
                db.execute("UPDATE jobs SET cancel_requested = 1 WHERE id = ?", (job_id,))
        return self.get(job_id)

    def delete(self, job_id: str) -> None:
        """Remove a job (the answered synchronous ones)."""
        with self._write() as db:
            db.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    def ping(self) -> bool:
        """Whether the database answers."""
        return self._conn().execute("SELECT 1").fetchone()[0] == 1

    # --- publication (calendar feeds) -------------------------------------------------------

    def _add_publication(self) -> None:
        """Add the ``published_at`` column to a database made before it existed, and the table of
        feed secrets (safe to repeat)."""
        with self._write() as db:
            columns = {row["name"] for row in db.execute("PRAGMA table_info(jobs)")}
            if "published_at" not in columns:
                db.execute("ALTER TABLE jobs ADD COLUMN published_at REAL")
            db.execute(
                "CREATE INDEX IF NOT EXISTS jobs_published ON jobs (tenant, published_at)"
                " WHERE published_at IS NOT NULL"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS feed_secrets (tenant TEXT PRIMARY KEY, secret TEXT NOT NULL)"
            )

    def feed_secret(self, tenant: str) -> str:
        """The tenant's secret for calendar feed tokens, made at first use and kept."""
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO feed_secrets (tenant, secret) VALUES (?, ?)",
                (tenant, secrets.token_hex(32)),
            )
        secret = self.known_feed_secret(tenant)
        assert secret is not None
        return secret

    def known_feed_secret(self, tenant: str) -> str | None:
        """The tenant's feed secret if it has one (never makes one)."""
        row = self._conn().execute("SELECT secret FROM feed_secrets WHERE tenant = ?", (tenant,)).fetchone()
        return row[0] if row else None

    def publish(self, job_id: str, tenant: str) -> Job | None:
        """Mark a tenant's job published now (again: a later time); None if it is not theirs.

        Publication times of a tenant grow by at least a second each time, so calendar sequences
        taken from them (in seconds) always grow."""
        with self._write() as db:
            last = db.execute("SELECT max(published_at) FROM jobs WHERE tenant = ?", (tenant,)).fetchone()[0]
            cursor = db.execute(
                "UPDATE jobs SET published_at = ? WHERE id = ? AND tenant = ?",
                (max(float(int(time.time())), (last or 0) + 1), job_id, tenant),
            )
        return self.get(job_id, tenant) if cursor.rowcount == 1 else None

    def published_for(self, tenant: str, employee: str, limit: int) -> list[Job]:
        """The tenant's published jobs whose problem lists ``employee``, most recently published first."""
        rows = (
            self._conn()
            .execute(
                "SELECT * FROM jobs WHERE tenant = ? AND published_at IS NOT NULL AND EXISTS"
                " (SELECT 1 FROM json_each(jobs.request, '$.employees')"
                "  WHERE json_extract(value, '$.id') = ?)"
                " ORDER BY published_at DESC, seq DESC LIMIT ?",
                (tenant, employee, limit),
            )
            .fetchall()
        )
        return [_job(row) for row in rows]

    # --- the worker side ----------------------------------------------------------------------

    def claim(self, worker: str) -> Job | None:
        """Take the next queued job (synchronous requests first, then oldest first) and start a run."""
        lease = uuid.uuid4().hex
        with self._write() as db:
            row = db.execute(
                "UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = ?, lease = ?,"
                " started_at = ?, progress = '[]'"
                " WHERE seq = (SELECT seq FROM jobs WHERE state = 'queued'"
                " ORDER BY priority DESC, seq LIMIT 1)"
                " RETURNING *",
                (worker, lease, time.time()),
            ).fetchone()
        return _job(row) if row else None

    def cancel_requested(self, job_id: str) -> bool:
        """Whether someone asked this job to stop."""
        row = self._conn().execute("SELECT cancel_requested FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return bool(row and row[0])

    def record_progress(
        self, job_id: str, lease: str, points: list[dict[str, Any]], best: dict[str, Any] | None
    ) -> bool:
        """Replace the progress of a run (and its best result so far, when given)."""
        points = _thin(points)
        with self._write() as db:
            if best is None:
                cursor = db.execute(
                    "UPDATE jobs SET progress = ? WHERE id = ? AND lease = ? AND state = 'running'",
                    (json.dumps(points), job_id, lease),
                )
            else:
                cursor = db.execute(
                    "UPDATE jobs SET progress = ?, best = ? WHERE id = ? AND lease = ? AND state = 'running'",
                    (json.dumps(points), json.dumps(best), job_id, lease),
                )
        return cursor.rowcount == 1

    def finish(
        self,
        job_id: str,
        lease: str,
        state: JobState,
        result: dict[str, Any] | None,
        error: str | None = None,
    ) -> bool:
        """End a run with its final state and result; False if the run no longer owns the job."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE jobs SET state = ?, result = ?, error = ?, finished_at = ?, worker = NULL"
                " WHERE id = ? AND lease = ? AND state = 'running'",
                (
                    state,
                    json.dumps(result) if result is not None else None,
                    error,
                    time.time(),
                    job_id,
                    lease,
                ),
            )
        return cursor.rowcount == 1

    # --- the supervisor side ------------------------------------------------------------------

    def running_on(self, worker: str) -> list[Job]:
        """The jobs a worker is running."""
        rows = (
            self._conn()
            .execute("SELECT * FROM jobs WHERE state = 'running' AND worker = ?", (worker,))
            .fetchall()
        )
        return [_job(row) for row in rows]

    def running(self) -> list[Job]:
        """Every running job."""
        rows = self._conn().execute("SELECT * FROM jobs WHERE state = 'running'").fetchall()
        return [_job(row) for row in rows]

    def interrupt(
        self, job_id: str, lease: str | None, max_attempts: int, reason: str, *, count: bool = True
    ) -> str | None:
        """A run ended without finishing (its worker died, or the server stopped): retry it, or fail it
        after ``max_attempts`` runs; a job asked to stop is cancelled. Returns the new state.

        With ``count=False`` (an orderly shutdown) the run does not count as an attempt.
        """
        with self._write() as db:
            row = db.execute(
                "SELECT state, lease, attempts, cancel_requested FROM jobs WHERE id = ?", (job_id,)
            ).fetchone()
            if row is None or row["state"] != "running" or row["lease"] != lease:
                return None
            if row["cancel_requested"]:
                state, error = "cancelled", f"{reason}; the job had been cancelled"
            elif count and row["attempts"] >= max_attempts:
                state, error = "failed", f"{reason}; gave up after {row['attempts']} attempts"
            else:
                state, error = "queued", None
            finished = time.time() if state != "queued" else None
            db.execute(
                "UPDATE jobs SET state = ?, error = ?, finished_at = ?, worker = NULL, lease = NULL,"
                " attempts = attempts - ? WHERE id = ?",
                (state, error, finished, 0 if count else 1, job_id),
            )
        return state

    def recover(self) -> dict[str, int]:
        """At start-up: drop unanswered synchronous requests and re-queue the runs the server's stop
        interrupted. Those runs do not count as attempts: the server went down, not their worker
        (a run that kills its own worker is counted by the supervisor)."""
        with self._write() as db:
            dropped = db.execute("DELETE FROM jobs WHERE visible = 0").rowcount
        counts = {"dropped": dropped, "queued": 0, "failed": 0, "cancelled": 0}
        for job in self.running():
            state = self.interrupt(job.id, job.lease, 1, "the server stopped while it ran", count=False)
            if state:
                counts[state] += 1
        return counts


def _thin(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep at most MAX_PROGRESS_POINTS points: the first, the last, and evenly spaced ones between."""
    if len(points) <= MAX_PROGRESS_POINTS:
        return points
    step = len(points) / (MAX_PROGRESS_POINTS - 1)
    kept = [points[round(i * step)] for i in range(MAX_PROGRESS_POINTS - 1)]
    return [*kept, points[-1]]
