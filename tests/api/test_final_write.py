"""A run's outcome survives a job store that cannot be reached for a while (a database restart)."""

from __future__ import annotations

import pytest

from api import workers
from api.stores import StoreUnavailable, open_store


class _AwayStore:
    """A store whose first ``failures`` final writes fail as if the database were restarting."""

    def __init__(self, store, failures: int):
        self._store, self.failures = store, failures

    def __getattr__(self, name):
        return getattr(self._store, name)

    def finish(self, *args, **kwargs):
        if self.failures > 0:
            self.failures -= 1
            raise StoreUnavailable("the job database cannot be reached: connection refused")
        return self._store.finish(*args, **kwargs)


def test_the_outcome_of_a_run_is_retried_until_the_store_is_back(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "FINAL_WRITE_RETRY_SECONDS", 0.01)
    store = open_store(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    try:
        submitted = store.submit("t1", "no-such-kind", "{}", {})
        job = store.claim("w1", submitted.id)
        away = _AwayStore(store, failures=3)
        workers.execute(away, job)
        assert away.failures == 0
        stored = store.get(job.id)
        assert stored.state == "failed"
        assert "cannot run jobs of kind 'no-such-kind'" in stored.error
    finally:
        store.close()


def test_a_store_away_for_too_long_still_raises(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "FINAL_WRITE_RETRY_SECONDS", 0.01)
    monkeypatch.setattr(workers, "FINAL_WRITE_PATIENCE_SECONDS", 0.05)
    store = open_store(f"sqlite:///{tmp_path / 'jobs.sqlite3'}")
    try:
        job = store.claim("w1", store.submit("t1", "no-such-kind", "{}", {}).id)
        with pytest.raises(StoreUnavailable):
            workers.execute(_AwayStore(store, failures=10**6), job)
        assert store.get(job.id).state == "running"  # left to the sweeper, whose heartbeat check retries it
    finally:
        store.close()
