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


@contextmanager
def server(data_dir: Path, log: Path, **env: str) -> Iterator[tuple[subprocess.Popen, httpx.Client]]:
    """``roster serve`` on a free loopback port, ready to answer; killed on exit if still running."""
    port = free_port()
    command = (
        [str(ROSTER)] if ROSTER.exists() else [sys.executable, "-c", "from optimizer.cli import main; main()"]
    )
    environment = {**os.environ, "ROSTER_POLL_INTERVAL": "0.02", "ROSTER_MAX_CONCURRENT_SOLVES": "2", **env}
    environment.pop("ROSTER_API_KEYS", None)
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port), "--data-dir", str(data_dir)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                if client.get("/readyz").status_code == 200:
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
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait(client: httpx.Client, job_id: str, done, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/v1/jobs/{job_id}").json()
        if done(body):
            return body
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} stuck in {body['state']}")


def test_jobs_survive_sigkill_and_restart(tmp_path):
    log = tmp_path / "server.log"
    quick, slow = small_problem(), slow_problem()
    problems: dict[str, dict] = {}
    with server(tmp_path / "data", log) as (process, client):
        assert client.post("/v1/solve", json=quick).json()["status"] == "optimal"
        for _ in range(3):
            response = client.post("/v1/jobs", params={"time_limit": 2}, json=quick)
            assert response.status_code == 202
            problems[response.json()["id"]] = quick
        to_cancel = client.post("/v1/jobs", params={"time_limit": 60}, json=slow).json()["id"]
        problems[to_cancel] = slow
        for _ in range(3):
            problems[client.post("/v1/jobs", params={"time_limit": 3}, json=slow).json()["id"]] = slow

        wait(client, to_cancel, lambda b: b["state"] == "running" and b["best"] is not None)
        cancelled = client.delete(f"/v1/jobs/{to_cancel}").json()
        assert cancelled["state"] == "cancelled"
        interrupted = wait(client, list(problems)[-3], lambda b: b["state"] == "running")["id"]
        workers = children_of(process.pid)
        assert len(workers) >= 2
        process.send_signal(signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in workers), "worker processes outlived the killed server"

    with server(tmp_path / "data", log) as (process, client):
        listed = client.get("/v1/jobs", params={"limit": 100}).json()
        assert listed["total"] == len(problems)
        assert {item["id"] for item in listed["items"]} == set(problems)
        final = {job_id: wait(client, job_id, lambda b: b["state"] in FINISHED) for job_id in problems}

    assert final[to_cancel]["state"] == "cancelled"
    assert final[to_cancel]["solution"]["assignments"]
    assert final[interrupted]["attempts"] == 2
    for job_id, body in final.items():
        if job_id != to_cancel:
            assert body["state"] == "done", body["error"]
            assert body["status"] in {"optimal", "feasible"}
        assert_solution_checked(problems[job_id], body["solution"])
