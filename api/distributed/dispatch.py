"""The API side of the Celery backend: send each stored job to the broker, and keep the two in step.

A job is stored first, then its message is sent; if the broker cannot be reached the job is
removed again and the client gets 503 with Retry-After (nothing half-accepted). A sweeper thread
repairs what a broker restart or a lost worker machine leaves behind: queued jobs whose message
is gone are sent again, and runs whose heartbeat stopped are retried (duplicate messages are
harmless, see :mod:`api.distributed.tasks`).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from api.distributed.celery_app import HARD_LIMIT_GRACE_SECONDS, make_celery
from api.distributed.tasks import STALE_HEARTBEAT_SECONDS
from api.errors import BrokerUnavailable
from api.settings import Settings
from api.stores import Job, JobStore

log = logging.getLogger("roster.dispatch")
SWEEP_SECONDS = 5.0
RESEND_AFTER_SECONDS = 30.0
TASK = "roster.run_job"


class CeleryBackend:
    """Sends jobs to Celery workers; has the ``alive()``/``size``/``start()``/``stop()`` of a pool."""

    def __init__(self, store: JobStore, settings: Settings):
        self.store, self.settings = store, settings
        self.celery = make_celery(settings)
        self.size = 0  # worker processes last seen (for /readyz)
        self._alive = 0
        self._broker_ok = True
        self._sent: dict[str, float] = {}
        self._stopping = threading.Event()
        self._sweeper: threading.Thread | None = None

    def send(self, job: Job) -> None:
        """Send a stored job's message (its hard time limit taken from the job's own limit)."""
        limits: dict[str, Any] = {}
        deadline = job.options.get("deadline_seconds")
        if deadline is not None and not job.options.get("hold"):
            limits["time_limit"] = float(deadline) + HARD_LIMIT_GRACE_SECONDS
        try:
            self.celery.send_task(
                TASK,
                args=[job.id],
                task_id=job.id,
                queue=self.settings.broker_queue,
                retry=True,
                retry_policy={"max_retries": 1, "interval_start": 0.2, "interval_step": 0.5},
                **limits,
            )
        except Exception as exc:  # kombu/redis/amqp connection errors all mean the same here
            self._broker_ok = False
            raise BrokerUnavailable(str(exc)) from exc
        self._broker_ok = True
        self._sent[job.id] = time.monotonic()

    def revoke(self, job_id: str) -> None:
        """Tell the workers to drop the job's message if it reaches them (best effort, in the
        background: a broker that is away must not hold up the cancel)."""

        def _revoke() -> None:
            try:
                self.celery.control.revoke(job_id)
            except Exception:
                log.warning("could not revoke job %s: the broker is away", job_id)

        threading.Thread(target=_revoke, name="roster-revoke", daemon=True).start()

    def broker_ok(self) -> bool:
        """Whether the last contact with the broker worked."""
        return self._broker_ok

    def alive(self) -> int:
        """Worker processes that answered the last inspection."""
        return self._alive

    def pids(self) -> list[int]:
        """Worker processes of this server: none (they run under ``roster worker``)."""
        return []

    def start(self) -> None:
        """Start the sweeper."""
        self._sweeper = threading.Thread(target=self._sweep_loop, name="roster-sweeper", daemon=True)
        self._sweeper.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the sweeper (jobs go on running on the workers)."""
        self._stopping.set()
        if self._sweeper is not None:
            self._sweeper.join(timeout)

    def _sweep_loop(self) -> None:
        while True:
            try:
                self.sweep()
            except Exception as exc:
                log.warning("sweep failed: %s", exc)
            if self._stopping.wait(SWEEP_SECONDS):
                return

    def _queue_length(self) -> int:
        """Messages waiting in the broker's queue (a queue not declared yet holds none)."""
        with self.celery.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1)
            try:
                declared = conn.default_channel.queue_declare(self.settings.broker_queue, passive=True)
            except conn.channel_errors as exc:
                if "NOT_FOUND" in str(exc) or "404" in str(exc):
                    return 0
                raise
            return int(declared.message_count)

    def _inspect_workers(self) -> int:
        """Count the worker processes that consume this server's queue (for /readyz); returns how
        many messages they hold prefetched but not started."""
        queues = self.celery.control.inspect(timeout=1.0).active_queues() or {}
        nodes = [
            node
            for node, consumed in queues.items()
            if any(queue.get("name") == self.settings.broker_queue for queue in consumed)
        ]
        if not nodes:
            self._alive = self.size = 0
            return 0
        inspect = self.celery.control.inspect(destination=nodes, timeout=1.0)
        stats = inspect.stats() or {}
        self._alive = sum(int(node.get("pool", {}).get("max-concurrency", 0)) for node in stats.values())
        self.size = self._alive
        return sum(len(tasks) for tasks in (inspect.reserved() or {}).values())

    def sweep(self) -> dict[str, int]:
        """One repair pass: re-send queued jobs the broker lost, retry runs that went silent."""
        fixed = {"resent": 0, "retried": 0}
        for job_id, lease in self.store.silent_runs(STALE_HEARTBEAT_SECONDS):
            state = self.store.interrupt(
                job_id, lease, self.settings.max_attempts, "its worker stopped answering"
            )
            if state == "queued":
                self._sent.pop(job_id, None)
                fixed["retried"] += 1
        try:
            waiting = self._queue_length()
            self._broker_ok = True
        except Exception:
            self._broker_ok = False
            raise
        try:
            reserved = self._inspect_workers()
        except Exception:
            self._alive, reserved = 0, 0
        queued = self.store.queued_count()
        missing = queued - waiting - reserved  # queued jobs whose message is neither waiting nor prefetched
        if missing > 0:
            recent = time.monotonic() - RESEND_AFTER_SECONDS
            for job_id in self.store.queued_ids(queued):
                if missing <= 0:
                    break
                if self._sent.get(job_id, 0.0) > recent:
                    continue
                job = self.store.get(job_id)
                if job is not None and job.state == "queued" and not _recently_active(job):
                    self.send(job)
                    fixed["resent"] += 1
                    missing -= 1
        for job_id in [j for j, at in self._sent.items() if at < time.monotonic() - 3600]:
            del self._sent[job_id]
        return fixed


def _recently_active(job: Job) -> bool:
    """Whether ``job`` was created, started or heard from within the last RESEND_AFTER_SECONDS.

    A run handed back a moment ago by its worker (a dead pool process, its hard time limit)
    gets its message back from the broker; sending another then would only double it.
    """
    last = max(job.created_at, job.started_at or 0.0, job.heartbeat_at or 0.0)
    return time.time() - last < RESEND_AFTER_SECONDS


class DispatchingStore:
    """A job store whose new jobs are also sent to the broker, and whose cancels also revoke."""

    def __init__(self, store: JobStore, backend: CeleryBackend):
        self._store, self._backend = store, backend

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def submit(self, tenant: str, kind: str, request: str, options: dict[str, Any], **kw: Any) -> Job:
        """Store the job, then send it; a broker that cannot be reached undoes the submit."""
        job = self._store.submit(tenant, kind, request, options, **kw)
        try:
            self._backend.send(job)
        except BrokerUnavailable:
            self._store.delete(job.id)
            raise
        return job

    def request_cancel(self, job_id: str, tenant: str) -> Job | None:
        """Cancel in the store (the run sees the flag within a second), and revoke its message."""
        job = self._store.request_cancel(job_id, tenant)
        if job is not None:
            self._backend.revoke(job_id)
        return job
