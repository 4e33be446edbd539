"""The Celery task that runs one stored job, and what the worker's main process does when it dies.

A message names a job; the task claims that job in the store (a lease, as in the embedded pool)
and runs it with :func:`api.workers.execute`, so progress, the best roster so far and the result
reach the store exactly as they do without Celery. Messages may arrive twice (a requeue after a
lost connection, the API's re-send of jobs a broker restart lost): a message for a job that is
finished, or running with a fresh heartbeat, does nothing.

When a pool process dies mid-run (SIGKILL, out of memory, the hard time limit), the worker's main
process counts the run as an attempt and puts the job back in the queue (or fails it after
``ROSTER_MAX_ATTEMPTS``) *before* Celery requeues the message, so the redelivered message finds
the job queued and starts the next attempt.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import time
from typing import Any

from billiard.exceptions import WorkerLostError
from celery import shared_task
from celery.worker.request import Request

from api.settings import get_settings
from api.stores import JobStore, open_store

log = logging.getLogger("roster.celery")
STALE_HEARTBEAT_SECONDS = 30.0  # a run silent this long is taken for dead (its machine went away)
CANCEL_KILL_SECONDS = 5.0  # a run still going this long after its cancel kills its process
_stores: dict[int, JobStore] = {}


def worker_store() -> JobStore:
    """The job store of this process (one per process: connections are never shared across a fork)."""
    pid = os.getpid()
    if pid not in _stores:
        settings = get_settings()
        _stores[pid] = open_store(settings.store_url, schema=settings.database_schema, durable=False)
    return _stores[pid]


def run_name(pid: int | None = None) -> str:
    """How a run names its process in the store's ``worker`` column: host and pid."""
    return f"{socket.gethostname()}:{pid or os.getpid()}"


class JobRequest(Request):
    """A task request whose pool process may die: hand its job back to the queue first."""

    def on_failure(self, exc_info: Any, send_failed_event: bool = True, return_ok: bool = False) -> None:
        exc = getattr(exc_info.exception, "exc", exc_info.exception)
        if isinstance(exc, WorkerLostError | SystemExit):
            self._interrupt(f"its worker process died ({exc})")
        super().on_failure(exc_info, send_failed_event=send_failed_event, return_ok=return_ok)

    def on_timeout(self, soft: bool, timeout: float) -> None:
        if not soft:
            # Celery kills the process only after this handler: killed first, it cannot claim its job
            # between the check below and its end (a run starting just as its time runs out).
            # The pool process may not have reported itself yet: the job's run then names it.
            pid = self.worker_pid or self._local_run_pid()
            _kill_and_wait(pid)
            self._interrupt(f"it overran its hard time limit of {timeout:g} s", pid)
        super().on_timeout(soft, timeout)

    def _job(self) -> Any:
        job_id = self.args[0] if self.args else None
        return worker_store().get(job_id) if job_id else None

    def _local_run_pid(self) -> int | None:
        """The pid of this machine's process that runs this request's job, if one does."""
        try:
            job = self._job()
        except Exception:
            return None
        if job is None or job.state != "running" or not job.worker:
            return None
        host, _, pid = job.worker.rpartition(":")
        return int(pid) if host == socket.gethostname() and pid.isdigit() else None

    def _interrupt(self, reason: str, pid: int | None = None) -> None:
        """Retry or fail the job the dead process ran (only if that process still holds it)."""
        try:
            store = worker_store()
            job = self._job()
            if job is None or job.state != "running" or job.worker != run_name(pid or self.worker_pid):
                return
            state = store.interrupt(job.id, job.lease, get_settings().max_attempts, reason)
            log.warning("job %s: %s; now %s", job.id, reason, state)
        except Exception:
            log.exception("could not hand back the job of a dead worker process")


def _kill_and_wait(pid: int | None, patience: float = 10.0) -> None:
    """SIGKILL a pool process and wait (at most ``patience`` seconds) until it has stopped running."""
    if not pid:
        return
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.01)


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (dead, waiting to be reaped)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@shared_task(
    name="roster.run_job",
    Request=JobRequest,
    acks_late=True,
    reject_on_worker_lost=True,
    acks_on_failure_or_timeout=True,
    acks_on_timeout=False,
    ignore_result=True,
)
def run_job(job_id: str) -> str:
    """Run the stored job ``job_id`` if it is still to be run; returns what became of the message."""
    from api.testhooks import wait_for_workers
    from api.workers import execute

    settings = get_settings()
    wait_for_workers(str(settings.test_hold_dir) if settings.test_hold_dir else None)
    store = worker_store()
    job = store.claim(run_name(), job_id)
    if job is None:
        current = store.get(job_id)
        if current is None or current.finished or current.state == "queued":
            return "nothing to do" if current is None or current.finished else "queued elsewhere"
        beat = current.heartbeat_at or current.started_at or 0.0
        if time.time() - beat < STALE_HEARTBEAT_SECONDS:
            return "running elsewhere"
        state = store.interrupt(
            current.id, current.lease, settings.max_attempts, "its worker stopped answering"
        )
        job = store.claim(run_name(), job_id) if state == "queued" else None
        if job is None:
            return f"now {state}"
    execute(store, job, kill_after=CANCEL_KILL_SECONDS, heartbeat=True)
    return "ran"
