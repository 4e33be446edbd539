"""The real server as a subprocess: submit, poll, cancel, SIGKILL it, restart it, every job finishes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.api.helpers import FINISHED, assert_solution_checked, slow_problem, small_problem
from tests.services import fresh_schema

ROSTER = Path(sys.executable).with_name("roster")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> set[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


_schemas: dict[Path, str] = {}  # on PostgreSQL: one schema per data directory, kept across restarts
READY_SECONDS = 300.0  # a failure bound only: the test waits for states, never for time to pass


@contextmanager
def server(data_dir: Path, log: Path, **env: str) -> Iterator[tuple[subprocess.Popen, httpx.Client]]:
    """``roster serve`` on a free loopback port, ready to answer; killed on exit if still running."""
    port = free_port()
    command = (
        [str(ROSTER)] if ROSTER.exists() else [sys.executable, "-c", "from optimizer.cli import main; main()"]
    )
    environment = {
        **os.environ,
        "ROSTER_BACKEND": "embedded",  # this server's own workers (test_celery runs the Celery twin)
        "ROSTER_POLL_INTERVAL": "0.02",
        "ROSTER_MAX_CONCURRENT_SOLVES": "2",
        "ROSTER_TEST_HOLD_DIR": str(data_dir / "hold"),
        **env,
    }
    environment.pop("ROSTER_API_KEYS", None)
    if environment.get("ROSTER_DATABASE_URL", "").startswith("postgres"):
        environment.setdefault("ROSTER_DATABASE_SCHEMA", _schemas.setdefault(data_dir, fresh_schema()))
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port), "--data-dir", str(data_dir)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=READY_SECONDS)
    try:
        deadline = time.monotonic() + READY_SECONDS
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                if client.get("/readyz", timeout=10).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not become ready"
            time.sleep(0.1)
        yield process, client
    finally:
        client.close()
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait(client: httpx.Client, job_id: str, done, timeout: float = READY_SECONDS) -> dict:
    """Poll a job until ``done(body)``; fail after ``timeout`` s (a bound for failures only)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/v1/jobs/{job_id}").json()
        if done(body):
            return body
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} stuck in {body['state']}")


def held(body: dict) -> bool:
    """Paused at its first roster by the test hook: running, and it cannot finish by itself."""
    return body["state"] == "running" and body["best"] is not None


def kill_server(process: subprocess.Popen) -> None:
    """SIGKILL the server; its worker processes notice and exit."""
    workers = children_of(process.pid)
    assert workers, "the server has no worker processes"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + READY_SECONDS
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), "worker processes outlived the killed server"


def test_jobs_survive_sigkills_and_restarts_without_using_attempts(tmp_path):
    """Two SIGKILLs of the server with jobs running: every job finishes, none loses an attempt
    (ROSTER_MAX_ATTEMPTS=1: a counted restart would fail them)."""
    log, data = tmp_path / "server.log", tmp_path / "data"
    quick, slow = small_problem(), slow_problem()
    problems: dict[str, dict] = {}
    with server(data, log, ROSTER_MAX_ATTEMPTS="1") as (process, client):
        assert client.post("/v1/solve", json=quick).json()["status"] == "optimal"
        for _ in range(3):
            # A 12-person week is proven optimal long before 30 s: the limit is only a bound.
            response = client.post("/v1/jobs", params={"time_limit": 30}, json=quick)
            assert response.status_code == 202
            problems[response.json()["id"]] = quick
        params = {"time_limit": 60, "hold": "cancel"}
        to_cancel = client.post("/v1/jobs", params=params, json=slow).json()["id"]
        problems[to_cancel] = slow
        interrupted = []
        for _ in range(2):
            params = {"time_limit": 5, "hold": "restart"}
            interrupted.append(client.post("/v1/jobs", params=params, json=quick).json()["id"])
        problems.update(dict.fromkeys(interrupted, quick))

        wait(client, to_cancel, held)
        response = client.delete(f"/v1/jobs/{to_cancel}")
        assert response.status_code in (200, 202)
        assert wait(client, to_cancel, lambda b: b["state"] in FINISHED)["state"] == "cancelled"
        for job_id in interrupted:
            assert wait(client, job_id, held)["attempts"] == 1
        kill_server(process)

    with server(data, log, ROSTER_MAX_ATTEMPTS="1") as (process, client):
        listed = client.get("/v1/jobs", params={"limit": 100}).json()
        assert listed["total"] == len(problems)
        assert {item["id"] for item in listed["items"]} == set(problems)
        for job_id in interrupted:  # run again, still held: the crash did not count
            assert wait(client, job_id, held)["attempts"] == 1
        kill_server(process)

    with server(data, log, ROSTER_MAX_ATTEMPTS="1") as (process, client):
        for job_id in interrupted:
            assert wait(client, job_id, held)["attempts"] == 1
        (data / "hold").mkdir(exist_ok=True)
        (data / "hold" / "restart").touch()
        final = {job_id: wait(client, job_id, lambda b: b["state"] in FINISHED) for job_id in problems}

    assert final[to_cancel]["state"] == "cancelled"
    assert final[to_cancel]["solution"]["assignments"]
    for job_id in interrupted:
        assert final[job_id]["attempts"] == 1
    for job_id, body in final.items():
        if job_id != to_cancel:
            assert body["state"] == "done", body["error"]
            assert body["status"] in {"optimal", "feasible"}
        assert_solution_checked(problems[job_id], body["solution"])
