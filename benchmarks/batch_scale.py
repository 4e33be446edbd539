"""A batch of generated offices through the embedded backend and through Celery with 1 and 2 workers.

Run: ``python -m benchmarks.batch_scale [--offices 200] [--time-limit 5] [--configs embedded,celery1]``
(the Celery configurations need PostgreSQL and Redis, from ``ROSTER_DATABASE_URL`` and
``ROSTER_BROKER_URL``, defaults ``postgresql://127.0.0.1/test`` and ``redis://127.0.0.1:6379/0``).
Offices have 30–300 staff (seeded). For each configuration it prints and writes to
``benchmarks/batch_scale.json``: offices per minute over the whole batch, mean solve seconds per
office (and each office's size, solve seconds and status, for the national estimate in
docs/deploy.md), the queue overhead per job measured on an idle backend (submit → run started, solve
ended → result stored) and the peak memory (VmHWM) of each worker process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from api.batches.offices import Office
from api.batches.runner import run_batch
from api.settings import Settings
from api.stores import JobStore, open_store
from api.submission import solve_options
from optimizer.generator import GeneratorSettings, generate

HERE = Path(__file__).parent
PROBES = 10
DEADLINE = 600.0


def offices(count: int, seed: int = 0) -> list[Office]:
    """``count`` generated offices of 30–300 staff, about ten per team."""
    rng = random.Random(seed)
    made = []
    for i in range(count):
        staff = rng.randint(30, 300)
        problem = generate(
            GeneratorSettings(employees=staff, teams=max(2, staff // 10), seed=seed * 10_000 + i)
        )
        made.append(Office(f"office{i:04d}", problem))
    return made


def peak_kib(pid: int) -> int | None:
    """Peak resident memory of a process (VmHWM, KiB)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    """Direct children of a process."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


@contextmanager
def embedded(workers: int, directory: Path) -> Iterator[tuple[JobStore, Any, Any]]:
    """The embedded backend: SQLite and this process's worker pool."""
    from api.workers import WorkerPool

    store = open_store(f"sqlite:///{directory / 'jobs.sqlite3'}")
    pool = WorkerPool(store, workers, 3, 0.02)
    pool.start()
    deadline = time.monotonic() + DEADLINE
    while pool.alive() < workers and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield store, (lambda job: None), pool.pids
    finally:
        pool.stop()
        store.close()


