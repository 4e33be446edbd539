"""The job store on PostgreSQL (psycopg 3), for API processes and Celery workers on many machines.

Same rows and semantics as :mod:`api.stores.sqlite`; workers take jobs with ``FOR UPDATE SKIP
LOCKED`` so two never start the same run. Connections (autocommit, explicit transactions) come
from a small psycopg_pool pool per process; a connection the server dropped is checked and
replaced at its next use, and a database that cannot be reached raises :class:`StoreUnavailable`
(the API answers 503). The pool gives up on a lost connection after a few seconds of retries, so
the first caller after a database restart connects afresh instead of waiting out a long backoff.
The schema is made and upgraded by the numbered migrations of :mod:`api.stores.migrations`.
"""

from __future__ import annotations

import json
import secrets
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from api.stores.base import Job, JobState, QueueFull, StoreUnavailable, job_from_row, thin
from api.stores.migrations import migrate

CONNECT_TIMEOUT = 5
WAIT_FOR_CONNECTION = 10.0  # seconds a caller waits for a pooled connection (then 503)
# How long the pool keeps retrying one lost connection (its delays double from 1 s) before it gives
# up; the next caller then starts a fresh attempt at once. Short, so that a database back after a
# long outage is reached within seconds, not after a doubled delay of a minute or more.
RECONNECT_SECONDS = 4.0
SCHEMA_LOCK = 7_310_002
QUEUE_LOCK = 7_310_001  # pg_advisory_xact_lock key serialising the queue-length check of submit


