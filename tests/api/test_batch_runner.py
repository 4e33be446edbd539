"""The batch runner's resume: a job of an interrupted run is waited for, not submitted again."""

from __future__ import annotations

import json

from api.batches.offices import Office
from api.batches.runner import run_batch
from api.stores import open_store
from optimizer import RosterSolution, SolveOptions, parse_problem, solve
from tests.api.helpers import small_problem
from tests.helpers import assert_checked


def test_a_finished_job_of_an_interrupted_run_is_collected_not_solved_again(tmp_path):
    """The earlier run was killed after its job finished and before the roster file was written."""
    store = open_store(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    problem = parse_problem(small_problem())
    job = store.submit("batch", "solve", problem.model_dump_json(), {})
    run = store.claim("w1", job.id)
    solution = solve(problem, SolveOptions(time_limit=5, workers=1)).model_dump(mode="json")
    assert store.finish(job.id, run.lease, "done", solution)
    out = tmp_path / "out"
    out.mkdir()
    (out / "batch.json").write_text(json.dumps({"jakarta": job.id}))
    sent = []
    outcomes = run_batch([Office("jakarta", problem)], out, store, sent.append, {})
    assert sent == [] and store.list("batch", 10, 0)[1] == 1  # nothing submitted again
    assert (outcomes[0].office, outcomes[0].status, outcomes[0].skipped) == (
        "jakarta",
        solution["status"],
        False,
    )
    written = RosterSolution.model_validate_json((out / "rosters" / "jakarta.json").read_text())
    assert_checked(problem, written)
    again = run_batch([Office("jakarta", problem)], out, store, sent.append, {})
    assert again[0].skipped and sent == []
    store.close()
