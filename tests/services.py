"""The real services some tests run against (PostgreSQL, Redis, RabbitMQ), and Celery workers.

Every PostgreSQL test uses a schema of its own and every Celery test a queue of its own, so runs
on one machine never see each other's jobs; both are removed when the test process ends.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

POSTGRES_URL = os.environ.get("ROSTER_TEST_POSTGRES_URL", "postgresql://127.0.0.1/test")
REDIS_URL = os.environ.get("ROSTER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
RABBITMQ_URL = os.environ.get("ROSTER_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")
ROOT = Path(__file__).resolve().parent.parent
PR_SET_PDEATHSIG = 1
_schemas: list[tuple[str, str]] = []
_workers: list[subprocess.Popen] = []
_queues: list[str] = []


def fresh_schema(url: str = POSTGRES_URL) -> str:
    """A new schema name, dropped (with its tables) when the tests end."""
    name = f"test_{uuid.uuid4().hex[:16]}"
    _schemas.append((url, name))
    return name


def drop_schema(url: str, name: str) -> None:
    """Drop a test schema and everything in it."""
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def fresh_queue() -> str:
    """A Celery queue name no other test run uses (its Redis keys are removed when the tests end)."""
    name = f"roster_test_{uuid.uuid4().hex[:12]}"
    _queues.append(name)
    return name


def drop_queue_keys(url: str, queue: str) -> None:
    """Remove a queue's Redis keys: its messages and kombu's bindings."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    keys = list(client.scan_iter(match=f"*{queue}*"))
    if keys:
        client.delete(*keys)


def worker_env(settings: Any) -> dict[str, str]:
    """The environment that gives ``roster worker`` the same store, broker and hooks as ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROSTER_")}
    values = {
        "ROSTER_BACKEND": "celery",
        "ROSTER_DATA_DIR": str(settings.data_dir),
        "ROSTER_DATABASE_SCHEMA": settings.database_schema,
        "ROSTER_BROKER_URL": settings.broker_url,
        "ROSTER_BROKER_QUEUE": settings.broker_queue,
        "ROSTER_MAX_CONCURRENT_SOLVES": str(settings.max_concurrent_solves),
        "ROSTER_MAX_ATTEMPTS": str(settings.max_attempts),
        "ROSTER_SOLVER_WORKERS": str(settings.solver_workers),
        "ROSTER_MAX_TIME_LIMIT": str(settings.max_time_limit),
    }
    if settings.database_url:
        values["ROSTER_DATABASE_URL"] = settings.database_url
    if settings.test_hold_dir is not None:
        values["ROSTER_TEST_HOLD_DIR"] = str(settings.test_hold_dir)
    env.update(values)
    return env


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL it when the test process ends, however it ends (Linux)."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def start_worker(settings: Any, log: Path | None = None) -> subprocess.Popen:
    """Start ``roster worker`` for ``settings`` (its own process group); stopped when the tests end."""
    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    out = open(log or Path(settings.data_dir) / "worker.log", "ab")  # noqa: SIM115 (kept with the process)
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from optimizer.cli import main; main()",
            "worker",
            "--loglevel=info",
            f"--hostname={uuid.uuid4().hex[:8]}@%h",
        ],
        env=worker_env(settings),
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )
    _workers.append(process)
    return process


def stop_worker(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Stop a worker and its pool processes."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(30)


@atexit.register
def clean_up() -> None:
    """Stop the workers and remove the schemas and queues of this test run (safe to repeat)."""
    for process in _workers:
        with contextlib.suppress(Exception):
            stop_worker(process, signal.SIGKILL)
    for url, name in _schemas:
        with contextlib.suppress(Exception):
            drop_schema(url, name)
    for queue in _queues:
        with contextlib.suppress(Exception):
            drop_queue_keys(REDIS_URL, queue)
    _workers.clear()
    _schemas.clear()
    _queues.clear()
