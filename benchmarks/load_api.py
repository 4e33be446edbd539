"""Load benchmark of the roster API on loopback: throughput, p50/p99 latency, overhead over the library.

Run: ``python -m benchmarks.load_api [--employees 40] [--clients 50] [--requests 20] [--solves 40]``.
It starts ``roster serve`` on a free loopback port with a temporary data directory, sends a generated
problem (40 employees by default; ``--solves 0`` skips the solve phase), and prints a Markdown table.
The target: p99 of ``POST /v1/check`` under 100 ms with 50 clients on an otherwise idle 2-core
machine. Bounded: at most ``clients × requests`` check calls and ``solves`` solve calls, and
``--max-seconds`` of wall time per phase.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from optimizer import SolveOptions, check, parse_problem, solve
from optimizer.domain.solution import RosterInput
from optimizer.generator import GeneratorSettings, generate

SOLVE_TIME_LIMIT = 5.0


@dataclass
class Phase:
    """Latencies (seconds) and failures of one kind of request."""

    name: str
    clients: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wall: float = 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(data_dir: Path, port: int, *, keep_keys: bool = False) -> subprocess.Popen:
    """``roster serve`` on loopback; keyless unless ``keep_keys`` (then ROSTER_API_KEYS is passed on)."""
    roster = Path(sys.executable).with_name("roster")
    command = (
        [str(roster)] if roster.exists() else [sys.executable, "-c", "from optimizer.cli import main; main()"]
    )
    env = {k: v for k, v in os.environ.items() if keep_keys or k != "ROSTER_API_KEYS"}
    env.setdefault("ROSTER_QUEUE_LENGTH", "1000")
    return subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )


def _wait_ready(base: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited during start-up")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not become ready")


def _median_seconds(call: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def _load(
    base: str, phase: Phase, path: str, body: bytes, per_client: int, max_seconds: float, health: Phase
) -> None:
    """``phase.clients`` concurrent clients, each sending ``per_client`` requests one after another,
    and one client probing ``/healthz`` meanwhile (its latencies go to ``health``)."""
    limits = httpx.Limits(max_connections=phase.clients, max_keepalive_connections=phase.clients)
    headers = {"Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        deadline = time.perf_counter() + max_seconds

        async def one_client() -> None:
            for _ in range(per_client):
                if time.perf_counter() > deadline:
                    return
                started = time.perf_counter()
                try:
                    response = await client.post(path, content=body, headers=headers)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                phase.latencies.append(time.perf_counter() - started)
                phase.errors += not ok

        async def probe() -> None:
            """GET /healthz every 50 ms while the clients run: is the event loop free?"""
            async with httpx.AsyncClient(base_url=base, timeout=120) as prober:
                while not finished.is_set():
                    started = time.perf_counter()
                    try:
                        ok = (await prober.get("/healthz")).status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    health.latencies.append(time.perf_counter() - started)
                    health.errors += not ok
                    await asyncio.sleep(0.05)

        finished = asyncio.Event()
        started = time.perf_counter()
        probing = asyncio.create_task(probe())
        await asyncio.gather(*(one_client() for _ in range(phase.clients)))
        phase.wall = time.perf_counter() - started
        finished.set()
        await probing
        health.wall = phase.wall


def _sequential(base: str, path: str, body: bytes, repeat: int) -> tuple[float, float]:
    """Median round trip of one client, and median time inside the app (its Server-Timing header)."""
    inside: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        headers = {"Content-Type": "application/json"}
        for _ in range(3):
            client.post(path, content=body, headers=headers)  # warm up

        def call() -> None:
            response = client.post(path, content=body, headers=headers)
            response.raise_for_status()
            inside.append(float(response.headers["server-timing"].split("dur=")[1]) / 1e3)

        return _median_seconds(call, repeat), statistics.median(inside)


def main() -> None:
    """Run the benchmark and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=40, help="employees of the generated problem")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients for /v1/check")
    parser.add_argument("--requests", type=int, default=20, help="check requests per client")
    parser.add_argument("--solve-clients", type=int, default=10, help="concurrent clients for /v1/solve")
    parser.add_argument("--solves", type=int, default=40, help="solve requests in all")
    parser.add_argument("--max-seconds", type=float, default=120, help="wall-time bound of each phase")
    args = parser.parse_args()

    problem = generate(GeneratorSettings(employees=args.employees, seed=0))
    data = problem.model_dump(mode="json", exclude_defaults=True)
    solution = solve(problem, SolveOptions(time_limit=SOLVE_TIME_LIMIT, workers=1))
    roster = {"assignments": [a.model_dump(mode="json", exclude_none=True) for a in solution.assignments]}
    check_body = json.dumps({"problem": data, "roster": roster}).encode()
    solve_body = json.dumps(data).encode()

    def library_check() -> str:
        parsed = parse_problem(json.loads(check_body)["problem"])
        given = RosterInput.model_validate(roster)
        return check(parsed, given.assignments, given.team_days).model_dump_json()

    def library_solve() -> str:
        return solve(
            parse_problem(data), SolveOptions(time_limit=SOLVE_TIME_LIMIT, workers=1)
        ).model_dump_json()

    lib_check = _median_seconds(library_check, 200)
    lib_solve = _median_seconds(library_solve, 20) if args.solves else float("nan")

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="roster-load-") as data_dir:
        server = _start_server(Path(data_dir), port)
        try:
            _wait_ready(base, server)
            api_check = _sequential(base, "/v1/check", check_body, 200)
            api_solve = (float("nan"), float("nan"))
            if args.solves:
                api_solve = _sequential(base, f"/v1/solve?time_limit={SOLVE_TIME_LIMIT}", solve_body, 20)
            checks = Phase("POST /v1/check", args.clients)
            check_health = Phase("GET /healthz during the checks", 1)
            load = _load(base, checks, "/v1/check", check_body, args.requests, args.max_seconds, check_health)
            asyncio.run(load)
            solves = Phase("POST /v1/solve", args.solve_clients)
            solve_health = Phase("GET /healthz during the solves", 1)
            if args.solves:
                per_client = max(1, args.solves // args.solve_clients)
                path = f"/v1/solve?time_limit={SOLVE_TIME_LIMIT}"
                asyncio.run(_load(base, solves, path, solve_body, per_client, args.max_seconds, solve_health))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)

    print(
        f"Generated problem ({len(problem.employees)} employees, {len(solution.assignments)} assignments), "
        f"loopback, {os.cpu_count()} cores shared by server, workers and load generator\n"
    )
    print("| endpoint | clients | requests | errors | throughput (req/s) | p50 (ms) | p99 (ms) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for phase in (checks, check_health, solves, solve_health):
        if not phase.latencies:
            continue
        print(
            f"| {phase.name} | {phase.clients} | {len(phase.latencies)} | {phase.errors} | "
            f"{len(phase.latencies) / phase.wall:.0f} | {phase.percentile(0.5) * 1e3:.1f} | "
            f"{phase.percentile(0.99) * 1e3:.1f} |"
        )
    print("\n| call | library (ms) | inside the app (ms) | round trip, one client (ms) | app overhead (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, library, (round_trip, inside) in (
        ("check", lib_check, api_check),
        ("solve", lib_solve, api_solve),
    ):
        print(
            f"| {name} | {library * 1e3:.2f} | {inside * 1e3:.2f} | {round_trip * 1e3:.2f} | "
            f"{(inside - library) * 1e3:.2f} |"
        )
    print("\nLibrary check = parse_problem + roster validation + check() + JSON dump, in process;")
    print("library solve = parse_problem + solve() with 1 CP-SAT worker; medians of sequential calls.")
    print("Inside the app = the server's Server-Timing header; the round trip adds HTTP and the client.")
    print(f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")


if __name__ == "__main__":
    main()
