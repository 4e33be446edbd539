"""The Celery backend against the real services (PostgreSQL, Redis, RabbitMQ; no mocks): a pool
process SIGKILLed mid-solve, a cancel that reaches a running solve (and kills one that does not
stop), a broker that cannot be reached (503, never 500), a broker restarted with jobs queued and
running, the API server killed and restarted. No job is lost; every roster passes the checker.

Jobs that a test must interrupt are held at their first roster (api.testhooks), so nothing here
depends on the speed of the machine.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.distributed import dispatch
from api.distributed.celery_app import HARD_LIMIT_GRACE_SECONDS
from api.security import LOCAL_TENANT
from api.settings import Settings
from api.stores import StoreUnavailable, open_store
from tests.api.helpers import (
    DEADLINE,
    assert_solution_checked,
    finished,
    held,
    hold_token,
    make_settings,
    release,
    small_problem,
    wait_for,
)
from tests.api.test_e2e import free_port, server
from tests.services import POSTGRES_URL, RABBITMQ_URL, start_worker, stop_worker, worker_env


def celery_settings(tmp_path: Path, **overrides) -> Settings:
    """Celery backend, PostgreSQL store, one worker process unless told otherwise (no worker started)."""
    values = {
        "backend": "celery",
        "database_url": POSTGRES_URL,
        "max_concurrent_solves": 1,
        "max_attempts": 2,
        "start_workers": False,
        **overrides,
    }
    return make_settings(tmp_path, **values)


@contextmanager
def running(settings: Settings, workers: bool = True) -> Iterator[tuple[TestClient, subprocess.Popen | None]]:
    """The app of ``settings`` and (unless told not to) a ``roster worker`` for it."""
    worker = start_worker(settings) if workers else None
    try:
        with TestClient(create_app(settings), client=("127.0.0.1", 40000)) as client:
            yield client, worker
    finally:
        if worker is not None:
            stop_worker(worker)


def run_pid(client: TestClient, job_id: str) -> int:
    """The process id of the pool process running a job (from the store's ``worker`` column)."""
    job = client.app.state.store.get(job_id)  # type: ignore[attr-defined]
    assert job is not None and job.worker, job
    return int(job.worker.rsplit(":", 1)[1])


def submit(client: TestClient, problem: dict, **params) -> str:
    response = client.post("/v1/jobs", params=params, json=problem)
    assert response.status_code == 202, response.text
    return response.headers["location"]


def test_a_pool_process_killed_mid_solve_is_one_attempt_and_the_job_finishes(tmp_path):
    settings = celery_settings(tmp_path)
    with running(settings) as (client, _):
        token = hold_token()
        location = submit(client, small_problem(), time_limit=5, hold=token)
        behind = [submit(client, small_problem(seed=i), time_limit=5) for i in (1, 2)]
        body = wait_for(client, location, lambda b: held(b) and b["attempts"] == 1)
        os.kill(run_pid(client, body["id"]), signal.SIGKILL)
        wait_for(client, location, lambda b: held(b) and b["attempts"] == 2)  # re-queued, run again
        release(settings, token)
        body = wait_for(client, location, finished)
        assert (body["state"], body["attempts"], body["error"]) == ("done", 2, None)
        assert_solution_checked(small_problem(), body["solution"])
        for i, other in zip((1, 2), behind, strict=True):
            done = wait_for(client, other, finished)
            assert (done["state"], done["attempts"]) == ("done", 1)
            assert_solution_checked(small_problem(seed=i), done["solution"])


def test_a_job_whose_pool_process_always_dies_fails_after_max_attempts(tmp_path):
    settings = celery_settings(tmp_path)
    with running(settings) as (client, _):
        location = submit(client, small_problem(), time_limit=5, hold=hold_token())  # never released
        for attempt in (1, 2):
            body = wait_for(client, location, lambda b, a=attempt: held(b) and b["attempts"] == a)
            os.kill(run_pid(client, body["id"]), signal.SIGKILL)
        body = wait_for(client, location, finished)
        assert (body["state"], body["attempts"]) == ("failed", 2)
        assert body["error"].startswith("its worker process died")
        assert body["error"].endswith("gave up after 2 attempts")
        after = submit(client, small_problem(), time_limit=5)  # Celery replaced the pool process
        assert wait_for(client, after, finished)["state"] == "done"


def test_cancel_reaches_a_running_solve_and_keeps_its_best_roster(tmp_path):
    settings = celery_settings(tmp_path)
    with running(settings) as (client, _):
        location = submit(client, small_problem(), time_limit=30, hold=hold_token())
        wait_for(client, location, held)
        response = client.delete(location)
        assert response.status_code in (200, 202)
        body = wait_for(client, location, finished)
        assert (body["state"], body["attempts"]) == ("cancelled", 1)
        assert body["solution"]["assignments"]
        assert_solution_checked(small_problem(), body["solution"])


def test_a_run_that_ignores_its_cancel_has_its_process_killed(tmp_path):
    settings = celery_settings(tmp_path)
    with running(settings) as (client, _):
        location = submit(client, small_problem(), time_limit=30, hold=f"deaf-{hold_token()}")
        body = wait_for(client, location, held)
        pid = run_pid(client, body["id"])
        assert client.delete(location).status_code == 202  # it does not stop by itself
        body = wait_for(client, location, finished)
        assert body["state"] == "cancelled"
        assert body["error"].startswith("its worker process died")
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
        after = submit(client, small_problem(), time_limit=5)
        done = wait_for(client, after, finished)
        assert done["state"] == "done"
        assert_solution_checked(small_problem(), done["solution"])


def test_an_unreachable_broker_is_503_with_retry_after_never_500(tmp_path):
    settings = celery_settings(tmp_path, broker_url=f"redis://127.0.0.1:{free_port()}/0", retry_after=7)
    with running(settings, workers=False) as (client, _):
        response = client.post("/v1/jobs", params={"time_limit": 5}, json=small_problem())
        assert response.status_code == 503, response.text
        assert response.headers["retry-after"] == "7"
        assert "broker" in response.json()["detail"]
        response = client.post("/v1/solve", params={"time_limit": 5}, json=small_problem())
        assert (response.status_code, response.headers["retry-after"]) == (503, "7")
        assert client.get("/v1/jobs").json()["total"] == 0  # nothing half-accepted
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["store"] is True


REDIS_SERVER = shutil.which("redis-server")


@contextmanager
def own_redis(port: int, directory: Path) -> Iterator[None]:
    """A redis-server of this test alone (no persistence), so it can be stopped and started."""
    assert REDIS_SERVER is not None
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=directory,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + DEADLINE
        while subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout != b"PONG\n":
            assert time.monotonic() < deadline and process.poll() is None, "redis-server did not start"
            time.sleep(0.1)
        yield
    finally:
        process.kill()
        process.wait()


@pytest.mark.skipif(REDIS_SERVER is None, reason="needs the redis-server program")
def test_a_broker_restart_loses_no_job(tmp_path, monkeypatch):
    """Redis stopped without saving (every message lost) while one job runs and three wait: the API
    answers 503 meanwhile, and once Redis is back the queued jobs are sent again and all finish."""
    monkeypatch.setattr(dispatch, "RESEND_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(dispatch, "SWEEP_SECONDS", 0.5)
    port = free_port()
    settings = celery_settings(tmp_path, broker_url=f"redis://127.0.0.1:{port}/0")
    with own_redis(port, tmp_path), running(settings) as (client, _):
        token = hold_token()
        first = submit(client, small_problem(), time_limit=5, hold=token)
        wait_for(client, first, held)
        queued = [submit(client, small_problem(seed=i), time_limit=5) for i in (1, 2, 3)]
        subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True)
        deadline = time.monotonic() + DEADLINE
        while client.get("/readyz").status_code != 503:  # the sweeper finds the broker gone
            assert time.monotonic() < deadline, "readiness never saw the broker go"
            time.sleep(0.1)
        response = client.post("/v1/jobs", json=small_problem())
        assert response.status_code == 503 and "retry-after" in response.headers
        with own_redis(port, tmp_path):
            release(settings, token)
            bodies = {loc: wait_for(client, loc, finished) for loc in [first, *queued]}
    for (location, body), seed in zip(bodies.items(), (0, 1, 2, 3), strict=True):
        assert body["state"] == "done", (location, body["error"])
        assert_solution_checked(small_problem(seed=seed), body["solution"])


def test_jobs_go_on_while_the_api_server_is_killed_and_restarted(tmp_path):
    """SIGKILL of the API (the workers are separate): running and queued jobs all finish, the
    running one without a second attempt."""
    settings = celery_settings(tmp_path / "data", max_concurrent_solves=1)
    worker = start_worker(settings)
    env = {k: v for k, v in worker_env(settings).items() if k.startswith("ROSTER_")}
    env["ROSTER_TEST_HOLD_DIR"] = str(settings.test_hold_dir)
    log, data = tmp_path / "server.log", tmp_path / "data"
    try:
        with server(data, log, **env) as (process, client):
            token = hold_token()
            params = {"time_limit": 5, "hold": token}
            running_id = client.post("/v1/jobs", params=params, json=small_problem()).json()["id"]
            queued = [
                client.post("/v1/jobs", params={"time_limit": 5}, json=small_problem(seed=i)).json()["id"]
                for i in (1, 2)
            ]
            deadline = time.monotonic() + DEADLINE
            while not held(client.get(f"/v1/jobs/{running_id}").json()):
                assert time.monotonic() < deadline
                time.sleep(0.05)
            process.send_signal(signal.SIGKILL)
            process.wait()
        with server(data, log, **env) as (process, client):
            assert client.get("/v1/jobs").json()["total"] == 3
            release(settings, token)
            bodies = {}
            for job_id in [running_id, *queued]:
                deadline = time.monotonic() + DEADLINE
                while (body := client.get(f"/v1/jobs/{job_id}").json())["state"] not in ("done", "failed"):
                    assert time.monotonic() < deadline, body["state"]
                    time.sleep(0.05)
                bodies[job_id] = body
    finally:
        stop_worker(worker)
    assert bodies[running_id]["attempts"] == 1
    for job_id, seed in zip([running_id, *queued], (0, 1, 2), strict=True):
        assert bodies[job_id]["state"] == "done"
        assert_solution_checked(small_problem(seed=seed), bodies[job_id]["solution"])


def test_rabbitmq_as_the_broker(tmp_path):
    settings = celery_settings(tmp_path, broker_url=RABBITMQ_URL)
    with _deleted_afterwards(settings.broker_queue), running(settings) as (client, _):  # deleted once stopped
        location = submit(client, small_problem(), time_limit=5)
        response = client.post("/v1/solve", params={"time_limit": 5}, json=small_problem(seed=1))
        assert response.status_code == 200, response.text
        assert_solution_checked(small_problem(seed=1), response.json())
        body = wait_for(client, location, finished)
        assert body["state"] == "done"
        assert_solution_checked(small_problem(), body["solution"])


def test_a_run_whose_machine_went_silent_is_retried(tmp_path):
    """A run whose heartbeat stopped (its worker machine went away with its message) is retried by
    the API's sweeper and finishes, its lost run counted as one attempt."""
    import psycopg

    from api.stores.base import HEARTBEAT_SECONDS

    settings = celery_settings(tmp_path)
    with running(settings) as (client, _):
        store = client.app.state.store  # type: ignore[attr-defined]
        job = store._store.submit(LOCAL_TENANT, "solve", json.dumps(small_problem()), _options(settings))
        lost = store.claim("gone-machine:1", job.id)  # a run nobody is doing, and no message
        silent = time.time() - 100 * HEARTBEAT_SECONDS
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(
                f'UPDATE "{settings.database_schema}".jobs SET heartbeat_at = %s WHERE id = %s',
                (silent, lost.id),
            )
        client.app.state.pool.sweep()  # type: ignore[attr-defined]  (its own sweeps may come first)
        body = wait_for(client, f"/v1/jobs/{job.id}", finished)
        assert (body["state"], body["attempts"]) == ("done", 2)
        assert_solution_checked(small_problem(), body["solution"])


def _options(settings: Settings) -> dict:
    from api.submission import solve_options

    return solve_options(settings, 5, 0, sync=False)


def test_the_hard_time_limit_comes_from_the_job_and_kills_an_overrunning_run(tmp_path):
    """The message of a job carries a hard limit of its own limit plus explanation plus grace; a
    run over its hard limit is killed by Celery and counted as an attempt, then failed."""
    import redis

    settings = celery_settings(tmp_path)
    with running(settings, workers=False) as (client, _):
        response = client.post("/v1/jobs", params={"time_limit": 7}, json=small_problem())
        job = client.app.state.store.get(response.json()["id"])  # type: ignore[attr-defined]
        queued = redis.Redis.from_url(settings.broker_url).lrange(settings.broker_queue, 0, -1)
        (message,) = [json.loads(raw) for raw in queued]
        hard, soft = message["headers"]["timelimit"]
        assert hard == job.options["deadline_seconds"] + HARD_LIMIT_GRACE_SECONDS == 7 + 20 + 60
        assert soft is None
        client.delete(f"/v1/jobs/{job.id}")

    settings = celery_settings(tmp_path / "again")
    with running(settings) as (client, _):
        store = client.app.state.store  # type: ignore[attr-defined]
        options = _options(settings) | {"hold": str(settings.test_hold_dir / hold_token())}  # never released
        job = store._store.submit(LOCAL_TENANT, "solve", json.dumps(small_problem()), options)
        client.app.state.pool.celery.send_task(  # type: ignore[attr-defined]
            "roster.run_job", args=[job.id], task_id=job.id, queue=settings.broker_queue, time_limit=3
        )
        body = wait_for(client, f"/v1/jobs/{job.id}", finished)
        assert (body["state"], body["attempts"]) == ("failed", 2)
        assert body["error"] == "it overran its hard time limit of 3 s; gave up after 2 attempts"


@contextmanager
def _deleted_afterwards(queue: str) -> Iterator[None]:
    """Delete a RabbitMQ queue of this test when it ends."""
    from kombu import Connection

    try:
        yield
    finally:
        with Connection(RABBITMQ_URL, connect_timeout=5) as conn:
            conn.default_channel.queue_delete(queue)


PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=None)


