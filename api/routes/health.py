"""Liveness and readiness probes (no API key needed)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import PoolDep, StoreDep
from api.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process is alive (answered on the event loop: no wait for a busy thread pool)."""
    return Health()


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
def readyz(store: StoreDep, pool: PoolDep, response: Response) -> Readiness:
    """The job store answers (and, with Celery, the broker), so jobs are accepted and listed;
    ``workers`` says how many solve now.

    Ready as soon as the store opens: after a restart the workers come up a little later, and
    queued jobs wait for them."""
    try:
        store_ok, queued = store.ping(), store.queued_count()
    except Exception:
        store_ok, queued = False, None
    alive = pool.alive()
    broker_ok = getattr(pool, "broker_ok", lambda: True)()  # the Celery backend's broker
    ready = store_ok and broker_ok
    if not ready:
        response.status_code = 503
    return Readiness(
        status="ready" if ready else "not ready",
        store=store_ok,
        workers=alive,
        workers_expected=pool.size,
        queued=queued,
    )
