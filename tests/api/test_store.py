"""The SQLite job store on its own: claiming, leases, interruption and start-up recovery."""

from __future__ import annotations

import pytest

from api.store import MAX_PROGRESS_POINTS, JobStore, QueueFull


@pytest.fixture
def store(tmp_path):
    store = JobStore(tmp_path / "jobs.sqlite3")
    yield store
    store.close()


def test_submitted_job_is_durable_before_anything_else(store, tmp_path):
    job = store.submit("t1", "solve", '{"x": 1}', {"time_limit": 1})
    other = JobStore(tmp_path / "jobs.sqlite3")  # another process would see it the same way
    seen = other.get(job.id)
    assert seen is not None
    assert (seen.state, seen.request, seen.options, seen.attempts) == (
        "queued",
        '{"x": 1}',
        {"time_limit": 1},
        0,
    )
    other.close()


def test_claim_order_and_tenant_scoping(store):
    first = store.submit("t1", "solve", "{}", {})
    urgent = store.submit("t1", "solve", "{}", {}, visible=False, priority=1)
    assert store.claim("w1").id == urgent.id
    claimed = store.claim("w1")
    assert claimed.id == first.id
    assert (claimed.state, claimed.attempts, claimed.worker) == ("running", 1, "w1")
    assert store.claim("w1") is None
    assert store.get(first.id, "t2") is None
    assert store.list("t1", 10, 0)[1] == 1  # the synchronous one is not listed


def test_queue_bound(store):
    store.submit("t1", "solve", "{}", {}, max_queued=1)
    with pytest.raises(QueueFull):
        store.submit("t1", "solve", "{}", {}, max_queued=1)


def test_a_stale_lease_cannot_write(store):
    job = store.submit("t1", "solve", "{}", {})
    run = store.claim("w1")
    assert store.interrupt(job.id, run.lease, max_attempts=3, reason="worker died") == "queued"
    assert store.record_progress(job.id, run.lease, [{"elapsed": 1}], None) is False
    assert store.finish(job.id, run.lease, "done", {"status": "optimal"}) is False
    again = store.claim("w2")
    assert again.attempts == 2
    assert store.finish(job.id, again.lease, "done", {"status": "optimal"}) is True
    assert store.get(job.id).result == {"status": "optimal"}


def test_interrupted_runs_fail_after_max_attempts_and_cancel_wins(store):
    failing = store.submit("t1", "solve", "{}", {})
    run = store.claim("w1")
    assert store.interrupt(failing.id, run.lease, max_attempts=1, reason="worker died") == "failed"
    assert store.get(failing.id).error == "worker died; gave up after 1 attempts"
    stopping = store.submit("t1", "solve", "{}", {})
    run = store.claim("w1")
    store.request_cancel(stopping.id, "t1")
    assert store.interrupt(stopping.id, run.lease, max_attempts=3, reason="worker died") == "cancelled"


def test_orderly_shutdown_does_not_use_an_attempt(store):
    job = store.submit("t1", "solve", "{}", {})
    run = store.claim("w1")
    assert store.interrupt(job.id, run.lease, 1, "the server stopped", count=False) == "queued"
    assert store.get(job.id).attempts == 0


def test_recover_after_a_crash(store):
    running = store.submit("t1", "solve", "{}", {})
    assert store.claim("w1").id == running.id
    queued = store.submit("t1", "solve", "{}", {})
    answered = store.submit("t1", "solve", "{}", {}, visible=False)  # its client is gone after a crash
    counts = store.recover()
    assert counts == {"dropped": 1, "queued": 1, "failed": 0, "cancelled": 0}
    assert store.get(answered.id) is None
    assert {store.get(queued.id).state, store.get(running.id).state} == {"queued"}


def test_a_server_crash_does_not_use_up_attempts(store):
    """However often the server goes down during a run, the run is not counted against the job."""
    job = store.submit("t1", "solve", "{}", {})
    for _ in range(10):
        assert store.claim("w1").attempts == 1
        assert store.recover()["queued"] == 1
        assert store.get(job.id).attempts == 0
    run = store.claim("w1")
    assert store.interrupt(job.id, run.lease, 1, "its worker process died") == "failed"


def test_progress_is_thinned(store):
    job = store.submit("t1", "solve", "{}", {})
    run = store.claim("w1")
    points = [{"elapsed": i, "objective": 1000 - i, "bound": 0} for i in range(3 * MAX_PROGRESS_POINTS)]
    assert store.record_progress(job.id, run.lease, points, {"objective": 1}) is True
    kept = store.get(job.id).progress
    assert len(kept) == MAX_PROGRESS_POINTS
    assert kept[0] == points[0] and kept[-1] == points[-1]
