"""Schemathesis against the real server over loopback: no 5xx, and no status the OpenAPI document omits.

Run: ``python -m benchmarks.fuzz_api [--examples 60]``. It starts ``roster serve`` (with an API key
and tiny time caps, so generated problems solve in about a second) on a free loopback port, generates
``--examples`` valid and as many invalid requests per operation from ``/openapi.json`` and prints a
Markdown table of the status codes seen per operation. Exit 1 on any 5xx or undocumented status.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode

from api.security import hash_key
from benchmarks.load_api import _free_port, _start_server, _wait_ready

KEY = "fuzz-key-0123456789abcdef"
SERVER_ENV = {
    "ROSTER_API_KEYS": f"fuzz={hash_key(KEY)}",
    "ROSTER_MAX_CONCURRENT_SOLVES": "1",
    "ROSTER_MAX_SYNC_TIME_LIMIT": "1",
    "ROSTER_MAX_TIME_LIMIT": "1",
    "ROSTER_DEFAULT_TIME_LIMIT": "1",
    "ROSTER_MAX_EMPLOYEES": "20",
    "ROSTER_QUEUE_LENGTH": "20",
}


def _documented(operation) -> set[str]:
    return {str(code) for code in operation.definition.raw.get("responses", {})}


def _fuzz(
    operation, mode: GenerationMode, base: str, examples: int, counts: Counter[int], problems: list[str]
) -> None:
    """Send ``examples`` generated requests to one operation, counting statuses and noting problems."""
    documented = _documented(operation)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case) -> None:
        response = case.call(base_url=base, headers={"Authorization": f"Bearer {KEY}"}, timeout=120)
        counts[response.status_code] += 1
        status = str(response.status_code)
        if response.status_code >= 500 or (status not in documented and "default" not in documented):
            problems.append(f"{operation.label}: {status} {response.text[:200]!r}")

    run()


def main() -> None:
    """Run the fuzzing and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=60, help="requests per operation and mode")
    args = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    seen: dict[str, Counter[int]] = {}
    problems: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="roster-fuzz-") as data_dir:
        os.environ.update(SERVER_ENV)
        server = _start_server(Path(data_dir), port, keep_keys=True)
        try:
            _wait_ready(base, server)
            schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
            for result in schema.get_all_operations():
                operation = result.ok()
                seen[operation.label] = Counter()
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                    # An operation without inputs has no invalid request: Unsatisfiable.
                    with contextlib.suppress(Unsatisfiable):
                        _fuzz(operation, mode, base, args.examples, seen[operation.label], problems)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(60)
    total = sum(sum(counts.values()) for counts in seen.values())
    print(f"{total} generated requests against the real server in {time.monotonic() - started:.0f} s\n")
    print("| operation | requests | status codes seen |")
    print("|---|---:|---|")
    for label, counts in seen.items():
        shown = ", ".join(f"{code}×{n}" for code, n in sorted(counts.items()))
        print(f"| `{label}` | {sum(counts.values())} | {shown} |")
    print(f"\n5xx or undocumented statuses: {len(problems)}")
    for problem in problems[:20]:
        print(f"- {problem}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
