"""Job stores: SQLite (embedded, the default) and PostgreSQL (a distributed deployment)."""

from __future__ import annotations

from pathlib import Path

from api.stores.base import FINISHED, Job, JobState, JobStore, QueueFull, StoreUnavailable

__all__ = ["FINISHED", "Job", "JobState", "JobStore", "QueueFull", "StoreUnavailable", "open_store"]


def open_store(url: str, *, schema: str = "public", durable: bool = True) -> JobStore:
    """The store at ``url``: ``sqlite:///<path>`` or ``postgresql://…`` (then in ``schema``).

    ``durable=False`` is a worker's store: SQLite commits skip the disk sync, and PostgreSQL keeps
    fewer connections open."""
    if url.startswith("sqlite:///"):
        from api.stores.sqlite import SqliteJobStore

        return SqliteJobStore(Path(url.removeprefix("sqlite:///")), durable=durable)
    if url.startswith(("postgresql://", "postgres://")):
        from api.stores.postgres import PostgresJobStore

        return PostgresJobStore(url, schema=schema, max_connections=8 if durable else 3)
    raise ValueError(f"unsupported database URL {url!r}: use sqlite:///<path> or postgresql://…")
