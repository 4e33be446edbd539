"""Numbered schema migrations of the PostgreSQL job store, recorded in ``schema_version``.

Each migration runs once, in order, in one transaction under an advisory lock, so API processes
and workers starting together neither race nor apply one twice. Add a migration by appending to
``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

from typing import Any

MIGRATION_LOCK = 7_310_000

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: jobs, feed secrets
    (
        """CREATE TABLE jobs (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            tenant TEXT NOT NULL,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            visible BOOLEAN NOT NULL DEFAULT true,
            priority INTEGER NOT NULL DEFAULT 0,
            request TEXT NOT NULL,
            options TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            started_at DOUBLE PRECISION,
            finished_at DOUBLE PRECISION,
            attempts INTEGER NOT NULL DEFAULT 0,
            worker TEXT,
            lease TEXT,
            cancel_requested BOOLEAN NOT NULL DEFAULT false,
            progress TEXT NOT NULL DEFAULT '[]',
            best TEXT,
            result TEXT,
            error TEXT,
            published_at DOUBLE PRECISION
        )""",
        "CREATE INDEX jobs_queue ON jobs (state, priority DESC, seq)",
        "CREATE INDEX jobs_tenant ON jobs (tenant, visible, seq)",
        "CREATE INDEX jobs_published ON jobs (tenant, published_at) WHERE published_at IS NOT NULL",
        "CREATE TABLE feed_secrets (tenant TEXT PRIMARY KEY, secret TEXT NOT NULL)",
    ),
    # 2: run heartbeats, batches
    (
        "ALTER TABLE jobs ADD COLUMN heartbeat_at DOUBLE PRECISION",
        "CREATE TABLE batches (id TEXT PRIMARY KEY, tenant TEXT NOT NULL,"
        " created_at DOUBLE PRECISION NOT NULL)",
        """CREATE TABLE batch_jobs (
            batch_id TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            office TEXT NOT NULL,
            job_id TEXT NOT NULL,
            PRIMARY KEY (batch_id, position)
        )""",
    ),
)


def migrate(db: Any) -> int:
    """Apply the migrations the current schema lacks (inside the caller's transaction); returns the
    schema version reached."""
    db.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = db.execute("SELECT max(version) AS version FROM schema_version").fetchone()
    current = (row and row["version"]) or 0
    for number, statements in enumerate(MIGRATIONS, start=1):
        if number <= current:
            continue
        for statement in statements:
            db.execute(statement)
        db.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))
    return len(MIGRATIONS)
