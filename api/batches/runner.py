"""Running a batch from the command line: submit each office as a job, collect rosters, resume.

The output directory holds ``rosters/<office>.json`` (each office's solution), ``summary.csv``
and ``batch.json`` (the job id of each office). A re-run skips every office whose roster file is
there, and re-attaches to the jobs of the previous run that are still queued or running, so no
finished office is solved again.
"""

from __future__ import annotations

import csv
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.batches.offices import Office
from api.stores import Job, JobStore

TENANT = "batch"
POLL_SECONDS = 0.25
SUMMARY_FIELDS = ("office", "employees", "status", "objective", "gap", "seconds")


@dataclass
class Outcome:
    """One row of the summary."""

    office: str
    employees: int
    status: str  # the solution's status, or the job's state when it ended without one
    objective: int | None = None
    gap: float | None = None
    seconds: float | None = None
    skipped: bool = False  # finished by an earlier run

    def row(self) -> dict[str, Any]:
        """The CSV row."""
        gap = None if self.gap is None else round(self.gap, 6)
        seconds = None if self.seconds is None else round(self.seconds, 3)
        values = [self.office, self.employees, self.status, self.objective, gap, seconds]
        return {
            key: "" if value is None else value for key, value in zip(SUMMARY_FIELDS, values, strict=True)
        }


@dataclass
class Counts:
    """Where the offices of a batch are."""

    done: int = 0
    running: int = 0
    queued: int = 0
    failed: int = 0
    skipped: int = 0
    total: int = 0


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def outcome_of(office: Office, solution: dict[str, Any], skipped: bool = False) -> Outcome:
    """The summary row of an office's solution."""
    return Outcome(
        office.name,
        len(office.problem.employees),
        str(solution.get("status")),
        solution.get("objective"),
        solution.get("gap"),
        solution.get("solve_seconds"),
        skipped,
    )


def write_summary(path: Path, outcomes: list[Outcome]) -> None:
    """The summary CSV, one row per office in batch order."""
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=SUMMARY_FIELDS)
        writer.writeheader()
        for outcome in outcomes:
            writer.writerow(outcome.row())
    os.replace(temporary, path)


def run_batch(
    offices: list[Office],
    out_dir: Path,
    store: JobStore,
    send: Callable[[Job], None],
    options: dict[str, Any],
    on_progress: Callable[[Counts], None] = lambda counts: None,
) -> list[Outcome]:
    """Solve every office not solved yet (``send`` hands a stored job to the backend); returns the
    summary rows, also written to ``summary.csv``."""
    rosters = out_dir / "rosters"
    rosters.mkdir(parents=True, exist_ok=True)
    state_file = out_dir / "batch.json"
    jobs: dict[str, str] = json.loads(state_file.read_text(encoding="utf-8")) if state_file.exists() else {}
    outcomes: dict[str, Outcome] = {}
    pending: dict[str, str] = {}
    by_name = {office.name: office for office in offices}
    for office in offices:
        roster = rosters / f"{office.name}.json"
        if roster.exists():
            outcomes[office.name] = outcome_of(office, json.loads(roster.read_text(encoding="utf-8")), True)
            continue
        previous = store.get(jobs[office.name]) if office.name in jobs else None
        if previous is None or previous.state in ("failed", "cancelled"):
            previous = store.submit(TENANT, "solve", office.problem.model_dump_json(), options)
            send(previous)
            jobs[office.name] = previous.id
            _write_atomically(state_file, json.dumps(jobs, indent=1))
        pending[office.name] = previous.id
    counts = Counts(total=len(offices), skipped=len(outcomes), done=len(outcomes))
    while True:
        counts.running = counts.queued = 0
        for name, job_id in list(pending.items()):
            state = store.state_of(job_id)
            if state == "running":
                counts.running += 1
            elif state == "queued":
                counts.queued += 1
            else:
                job = store.get(job_id)
                office = by_name[name]
                if job is None:  # removed from the store behind our back: solved again at the next run
                    outcomes[name] = Outcome(name, len(office.problem.employees), "lost")
                    counts.failed += 1
                elif job.state == "done" and job.result is not None:
                    _write_atomically(rosters / f"{name}.json", json.dumps(job.result, indent=1))
                    outcomes[name] = outcome_of(office, job.result)
                    counts.done += 1
                else:
                    outcomes[name] = Outcome(name, len(office.problem.employees), job.state)
                    counts.failed += 1
                del pending[name]
        on_progress(counts)
        if not pending:
            break
        time.sleep(POLL_SECONDS)
    ordered = [outcomes[office.name] for office in offices]
    write_summary(out_dir / "summary.csv", ordered)
    return ordered
