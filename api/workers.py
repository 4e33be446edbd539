"""A supervised pool of worker processes that run jobs from the store (the event loop never solves).

Each worker claims queued jobs from the store, runs them, and writes progress, the best result so far
and the final result back. A supervisor thread in the server restarts a worker that dies and
retries (or, after ``max_attempts``, fails) the job it was running; it also kills a worker whose run
overran its deadline. A worker exits by itself when the server process is gone.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from api.stores import Job, JobStore, StoreUnavailable, open_store
from api.stores.base import HEARTBEAT_SECONDS

log = logging.getLogger("roster.workers")
MONITOR_SECONDS = 0.2
DEADLINE_GRACE_SECONDS = 60.0
QUICK_DEATH_SECONDS = 5.0
MAX_BACKOFF_SECONDS = 30.0
FINAL_WRITE_PATIENCE_SECONDS = 900.0  # how long a run retries its outcome while the store is away
FINAL_WRITE_RETRY_SECONDS = 1.0


class _Reporter:
    """Collects progress in the solver's thread; the monitor thread writes it to the store."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._points: list[dict[str, Any]] = []
        self._best: dict[str, Any] | None = None
        self._dirty = False

    def __call__(self, point: dict[str, Any], best: dict[str, Any] | None = None) -> None:
        with self._lock:
            self._points.append(point)
            if best is not None:
                self._best = best
            self._dirty = True

    def flush(self, store: JobStore, job: Job) -> None:
        with self._lock:
            if not self._dirty:
                return
            points, best, self._best, self._dirty = list(self._points), self._best, None, False
        assert job.lease is not None
        store.record_progress(job.id, job.lease, points, best)


def _monitor(
    store: JobStore,
    job: Job,
    reporter: _Reporter,
    stop: threading.Event,
    done: threading.Event,
    kill_after: float | None,
    heartbeat: bool,
) -> None:
    """Write progress, say the run is alive (with ``heartbeat``) and watch for cancellation until the
    run ends; with ``kill_after``, a run that has not stopped that many seconds after its cancel kills
    its process."""
    beat, cancelled_at = 0.0, None
    while not done.wait(MONITOR_SECONDS):
        overdue = cancelled_at is not None and time.monotonic() - cancelled_at > (kill_after or 0)
        if kill_after is not None and overdue:
            log.warning("job %s did not stop %.0f s after its cancel; killing its worker", job.id, kill_after)
            os.kill(os.getpid(), signal.SIGKILL)
        try:
            reporter.flush(store, job)
            if not stop.is_set() and store.cancel_requested(job.id):
                stop.set()
                cancelled_at = time.monotonic()
            if heartbeat and time.monotonic() - beat >= HEARTBEAT_SECONDS:
                assert job.lease is not None
                store.heartbeat(job.id, job.lease)
                beat = time.monotonic()
        except Exception:  # a busy database must not end the run; try again next tick
            log.exception("progress of job %s not written", job.id)


def _until_stored(job: Job, write: Callable[[], Any]) -> None:
    """Retry a run's final write while the store cannot be reached (a database restart), for up to
    ``FINAL_WRITE_PATIENCE_SECONDS``; the outcome of a finished run must not be lost to it."""
    deadline = time.monotonic() + FINAL_WRITE_PATIENCE_SECONDS
    while True:
        try:
            write()
            return
        except StoreUnavailable:
            if time.monotonic() >= deadline:
                raise
            log.warning("outcome of job %s not stored yet: the job store cannot be reached; retrying", job.id)
            time.sleep(FINAL_WRITE_RETRY_SECONDS)


def execute(store: JobStore, job: Job, kill_after: float | None = None, heartbeat: bool = False) -> None:
    """Run one claimed job to its end and store the outcome (``kill_after``, ``heartbeat``: see
    :func:`_monitor`; the embedded pool needs neither, its supervisor watches its processes)."""
    from api.runners import runners
    from optimizer.domain.validation import InvalidProblem

    assert job.lease is not None
    runner = runners().get(job.kind)
    lease = job.lease
    if runner is None:
        error = f"this server cannot run jobs of kind {job.kind!r}"
        _until_stored(job, lambda: store.finish(job.id, lease, "failed", None, error))
        return
    reporter, stop, done = _Reporter(), threading.Event(), threading.Event()
    if job.cancel_requested:
        stop.set()
    monitor = threading.Thread(
        target=_monitor, args=(store, job, reporter, stop, done, kill_after, heartbeat), daemon=True
    )
    monitor.start()
    try:
        result = runner(job.request, job.options, reporter, stop, job.best)
    except InvalidProblem as exc:  # a request only a run can find unfit (desks_to below the minimum)
        done.set()
        monitor.join()
        error = f"invalid request: {exc}"
        _until_stored(job, lambda: store.finish(job.id, lease, "failed", None, error))
        return
    except Exception:
        done.set()
        monitor.join()
        log.error("job %s failed:\n%s", job.id, traceback.format_exc())
        error = "internal error while running the job"
        _until_stored(job, lambda: store.finish(job.id, lease, "failed", None, error))
        return
    done.set()
    monitor.join()
    try:
        reporter.flush(store, job)
    except StoreUnavailable:  # only the progress curve is lost; the outcome below is retried
        log.warning("last progress of job %s not written: the job store cannot be reached", job.id)
    state = "cancelled" if stop.is_set() else "done"
    _until_stored(job, lambda: store.finish(job.id, lease, state, result))


