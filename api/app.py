"""The FastAPI application: ``create_app(settings)`` wires the store, the worker pool and the routes."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from api import errors
from api.deps import require_tenant
from api.middleware import BodyLimit, ServerTiming
from api.routes import calendars, capacity, check, exports, health, imports, jobs, plan, solve
from api.security import load_keys
from api.settings import Settings, get_settings
from api.store import JobStore
from api.web import pages as web_pages
from api.web import routes as web_routes
from api.workers import WorkerPool

log = logging.getLogger("roster.api")

DESCRIPTION = """
Weekly hybrid-work rosters (office, home, other location) that honour every rule of the
problem, for HR portals and team leads. Bodies follow SPEC v1 of the Hybrid Roster Optimizer.

* `POST /v1/solve` waits for the roster of a small problem.
* `POST /v1/jobs` queues a longer solve (202 + Location); poll `GET /v1/jobs/{id}`.
* `POST /v1/check` scores a roster made by hand and lists every violated rule.

Send `Authorization: Bearer <key>` unless the server runs in keyless local mode.
"""


def _recover_and_start(store: JobStore, pool: WorkerPool) -> None:
    """Re-queue the runs a stopped server left behind, then start the workers (which claim them)."""
    try:
        recovered = store.recover()
    except Exception:  # the workers still start: queued jobs run, the interrupted ones wait for a restart
        log.exception("recovery of interrupted jobs failed")
    else:
        if any(recovered.values()):
            log.warning("recovered jobs after a restart: %s", recovered)
    pool.start()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; the store and the workers start with its lifespan."""
    settings = settings or get_settings()
    keys = load_keys([key.get_secret_value() for key in settings.api_keys])

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = JobStore(settings.database)
        if settings.test_hold_dir is not None:
            log.warning("test hooks on (ROSTER_TEST_HOLD_DIR=%s): not for production", settings.test_hold_dir)
            settings.test_hold_dir.mkdir(parents=True, exist_ok=True)
        pool = WorkerPool(
            store,
            settings.max_concurrent_solves,
            settings.max_attempts,
            settings.poll_interval,
            settings.test_hold_dir,
        )
        app.state.store, app.state.pool = store, pool
        # The server answers (accepts and lists jobs) at once; recovery and the workers follow.
        starter = threading.Thread(target=_recover_and_start, args=(store, pool), daemon=True)
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
    for module in (solve, jobs, plan, exports, imports, check, capacity):
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
