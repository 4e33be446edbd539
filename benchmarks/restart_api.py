"""Time to ready after a SIGKILL: how soon a restarted server accepts and lists jobs, and solves again.

Run: ``python -m benchmarks.restart_api [--jobs 20] [--restarts 3]``. It starts ``roster serve`` on a
free loopback port, queues ``--jobs`` solves of a generated 40-person problem (two of them running),
SIGKILLs the server and starts it again, ``--restarts`` times, and prints for each restart the
seconds from the start of the process to: ``/readyz`` 200, ``GET /v1/jobs`` listing every job, a
``POST /v1/jobs`` accepted, and every worker up (``workers`` = expected in ``/readyz``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.load_api import _free_port, _start_server
from optimizer.generator import GeneratorSettings, generate

DEADLINE = 600.0


def _until(check, started: float) -> float:
    """Seconds from ``started`` until ``check()`` is true (polled every 20 ms)."""
    while time.monotonic() - started < DEADLINE:
        try:
            if check():
                return time.monotonic() - started
        except httpx.TransportError:
            pass
        time.sleep(0.02)
    raise SystemExit("the server did not get there in time")


def _restart(data_dir: Path, port: int, jobs: int, body: bytes) -> tuple[dict[str, float], object]:
    base = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=base, timeout=30)
    headers = {"Content-Type": "application/json"}
    started = time.monotonic()
    server = _start_server(data_dir, port)

    def ready() -> bool:
        return client.get("/readyz").status_code == 200

    def listed() -> bool:
        response = client.get("/v1/jobs", params={"limit": 1})
        return response.status_code == 200 and response.json()["total"] >= jobs

    def accepted() -> bool:
        return (
            client.post("/v1/jobs", params={"time_limit": 60}, content=body, headers=headers).status_code
            == 202
        )

    def workers() -> bool:
        body = client.get("/readyz").json()
        return body["workers"] == body["workers_expected"]

    times = {name: _until(check, started) for name, check in [("ready", ready), ("listed", listed)]}
    times["accepted"] = _until(accepted, started)
    times["workers"] = _until(workers, started)
    client.close()
    return times, server


def main() -> None:
    """Run the restarts and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=20, help="jobs in the store before the first SIGKILL")
    parser.add_argument("--restarts", type=int, default=3, help="SIGKILLs and restarts")
    args = parser.parse_args()
    problem = generate(GeneratorSettings(employees=40, seed=0))
    body = json.dumps(problem.model_dump(mode="json", exclude_defaults=True)).encode()
    port = _free_port()
    rows = []
    with tempfile.TemporaryDirectory(prefix="roster-restart-") as data_dir:
        times, server = _restart(Path(data_dir), port, 0, body)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for _ in range(args.jobs - 1):
                client.post(
                    "/v1/jobs",
                    params={"time_limit": 60},
                    content=body,
                    headers={"Content-Type": "application/json"},
                )
        jobs = args.jobs
        for _ in range(args.restarts):
            server.send_signal(signal.SIGKILL)  # type: ignore[attr-defined]
            server.wait()  # type: ignore[attr-defined]
            times, server = _restart(Path(data_dir), port, jobs, body)
            jobs += 1  # the accepted probe
            rows.append(times)
        server.send_signal(signal.SIGTERM)  # type: ignore[attr-defined]
        server.wait(60)  # type: ignore[attr-defined]
    print(
        f"Restart after SIGKILL with {args.jobs}+ jobs stored; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores\n"
    )
    print("| restart | /readyz 200 (s) | jobs listed (s) | job accepted (s) | all workers up (s) |")
    print("|---:|---:|---:|---:|---:|")
    for index, times in enumerate(rows, 1):
        print(
            f"| {index} | {times['ready']:.2f} | {times['listed']:.2f} | {times['accepted']:.2f} | "
            f"{times['workers']:.2f} |"
        )
    medians = {key: statistics.median(row[key] for row in rows) for key in rows[0]}
    print(
        f"| median | {medians['ready']:.2f} | {medians['listed']:.2f} | {medians['accepted']:.2f} | "
        f"{medians['workers']:.2f} |"
    )
    print("\nSeconds from the start of the new server process (python start-up and imports included).")


if __name__ == "__main__":
    main()