def _exit_with_parent(parent_pid: int) -> None:
    """Leave as soon as the server process is gone (e.g. after SIGKILL); its successor retries our job."""
    while True:
        if os.getppid() != parent_pid:
            os._exit(0)
        time.sleep(MONITOR_SECONDS)


def worker_main(
    database: str,
    name: str,
    parent_pid: int,
    poll_interval: float,
    ready: Any,
    hold_dir: str | None = None,
    schema: str = "public",
) -> None:
    """The loop of one worker process: claim a job, run it, repeat."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the server, which stops us in order
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(process)d %(levelname)s %(message)s")
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    import optimizer  # noqa: F401  (load the solver once, before the first job)
    from api.testhooks import wait_for_workers

    wait_for_workers(hold_dir)

    store = open_store(database, schema=schema, durable=False)
    ready.set()
    while True:
        try:
            job = store.claim(name)
        except StoreUnavailable:  # the database is away (a PostgreSQL restart): wait for it
            log.warning("the job store cannot be reached; retrying")
            time.sleep(1.0)
            continue
        if job is None:
            time.sleep(poll_interval)
            continue
        execute(store, job)


@dataclass
class _Slot:
    name: str
    process: BaseProcess
    ready: Any  # a multiprocessing Event, set once the worker has loaded the solver
    started: float
    quick_deaths: int = 0  # deaths in a row soon after start: restarts back off
    restart_at: float | None = None


class WorkerPool:
    """``size`` worker processes (spawned, not forked) and the thread that supervises them."""

    def __init__(
        self,
        store: JobStore,
        size: int,
        max_attempts: int,
        poll_interval: float,
        hold_dir: Path | None = None,
    ):
        self.store, self.size, self.max_attempts, self.poll_interval = (
            store,
            size,
            max_attempts,
            poll_interval,
        )
        self.hold_dir = str(hold_dir) if hold_dir is not None else None
        self._context = multiprocessing.get_context("spawn")
        self._slots: list[_Slot] = []
        self._stopping = threading.Event()
        self._supervisor: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers and their supervisor."""
        with self._lock:
            self._slots = [self._spawn() for _ in range(self.size)]
        self._supervisor = threading.Thread(target=self._supervise, name="roster-supervisor", daemon=True)
        self._supervisor.start()

    def _spawn(self) -> _Slot:
        name = uuid.uuid4().hex[:12]
        ready = self._context.Event()
        process = self._context.Process(
            target=worker_main,
            args=(
                self.store.url,
                name,
                os.getpid(),
                self.poll_interval,
                ready,
                self.hold_dir,
                getattr(self.store, "schema", "public"),
            ),
            name=f"roster-worker-{name}",
            daemon=True,
        )
        process.start()
        return _Slot(name, process, ready, time.monotonic())

    def alive(self) -> int:
        """How many workers are running and ready to take jobs."""
        with self._lock:
            return sum(slot.process.is_alive() and slot.ready.is_set() for slot in self._slots)

    def pids(self) -> list[int]:
        """Process ids of the workers."""
        with self._lock:
            return [slot.process.pid for slot in self._slots if slot.process.pid is not None]

    def _supervise(self) -> None:
        while not self._stopping.wait(MONITOR_SECONDS):
            try:
                self._replace_dead()
                self._kill_overdue()
            except Exception:
                log.exception("supervisor pass failed")

    def _replace_dead(self) -> None:
        """Retry or fail the job of a dead worker, then start a new one (later if it keeps dying young)."""
        now = time.monotonic()
        with self._lock:
            for index, slot in enumerate(self._slots):
                if self._stopping.is_set() or slot.process.is_alive():
                    continue
                if slot.restart_at is None:
                    reason = f"its worker process died (exit code {slot.process.exitcode})"
                    for job in self.store.running_on(slot.name):
                        state = self.store.interrupt(job.id, job.lease, self.max_attempts, reason)
                        log.warning("job %s: %s; now %s", job.id, reason, state)
                    slot.process.join(0)
                    young = now - slot.started < QUICK_DEATH_SECONDS
                    slot.quick_deaths = slot.quick_deaths + 1 if young else 0
                    delay = (
                        min(MAX_BACKOFF_SECONDS, 0.25 * 2**slot.quick_deaths) if slot.quick_deaths > 1 else 0
                    )
                    slot.restart_at = now + delay
                if now >= slot.restart_at:
                    fresh = self._spawn()
                    fresh.quick_deaths = slot.quick_deaths
                    self._slots[index] = fresh

    def _kill_overdue(self) -> None:
        """A run far past its time limit is hung: kill its worker (the job is then retried or failed)."""
        now = time.time()
        with self._lock:
            by_name = {slot.name: slot for slot in self._slots}
        for job in self.store.running():
            slot = by_name.get(job.worker or "")
            deadline = job.options.get("deadline_seconds")
            if slot is None or deadline is None or job.started_at is None or job.options.get("hold"):
                continue  # a held test job runs until its test releases it
            if now > job.started_at + deadline + DEADLINE_GRACE_SECONDS and slot.process.pid:
                log.warning("job %s overran its deadline; killing worker %s", job.id, slot.process.pid)
                os.kill(slot.process.pid, signal.SIGKILL)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the workers; jobs they were running go back to the queue without using an attempt."""
        self._stopping.set()
        if self._supervisor is not None:
            self._supervisor.join(timeout)
        with self._lock:
            slots, self._slots = self._slots, []
        for slot in slots:
            slot.process.terminate()
        for slot in slots:
            slot.process.join(timeout)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(timeout)
            for job in self.store.running_on(slot.name):
                self.store.interrupt(job.id, job.lease, self.max_attempts, "the server stopped", count=False)
