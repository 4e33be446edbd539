"""The embedded job store: one SQLite database (WAL mode) shared by the API and its worker processes.

The default of ``roster serve``: nothing to install. The interface and the ``Job`` record are in
:mod:`api.stores.base`.
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
from pathlib import Path
from typing import Any

from api.stores.base import Job, JobState, QueueFull, job_from_row, thin

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
_BATCHES = (
    "CREATE TABLE IF NOT EXISTS batches (id TEXT PRIMARY KEY, tenant TEXT NOT NULL,"
    " created_at REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS batch_jobs (batch_id TEXT NOT NULL, position INTEGER NOT NULL,"
    " office TEXT NOT NULL, job_id TEXT NOT NULL, PRIMARY KEY (batch_id, position))",
)


class SqliteJobStore:
    """Jobs in SQLite; safe to use from many threads and processes (one connection per thread)."""

    def __init__(self, path: Path, *, durable: bool = True):
        """``durable``: every commit reaches the disk before returning (the API's connections, so an
        accepted job survives a power cut). Workers may skip it: a run whose last writes are lost is
        found ``running`` at start-up and retried."""
        self.path = Path(path)
        self.url = f"sqlite:///{self.path.resolve()}"
        self.durable = durable
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._conn().executescript(_SCHEMA)
        self._migrate()

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
        return job_from_row(row)

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
        return [job_from_row(row) for row in rows], total

    def queued_count(self) -> int:
        """Jobs waiting for a worker."""
        return self._conn().execute("SELECT COUNT(*) FROM jobs WHERE state = 'queued'").fetchone()[0]

    def queued_ids(self, limit: int) -> list[str]:
        """Ids of the oldest queued jobs (synchronous requests first)."""
        rows = self._conn().execute(
            "SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority DESC, seq LIMIT ?", (limit,)
        )
        return [row[0] for row in rows]

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

    def _migrate(self) -> None:
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
            if "heartbeat_at" not in columns:
                db.execute("ALTER TABLE jobs ADD COLUMN heartbeat_at REAL")
            for statement in _BATCHES:
                db.execute(statement)

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
        return [job_from_row(row) for row in rows]

    # --- the worker side ----------------------------------------------------------------------

    def claim(self, worker: str, job_id: str | None = None) -> Job | None:
        """Take the next queued job (synchronous requests first, then oldest first), or ``job_id`` if it
        is queued, and start a run."""
        lease, now = uuid.uuid4().hex, time.time()
        which = (
            "SELECT seq FROM jobs WHERE id = ? AND state = 'queued'"
            if job_id is not None
            else "SELECT seq FROM jobs WHERE state = 'queued' ORDER BY priority DESC, seq LIMIT 1"
        )
        with self._write() as db:
            row = db.execute(
                "UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = ?, lease = ?,"
                f" started_at = ?, heartbeat_at = ?, progress = '[]' WHERE seq = ({which}) RETURNING *",
                (worker, lease, now, now, *([job_id] if job_id is not None else [])),
            ).fetchone()
        return job_from_row(row) if row else None

    def heartbeat(self, job_id: str, lease: str) -> bool:
        """Say that the run holding ``lease`` is alive."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE jobs SET heartbeat_at = ? WHERE id = ? AND lease = ? AND state = 'running'",
                (time.time(), job_id, lease),
            )
        return cursor.rowcount == 1

    def cancel_requested(self, job_id: str) -> bool:
        """Whether someone asked this job to stop."""
        row = self._conn().execute("SELECT cancel_requested FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return bool(row and row[0])

    def record_progress(
        self, job_id: str, lease: str, points: list[dict[str, Any]], best: dict[str, Any] | None
    ) -> bool:
        """Replace the progress of a run (and its best result so far, when given)."""
        points = thin(points)
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
        return [job_from_row(row) for row in rows]

    def running(self) -> list[Job]:
        """Every running job."""
        rows = self._conn().execute("SELECT * FROM jobs WHERE state = 'running'").fetchall()
        return [job_from_row(row) for row in rows]

    def silent_runs(self, older_than: float) -> list[tuple[str, str]]:
        """``(job id, lease)`` of the runs whose last heartbeat is older than ``older_than`` seconds
        (held test runs excepted); reads no problem or result."""
        rows = self._conn().execute(
            "SELECT id, lease FROM jobs WHERE state = 'running' AND coalesce(heartbeat_at, started_at) < ?"
            " AND json_extract(options, '$.hold') IS NULL",
            (time.time() - older_than,),
        )
        return [(row[0], row[1]) for row in rows]

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

    def drop_unanswered(self, older_than: float) -> int:
        """Remove synchronous requests older than ``older_than`` seconds (their client is gone)."""
        with self._write() as db:
            return db.execute(
                "DELETE FROM jobs WHERE visible = 0 AND created_at < ?", (time.time() - older_than,)
            ).rowcount

    # --- batches ------------------------------------------------------------------------------

    def create_batch(self, tenant: str, offices: list[tuple[str, str]]) -> str:
        """Record a batch of ``(office, job id)`` pairs; returns the batch id."""
        batch_id = uuid.uuid4().hex
        with self._write() as db:
            db.execute(
                "INSERT INTO batches (id, tenant, created_at) VALUES (?, ?, ?)",
                (batch_id, tenant, time.time()),
            )
            db.executemany(
                "INSERT INTO batch_jobs (batch_id, position, office, job_id) VALUES (?, ?, ?, ?)",
                [(batch_id, i, office, job) for i, (office, job) in enumerate(offices)],
            )
        return batch_id

    def batch(self, batch_id: str, tenant: str) -> list[tuple[str, Job]] | None:
        """The offices of a tenant's batch with their jobs, in submission order; None if not theirs."""
        db = self._conn()
        head = db.execute("SELECT tenant FROM batches WHERE id = ?", (batch_id,)).fetchone()
        if head is None or head[0] != tenant:
            return None
        rows = db.execute(
            "SELECT b.office, j.* FROM batch_jobs b JOIN jobs j ON j.id = b.job_id"
            " WHERE b.batch_id = ? ORDER BY b.position",
            (batch_id,),
        ).fetchall()
        return [(row["office"], job_from_row(row)) for row in rows]