class PostgresJobStore:
    """Jobs in a PostgreSQL schema; safe to use from many threads, processes and machines."""

    def __init__(self, url: str, *, schema: str = "public", max_connections: int = 8):
        """Open the store at ``url`` in ``schema`` (made if missing) and bring its tables up to date;
        at most ``max_connections`` connections are open at once."""
        self.url, self.schema = url, schema
        self._make_schema()
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max_connections,
            kwargs={"autocommit": True, "row_factory": dict_row, "connect_timeout": CONNECT_TIMEOUT},
            configure=self._configure,
            check=ConnectionPool.check_connection,
            timeout=WAIT_FOR_CONNECTION,
            reconnect_timeout=RECONNECT_SECONDS,
            open=False,
            name=f"roster-{schema}",
        )
        self._pool.open(wait=False)
        with self._tx() as db:
            migrate(db)

    def _make_schema(self) -> None:
        """Create the store's schema if missing (one process at a time: the lock avoids the race of
        two CREATE SCHEMA IF NOT EXISTS)."""
        try:
            with psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT) as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(self.schema)))
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"the job database cannot be reached: {exc}") from exc

    def _configure(self, conn: psycopg.Connection) -> None:
        """Every new connection works in the store's schema."""
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema)))

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Connection]:
        """One transaction on a pooled connection; a database that cannot be reached (or a pool with
        no free connection in time) becomes StoreUnavailable."""
        try:
            with self._pool.connection() as conn, conn.transaction():
                yield conn
        except (psycopg.OperationalError, PoolTimeout) as exc:
            raise StoreUnavailable(f"the job database cannot be reached: {exc}") from exc

    def _one(self, query: str, params: tuple = ()) -> dict[str, Any] | None:
        with self._tx() as db:
            return db.execute(query, params).fetchone()

    def _all(self, query: str, params: tuple = ()) -> list[dict[str, Any]]:
        with self._tx() as db:
            return db.execute(query, params).fetchall()

    def close(self) -> None:
        """Close every connection this object opened."""
        self._pool.close()

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
        with self._tx() as db:
            if max_queued is not None:
                db.execute("SELECT pg_advisory_xact_lock(%s)", (QUEUE_LOCK,))
                waiting = db.execute("SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued'").fetchone()
                if waiting is not None and waiting["n"] >= max_queued:
                    raise QueueFull
            row = db.execute(
                "INSERT INTO jobs (id, tenant, kind, state, visible, priority, request, options, created_at)"
                " VALUES (%s, %s, %s, 'queued', %s, %s, %s, %s, %s) RETURNING *",
                (job_id, tenant, kind, visible, priority, request, json.dumps(options), time.time()),
            ).fetchone()
        assert row is not None
        return job_from_row(row)

    def get(self, job_id: str, tenant: str | None = None) -> Job | None:
        """A job by id; with ``tenant``, only if it belongs to that tenant."""
        row = self._one("SELECT * FROM jobs WHERE id = %s", (job_id,))
        if row is None or (tenant is not None and row["tenant"] != tenant):
            return None
        return job_from_row(row)

    def state_of(self, job_id: str) -> str | None:
        """Only the state of a job (cheap, for polling)."""
        row = self._one("SELECT state FROM jobs WHERE id = %s", (job_id,))
        return row["state"] if row else None

    def list(self, tenant: str, limit: int, offset: int) -> tuple[list[Job], int]:
        """A tenant's visible jobs, newest first, and how many there are in all."""
        with self._tx() as db:
            total = db.execute(
                "SELECT COUNT(*) AS n FROM jobs WHERE tenant = %s AND visible", (tenant,)
            ).fetchone()
            rows = db.execute(
                "SELECT * FROM jobs WHERE tenant = %s AND visible ORDER BY seq DESC LIMIT %s OFFSET %s",
                (tenant, limit, offset),
            ).fetchall()
        return [job_from_row(row) for row in rows], total["n"] if total else 0

    def queued_count(self) -> int:
        """Jobs waiting for a worker."""
        row = self._one("SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued'")
        return row["n"] if row else 0

    def queued_ids(self, limit: int) -> list[str]:
        """Ids of the oldest queued jobs (synchronous requests first)."""
        rows = self._all(
            "SELECT id FROM jobs WHERE state = 'queued' ORDER BY priority DESC, seq LIMIT %s", (limit,)
        )
        return [row["id"] for row in rows]

    def request_cancel(self, job_id: str, tenant: str) -> Job | None:
        """Cancel a queued job at once, or ask the worker of a running job to stop."""
        with self._tx() as db:
            row = db.execute("SELECT tenant, state FROM jobs WHERE id = %s FOR UPDATE", (job_id,)).fetchone()
            if row is None or row["tenant"] != tenant:
                return None
            if row["state"] == "queued":
                db.execute(
                    "UPDATE jobs SET state = 'cancelled', finished_at = %s, cancel_requested = true"
                    " WHERE id = %s",
                    (time.time(), job_id),
                )
            elif row["state"] == "running":
                db.execute("UPDATE jobs SET cancel_requested = true WHERE id = %s", (job_id,))
        return self.get(job_id)

    def delete(self, job_id: str) -> None:
        """Remove a job (the answered synchronous ones)."""
        with self._tx() as db:
            db.execute("DELETE FROM batch_jobs WHERE job_id = %s", (job_id,))
            db.execute("DELETE FROM jobs WHERE id = %s", (job_id,))

    def ping(self) -> bool:
        """Whether the database answers."""
        row = self._one("SELECT 1 AS one")
        return bool(row and row["one"] == 1)

    # --- publication (calendar feeds) -------------------------------------------------------

    def feed_secret(self, tenant: str) -> str:
        """The tenant's secret for calendar feed tokens, made at first use and kept."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO feed_secrets (tenant, secret) VALUES (%s, %s) ON CONFLICT (tenant) DO NOTHING",
                (tenant, secrets.token_hex(32)),
            )
        secret = self.known_feed_secret(tenant)
        assert secret is not None
        return secret

    def known_feed_secret(self, tenant: str) -> str | None:
        """The tenant's feed secret if it has one (never makes one)."""
        row = self._one("SELECT secret FROM feed_secrets WHERE tenant = %s", (tenant,))
        return row["secret"] if row else None

    def publish(self, job_id: str, tenant: str) -> Job | None:
        """Mark a tenant's job published now (again: a later time); None if it is not theirs.

        Publication times of a tenant grow by at least a second each time (a per-tenant lock keeps
        that true across API processes)."""
        with self._tx() as db:
            db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"publish:{tenant}",))
            last = db.execute(
                "SELECT max(published_at) AS last FROM jobs WHERE tenant = %s", (tenant,)
            ).fetchone()
            stamp = max(float(int(time.time())), ((last and last["last"]) or 0) + 1)
            cursor = db.execute(
                "UPDATE jobs SET published_at = %s WHERE id = %s AND tenant = %s", (stamp, job_id, tenant)
            )
        return self.get(job_id, tenant) if cursor.rowcount == 1 else None

    def published_for(self, tenant: str, employee: str, limit: int) -> list[Job]:
        """The tenant's published jobs whose problem lists ``employee``, most recently published first."""
        rows = self._all(
            "SELECT * FROM jobs WHERE tenant = %s AND published_at IS NOT NULL AND EXISTS"
            " (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(jobs.request::jsonb -> 'employees')"
            " = 'array' THEN jobs.request::jsonb -> 'employees' ELSE '[]'::jsonb END) AS e"
            "  WHERE e ->> 'id' = %s)"
            " ORDER BY published_at DESC, seq DESC LIMIT %s",
            (tenant, employee, limit),
        )
        return [job_from_row(row) for row in rows]

    # --- the worker side ----------------------------------------------------------------------

    def claim(self, worker: str, job_id: str | None = None) -> Job | None:
        """Take the next queued job (synchronous requests first, then oldest first), or ``job_id`` if it
        is queued, and start a run (rows another transaction is claiming are skipped, not waited for)."""
        lease, now = uuid.uuid4().hex, time.time()
        if job_id is None:
            which, params = (
                "SELECT seq FROM jobs WHERE state = 'queued' ORDER BY priority DESC, seq LIMIT 1"
                " FOR UPDATE SKIP LOCKED",
                (),
            )
        else:
            which, params = "SELECT seq FROM jobs WHERE id = %s AND state = 'queued' FOR UPDATE", (job_id,)
        row = self._one(
            "UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = %s, lease = %s,"
            f" started_at = %s, heartbeat_at = %s, progress = '[]' WHERE seq = ({which}) AND state = 'queued'"
            " RETURNING *",
            (worker, lease, now, now, *params),
        )
        return job_from_row(row) if row else None

    def cancel_requested(self, job_id: str) -> bool:
        """Whether someone asked this job to stop."""
        row = self._one("SELECT cancel_requested FROM jobs WHERE id = %s", (job_id,))
        return bool(row and row["cancel_requested"])

    def heartbeat(self, job_id: str, lease: str) -> bool:
        """Say that the run holding ``lease`` is alive."""
        with self._tx() as db:
            cursor = db.execute(
                "UPDATE jobs SET heartbeat_at = %s WHERE id = %s AND lease = %s AND state = 'running'",
                (time.time(), job_id, lease),
            )
        return cursor.rowcount == 1

    def record_progress(
        self, job_id: str, lease: str, points: list[dict[str, Any]], best: dict[str, Any] | None
    ) -> bool:
        """Replace the progress of a run (and its best result so far, when given)."""
        points = thin(points)
        with self._tx() as db:
            if best is None:
                cursor = db.execute(
                    "UPDATE jobs SET progress = %s WHERE id = %s AND lease = %s AND state = 'running'",
                    (json.dumps(points), job_id, lease),
                )
            else:
                cursor = db.execute(
                    "UPDATE jobs SET progress = %s, best = %s"
                    " WHERE id = %s AND lease = %s AND state = 'running'",
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
        with self._tx() as db:
            cursor = db.execute(
                "UPDATE jobs SET state = %s, result = %s, error = %s, finished_at = %s, worker = NULL"
                " WHERE id = %s AND lease = %s AND state = 'running'",
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
        rows = self._all("SELECT * FROM jobs WHERE state = 'running' AND worker = %s", (worker,))
        return [job_from_row(row) for row in rows]

    def running(self) -> list[Job]:
        """Every running job."""
        return [job_from_row(row) for row in self._all("SELECT * FROM jobs WHERE state = 'running'")]

    def silent_runs(self, older_than: float) -> list[tuple[str, str]]:
        """``(job id, lease)`` of the runs whose last heartbeat is older than ``older_than`` seconds
        (held test runs excepted); reads no problem or result."""
        rows = self._all(
            "SELECT id, lease FROM jobs WHERE state = 'running' AND coalesce(heartbeat_at, started_at) < %s"
            " AND NOT (options::jsonb ? 'hold')",
            (time.time() - older_than,),
        )
        return [(row["id"], row["lease"]) for row in rows]

    def interrupt(
        self, job_id: str, lease: str | None, max_attempts: int, reason: str, *, count: bool = True
    ) -> str | None:
        """A run ended without finishing (its worker died, or the server stopped): retry it, or fail it
        after ``max_attempts`` runs; a job asked to stop is cancelled. Returns the new state.

        With ``count=False`` (an orderly shutdown) the run does not count as an attempt.
        """
        with self._tx() as db:
            row = db.execute(
                "SELECT state, lease, attempts, cancel_requested FROM jobs WHERE id = %s FOR UPDATE",
                (job_id,),
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
                "UPDATE jobs SET state = %s, error = %s, finished_at = %s, worker = NULL, lease = NULL,"
                " attempts = attempts - %s WHERE id = %s",
                (state, error, finished, 0 if count else 1, job_id),
            )
        return state

    def recover(self) -> dict[str, int]:
        """At start-up of the embedded server: drop unanswered synchronous requests and re-queue the
        runs the server's stop interrupted (not counted as attempts)."""
        with self._tx() as db:
            db.execute("DELETE FROM batch_jobs WHERE job_id IN (SELECT id FROM jobs WHERE NOT visible)")
            dropped = db.execute("DELETE FROM jobs WHERE NOT visible").rowcount
        counts = {"dropped": dropped, "queued": 0, "failed": 0, "cancelled": 0}
        for job in self.running():
            state = self.interrupt(job.id, job.lease, 1, "the server stopped while it ran", count=False)
            if state:
                counts[state] += 1
        return counts

    def drop_unanswered(self, older_than: float) -> int:
        """Remove synchronous requests older than ``older_than`` seconds (their client is gone)."""
        with self._tx() as db:
            return db.execute(
                "DELETE FROM jobs WHERE NOT visible AND created_at < %s", (time.time() - older_than,)
            ).rowcount

    # --- batches ------------------------------------------------------------------------------

    def create_batch(self, tenant: str, offices: list[tuple[str, str]]) -> str:
        """Record a batch of ``(office, job id)`` pairs; returns the batch id."""
        batch_id = uuid.uuid4().hex
        with self._tx() as db:
            db.execute(
                "INSERT INTO batches (id, tenant, created_at) VALUES (%s, %s, %s)",
                (batch_id, tenant, time.time()),
            )
            with db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO batch_jobs (batch_id, position, office, job_id) VALUES (%s, %s, %s, %s)",
                    [(batch_id, i, office, job) for i, (office, job) in enumerate(offices)],
                )
        return batch_id

    def batch(self, batch_id: str, tenant: str) -> list[tuple[str, Job]] | None:
        """The offices of a tenant's batch with their jobs, in submission order; None if not theirs."""
        with self._tx() as db:
            head = db.execute("SELECT tenant FROM batches WHERE id = %s", (batch_id,)).fetchone()
            if head is None or head["tenant"] != tenant:
                return None
            rows = db.execute(
                "SELECT b.office, j.* FROM batch_jobs b JOIN jobs j ON j.id = b.job_id"
                " WHERE b.batch_id = %s ORDER BY b.position",
                (batch_id,),
            ).fetchall()
        return [(row["office"], job_from_row(row)) for row in rows]