@contextmanager
def own_postgres(port: int) -> Iterator[tuple[str, Any]]:
    """A PostgreSQL cluster of this test alone (made with initdb as the postgres user), and a
    function that stops or starts it."""
    assert PG_BIN is not None
    directory = Path(tempfile.mkdtemp(prefix="roster-pg-"))
    shutil.chown(directory, "postgres")
    data = directory / "data"

    def pg(*args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True)

    def control(action: str) -> None:
        options = f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        extra = ["-m", "immediate"] if action == "stop" else ["-o", options, "-l", str(directory / "log")]
        pg(str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", *extra, action)

    pg(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    control("start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres", control
    finally:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.skipif(PG_BIN is None or os.geteuid() != 0, reason="needs PostgreSQL's programs and root")
def test_the_job_store_reconnects_at_once_after_a_long_database_outage():
    """After an outage of half a minute the first request reaches the database again (the pool's
    reconnection delays, doubling from 1 s, would otherwise keep it away for another half minute)."""
    outage = 35.0
    with own_postgres(free_port()) as (url, control):
        store = open_store(url, schema="roster")
        try:
            assert store.ping()
            control("stop")
            stopped = time.monotonic()
            while time.monotonic() - stopped < outage:  # callers keep asking while it is away
                with pytest.raises(StoreUnavailable):
                    store.ping()
            control("start")
            assert store.ping()  # one call, which waits for a connection at most WAIT_FOR_CONNECTION
        finally:
            store.close()


@pytest.mark.skipif(PG_BIN is None or os.geteuid() != 0, reason="needs PostgreSQL's programs and root")
def test_a_database_restart_loses_no_job(tmp_path, monkeypatch):
    """The job database stopped at once (no clean shutdown) while one job runs and two wait: the API
    answers 503 with Retry-After meanwhile, and once it is back every job finishes."""
    monkeypatch.setattr(dispatch, "RESEND_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(dispatch, "SWEEP_SECONDS", 0.5)
    with own_postgres(free_port()) as (url, control):
        settings = celery_settings(tmp_path, database_url=url, database_schema="roster")
        with running(settings) as (client, _):
            token = hold_token()
            first = submit(client, small_problem(), time_limit=5, hold=token)
            wait_for(client, first, held)
            queued = [submit(client, small_problem(seed=i), time_limit=5) for i in (1, 2)]
            control("stop")
            for response in (client.get(first), client.post("/v1/jobs", json=small_problem())):
                assert response.status_code == 503, response.text
                assert response.headers["retry-after"] == str(settings.retry_after)
            assert client.get("/readyz").status_code == 503
            control("start")
            release(settings, token)
            bodies = [wait_for(client, location, finished) for location in [first, *queued]]
    for body, seed in zip(bodies, (0, 1, 2), strict=True):
        assert body["state"] == "done", body["error"]
        assert_solution_checked(small_problem(seed=seed), body["solution"])


def test_readiness_counts_the_workers_of_its_own_queue(tmp_path):
    one, two = celery_settings(tmp_path / "one"), celery_settings(tmp_path / "two", max_concurrent_solves=2)
    with running(one) as (first, _), running(two) as (second, _):
        wait_for(second, "/readyz", lambda b: b["workers"] == 2)
        body = wait_for(first, "/readyz", lambda b: b["workers"] >= 1)
        assert (body["workers"], body["workers_expected"]) == (1, 1)
        assert wait_for(second, "/readyz", lambda b: b["workers"] == 2)["status"] == "ready"
