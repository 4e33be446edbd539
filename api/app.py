"""The FastAPI application: ``create_app(settings)`` wires the store, the worker pool and the routes."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from api import errors
from api.deps import require_tenant
from api.middleware import BodyLimit, ServerTiming
from api.routes import batches, calendars, capacity, check, exports, health, imports, jobs, plan, solve
from api.routes.solve import QUEUE_WAIT_SECONDS
from api.security import load_keys
from api.settings import Settings, get_settings
from api.stores import JobStore, open_store
from api.web import pages as web_pages
from api.web import routes as web_routes
from api.workers import WorkerPool

log = logging.getLogger("roster.api")

DESCRIPTION = """
Weekly hybrid-work rosters (office, home, other location) that honour every rule of the
problem, for HR portals and team leads. Bodies follow SPEC v1.1 of the Hybrid Roster Optimizer
(every field is described in the schemas below and in docs/format.md).

* `POST /v1/solve` waits for the roster of a small problem.
* `POST /v1/jobs` queues a longer solve (202 + Location); poll `GET /v1/jobs/{id}`.
* `POST /v1/check` scores a roster made by hand and lists every violated rule.

Send `Authorization: Bearer <key>` unless the server runs in keyless local mode.
"""


def _recover_and_start(store: JobStore, pool: Any, settings: Settings) -> None:
    """Re-queue the runs a stopped server left behind, then start the workers (which claim them).

    With Celery the runs belong to the workers, not to this server: only synchronous requests old
    enough that no API process still waits for them are dropped."""
    if settings.backend == "celery":
        dropped = store.drop_unanswered(settings.max_sync_time_limit + 2 * QUEUE_WAIT_SECONDS)
        if dropped:
            log.warning("dropped %d unanswered synchronous requests", dropped)
    else:
        try:
            recovered = store.recover()
        except Exception:  # the workers still start: queued jobs run, the interrupted ones wait for a restart
            log.exception("recovery of interrupted jobs failed")
            recovered = {}
        if any(recovered.values()):
            log.warning("recovered jobs after a restart: %s", recovered)
    pool.start()


def _backend(store: JobStore, settings: Settings) -> tuple[Any, Any]:
    """The store the routes use and the pool that runs the jobs: this server's worker processes, or
    Celery workers fed through the broker."""
    if settings.backend == "celery":
        from api.distributed.dispatch import CeleryBackend, DispatchingStore

        backend = CeleryBackend(store, settings)
        return DispatchingStore(store, backend), backend
    pool = WorkerPool(
        store,
        settings.max_concurrent_solves,
        settings.max_attempts,
        settings.poll_interval,
        settings.test_hold_dir,
    )
    return store, pool


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; the store and the workers start with its lifespan."""
    settings = settings or get_settings()
    keys = load_keys([key.get_secret_value() for key in settings.api_keys])

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_store(settings.store_url, schema=settings.database_schema)
        if settings.test_hold_dir is not None:
            log.warning("test hooks on (ROSTER_TEST_HOLD_DIR=%s): not for production", settings.test_hold_dir)
            settings.test_hold_dir.mkdir(parents=True, exist_ok=True)
        routed, pool = _backend(store, settings)
        app.state.store, app.state.pool = routed, pool
        # The server answers (accepts and lists jobs) at once; recovery and the workers follow.
        starter = threading.Thread(target=_recover_and_start, args=(store, pool, settings), daemon=True)
        starter.start()
        try:
            yield
        finally:
            starter.join()
            pool.stop()
            store.close()

    # Swagger UI and ReDoc assets are served by the server itself (fastapi-offline ships them), so
    # /docs and /redoc also work on an intranet without internet access.
    app = FastAPIOffline(
        title="Hybrid Roster Optimizer API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings, app.state.keys = settings, keys
    errors.install(app)
    for module in (solve, jobs, plan, exports, imports, check, capacity, batches):
        app.include_router(module.router, dependencies=[Depends(require_tenant)])
    app.include_router(calendars.router)  # publishing needs a key; the feed takes a key or a feed token
    app.include_router(calendars.feed_router)
    app.include_router(health.router)
    app.include_router(web_routes.router)
    web_pages.install(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["Location", "Retry-After"],
        )
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(ServerTiming)
    return app
