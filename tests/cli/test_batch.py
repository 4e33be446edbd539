"""``roster batch`` through the console script: a directory, a manifest, sites, resuming, Celery."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from optimizer import RosterSolution, parse_problem
from optimizer.generator import GeneratorSettings, generate
from tests.helpers import assert_checked

ROSTER = Path(sys.executable).parent / "roster"


def batch(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("ROSTER_")} | (env or {})
    return subprocess.run(
        [str(ROSTER), "batch", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=environment,
    )


def write_offices(directory: Path, seeds: list[int], **kw) -> dict[str, dict]:
    directory.mkdir(parents=True, exist_ok=True)
    problems = {}
    for seed in seeds:
        data = generate(GeneratorSettings(employees=10 + seed, seed=seed, **kw)).model_dump(
            mode="json", exclude_defaults=True
        )
        (directory / f"office{seed}.json").write_text(json.dumps(data), encoding="utf-8")
        problems[f"office{seed}"] = data
    return problems


def summary(out: Path) -> list[dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def assert_rosters(out: Path, problems: dict[str, dict]) -> None:
    for name, data in problems.items():
        solution = RosterSolution.model_validate_json((out / "rosters" / f"{name}.json").read_text())
        assert_checked(parse_problem(data), solution)


def test_a_directory_then_resumed_without_solving_again(tmp_path):
    problems = write_offices(tmp_path / "in", [1, 2])
    out = tmp_path / "out"
    result = batch(tmp_path / "in", "-o", out, "--time-limit", "5", "--workers", "1")
    assert result.returncode == 0, result.stderr
    rows = summary(out)
    assert [(r["office"], r["employees"]) for r in rows] == [("office1", "11"), ("office2", "12")]
    assert all(r["status"] in {"optimal", "feasible"} and r["objective"] and r["seconds"] for r in rows)
    assert_rosters(out, problems)
    first_jobs = json.loads((out / "batch.json").read_text())
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "rosters").iterdir()}

    problems |= write_offices(tmp_path / "in", [3])  # one more office, then the same command again
    result = batch(tmp_path / "in", "-o", out, "--time-limit", "5", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "3 offices (2 already solved), 0 failed" in result.stderr
    jobs = json.loads((out / "batch.json").read_text())
    assert {k: jobs[k] for k in first_jobs} == first_jobs and set(jobs) == set(problems)
    assert {name: (out / "rosters" / name).stat().st_mtime_ns for name in stamps} == stamps
    assert [r["office"] for r in summary(out)] == ["office1", "office2", "office3"]
    assert_rosters(out, problems)


def test_a_manifest_split_by_site(tmp_path):
    organisation = write_offices(tmp_path / "in", [4], sites=2, teams=2)["office4"]
    manifest = tmp_path / "offices.txt"
    manifest.write_text("# the ministry\nin/office4.json\n\n", encoding="utf-8")
    out = tmp_path / "out"
    result = batch(manifest, "-o", out, "--split-by", "site", "--time-limit", "5", "--workers", "1")
    assert result.returncode == 0, result.stderr
    rows = summary(out)
    sites = {s["id"] for s in organisation["sites"]}
    assert {r["office"] for r in rows} <= {f"office4.{site}" for site in sites}
    assert sum(int(r["employees"]) for r in rows) == len(organisation["employees"])


def test_a_bad_file_is_named_and_nothing_runs(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.json").write_text("{not json", encoding="utf-8")
    result = batch(tmp_path / "in", "-o", tmp_path / "out")
    assert result.returncode == 3
    assert "broken.json" in result.stderr and "Traceback" not in result.stderr
    manifest = tmp_path / "list.txt"
    manifest.write_text("missing.json\n", encoding="utf-8")
    result = batch(manifest, "-o", tmp_path / "out")
    assert result.returncode == 3 and "line 1: missing.json: no such file" in result.stderr


def test_the_celery_backend(tmp_path):
    from tests.api.helpers import make_settings
    from tests.services import POSTGRES_URL, start_worker, stop_worker, worker_env

    settings = make_settings(
        tmp_path / "data",
        backend="celery",
        database_url=POSTGRES_URL,
        max_concurrent_solves=2,
        start_workers=False,
    )
    worker = start_worker(settings)
    try:
        problems = write_offices(tmp_path / "in", [5, 6, 7])
        env = {k: v for k, v in worker_env(settings).items() if k.startswith("ROSTER_")}
        result = batch(
            tmp_path / "in", "-o", tmp_path / "out", "--backend", "celery", "--time-limit", "5", env=env
        )
    finally:
        stop_worker(worker)
    assert result.returncode == 0, result.stderr
    assert [r["office"] for r in summary(tmp_path / "out")] == ["office5", "office6", "office7"]
    assert_rosters(tmp_path / "out", problems)