@contextmanager
def celery(workers: int, directory: Path) -> Iterator[tuple[JobStore, Any, Any]]:
    """The Celery backend: PostgreSQL (a fresh schema), Redis, one ``roster worker`` of ``workers``."""
    from api.distributed.dispatch import CeleryBackend

    schema, queue = f"bench_{uuid.uuid4().hex[:12]}", f"bench_{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "ROSTER_BACKEND": "celery",
        "ROSTER_DATABASE_URL": os.environ.get("ROSTER_DATABASE_URL", "postgresql://127.0.0.1/test"),
        "ROSTER_DATABASE_SCHEMA": schema,
        "ROSTER_BROKER_URL": os.environ.get("ROSTER_BROKER_URL", "redis://127.0.0.1:6379/0"),
        "ROSTER_BROKER_QUEUE": queue,
        "ROSTER_MAX_CONCURRENT_SOLVES": str(workers),
    }
    settings = Settings(
        backend="celery",
        database_url=env["ROSTER_DATABASE_URL"],
        database_schema=schema,
        broker_url=env["ROSTER_BROKER_URL"],
        broker_queue=queue,
    )
    store = open_store(settings.store_url, schema=schema)
    backend = CeleryBackend(store, settings)
    with (directory / "worker.log").open("ab") as log:
        worker = subprocess.Popen(
            [sys.executable, "-c", "from optimizer.cli import main; main()", "worker", "--loglevel=warning"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + DEADLINE
    while len(children(worker.pid)) < workers and time.monotonic() < deadline:
        time.sleep(0.1)
    backend.start()
    try:
        yield store, backend.send, lambda: children(worker.pid)
    finally:
        backend.stop()
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(60)
        import psycopg

        store.close()
        with psycopg.connect(settings.store_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        import redis

        broker = redis.Redis.from_url(settings.broker_url)
        keys = list(broker.scan_iter(match=f"*{queue}*"))
        if keys:
            broker.delete(*keys)


def overhead(store: JobStore, send: Any, options: dict[str, Any]) -> dict[str, float]:
    """Median queue overhead of a tiny job on an idle backend: submit → started, solve end → stored."""
    tiny = generate(GeneratorSettings(employees=4, teams=1, seed=1)).model_dump_json()
    to_start, to_store = [], []
    for _ in range(PROBES):
        job = store.submit("bench", "solve", tiny, options)
        send(job)
        deadline = time.monotonic() + DEADLINE
        while store.state_of(job.id) != "done" and time.monotonic() < deadline:
            time.sleep(0.005)
        done = store.get(job.id)
        assert done is not None and done.started_at and done.finished_at and done.result
        to_start.append(done.started_at - done.created_at)
        to_store.append(max(0.0, done.finished_at - done.started_at - done.result["solve_seconds"]))
    return {"submit_to_start": statistics.median(to_start), "finish_to_stored": statistics.median(to_store)}


def measure(name: str, batch: list[Office], time_limit: float, directory: Path) -> dict[str, Any]:
    """Run the batch on one configuration and return its figures."""
    kind, workers = ("embedded", 2) if name == "embedded" else ("celery", int(name.removeprefix("celery")))
    settings = Settings(max_time_limit=max(300.0, time_limit))
    options = solve_options(settings, time_limit, 0, sync=False)
    opener = embedded if kind == "embedded" else celery
    with opener(workers, directory) as (store, send, pids):
        probe = overhead(store, send, options)
        started = time.monotonic()
        outcomes = run_batch(batch, directory / "out", store, send, options)
        elapsed = time.monotonic() - started
        peaks = [peak_kib(pid) for pid in pids()]
    solved = [o for o in outcomes if o.seconds is not None]
    return {
        "config": name,
        "workers": workers,
        "offices": len(batch),
        "employees": sum(len(o.problem.employees) for o in batch),
        "failed": len(outcomes) - len(solved),
        "elapsed_seconds": round(elapsed, 1),
        "offices_per_minute": round(60 * len(batch) / elapsed, 2),
        "mean_solve_seconds": round(statistics.mean(o.seconds for o in solved), 3) if solved else None,
        "optimal": sum(o.status == "optimal" for o in outcomes),
        "overhead_submit_to_start_ms": round(1000 * probe["submit_to_start"], 1),
        "overhead_finish_to_stored_ms": round(1000 * probe["finish_to_stored"], 1),
        "peak_worker_mib": [round(p / 1024, 1) for p in peaks if p],
        "per_office": [[o.employees, o.seconds, o.status] for o in outcomes],
    }


def main() -> None:
    """Parse the options, run every configuration, print and save the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--offices", type=int, default=200)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--configs", default="embedded,celery1,celery2")
    parser.add_argument("--out", type=Path, default=HERE / "batch_scale.json")
    args = parser.parse_args()
    batch = offices(args.offices)
    results = []
    for name in [c.strip() for c in args.configs.split(",") if c.strip()]:
        with tempfile.TemporaryDirectory(prefix=f"batch-{name}-") as directory:
            result = measure(name, batch, args.time_limit, Path(directory))
        print(json.dumps({k: v for k, v in result.items() if k != "per_office"}), flush=True)
        results.append(result)
    args.out.write_text(
        json.dumps({"time_limit": args.time_limit, "cpus": os.cpu_count(), "results": results}, indent=1)
        + "\n"
    )


if __name__ == "__main__":
    main()
