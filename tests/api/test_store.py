"""Each job store on its own (SQLite and PostgreSQL, the same tests): claiming, leases,
interruption, start-up recovery, publication and batches."""

from __future__ import annotations

import threading

import pytest

from api.stores import JobStore, open_store
from api.stores.base import MAX_PROGRESS_POINTS, QueueFull
from api.stores.migrations import MIGRATIONS
from tests.services import POSTGRES_URL, drop_schema, fresh_schema


def _open(kind: str, tmp_path) -> tuple[JobStore, str, str]:
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
        return open_store(url), url, ""
    schema = fresh_schema()
    return open_store(POSTGRES_URL, schema=schema), POSTGRES_URL, schema


@pytest.fixture(params=["sqlite", "postgres"])
def opened(request, tmp_path):
    store, url, schema = _open(request.param, tmp_path)
    yield store, url, schema
    store.close()
    if schema:
        drop_schema(url, schema)


@pytest.fixture
def store(opened):
    return opened[0]


def test_submitted_job_is_durable_before_anything_else(opened):
    store, url, schema = opened
    job = store.submit("t1", "solve", '{"x": 1}', {"time_limit": 1})
    other = open_store(url, schema=schema or "public")  # another process would see it the same way
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


def test_claim_by_id_and_heartbeat(store):
    first = store.submit("t1", "solve", "{}", {})
    second = store.submit("t1", "solve", "{}", {})
    run = store.claim("w1", second.id)
    assert run.id == second.id and run.heartbeat_at is not None
    assert store.claim("w2", second.id) is None  # already running
    assert store.heartbeat(second.id, run.lease) is True
    assert store.heartbeat(second.id, "not-the-lease") is False
    assert store.queued_ids(10) == [first.id]


def test_pagination_and_cancel(store):
    ids = [store.submit("t1", "solve", "{}", {}).id for _ in range(5)]
    page, total = store.list("t1", 2, 1)
    assert total == 5 and [job.id for job in page] == [ids[3], ids[2]]
    assert store.request_cancel(ids[0], "t2") is None  # another tenant's job
    assert store.request_cancel(ids[0], "t1").state == "cancelled"
    run = store.claim("w1")
    assert store.request_cancel(run.id, "t1").state == "running"
    assert store.cancel_requested(run.id) is True


def test_publication_and_feed_secrets(store):
    problem = '{"employees": [{"id": "e/1"}, {"id": "e2"}]}'
    first = store.submit("t1", "solve", problem, {})
    second = store.submit("t1", "solve", '{"employees": [{"id": "e2"}]}', {})
    assert store.publish(first.id, "t2") is None
    one = store.publish(first.id, "t1").published_at
    two = store.publish(second.id, "t1").published_at
    assert two >= one + 1
    assert [job.id for job in store.published_for("t1", "e2", 10)] == [second.id, first.id]
    assert [job.id for job in store.published_for("t1", "e/1", 10)] == [first.id]
    assert store.published_for("t2", "e2", 10) == []
    assert store.known_feed_secret("t1") is None
    secret = store.feed_secret("t1")
    assert store.feed_secret("t1") == secret == store.known_feed_secret("t1")


def test_batches(store):
    jobs = [store.submit("t1", "solve", "{}", {}) for _ in range(3)]
    batch = store.create_batch("t1", [(f"office-{i}", job.id) for i, job in enumerate(jobs)])
    assert store.batch(batch, "t2") is None
    offices = store.batch(batch, "t1")
    expected = [(f"office-{i}", job.id) for i, job in enumerate(jobs)]
    assert [(office, job.id) for office, job in offices] == expected


def test_concurrent_claims_never_share_a_job(store):
    for _ in range(40):
        store.submit("t1", "solve", "{}", {})
    claimed: list[str] = []
    lock = threading.Lock()

    def claim_all(name: str) -> None:
        while (job := store.claim(name)) is not None:
            with lock:
                claimed.append(job.id)

    threads = [threading.Thread(target=claim_all, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(claimed) == 40 == len(set(claimed))


def test_postgres_migrations_are_recorded_and_run_once():
    schema = fresh_schema()
    stores = [open_store(POSTGRES_URL, schema=schema) for _ in range(2)]  # the second finds it done
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL) as conn:
            versions = conn.execute(f'SELECT version FROM "{schema}".schema_version ORDER BY 1').fetchall()
        assert [v for (v,) in versions] == list(range(1, len(MIGRATIONS) + 1))
    finally:
        for store in stores:
            store.close()


def test_silent_runs(store):
    quiet = store.submit("t1", "solve", "{}", {})
    held = store.submit("t1", "solve", "{}", {"hold": "/tmp/x"})
    other = store.submit("t1", "solve", "{}", {})
    runs = {job.id: store.claim("w1", job.id) for job in (quiet, held, other)}
    assert store.silent_runs(60.0) == []
    assert sorted(store.silent_runs(-1.0)) == sorted((j, runs[j].lease) for j in (quiet.id, other.id))
