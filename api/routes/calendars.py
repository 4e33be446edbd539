"""Publishing a roster, and the calendar feed a phone subscribes to once.

Calendar apps cannot send an ``Authorization`` header, so a feed URL may carry a token instead:
``?token=<tenant>.<hmac>``, an HMAC of the employee id under a secret the store keeps per tenant.
A token opens that one employee's feed of that tenant and nothing else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from api.deps import StoreDep, TenantDep, require_tenant
from api.routes.exports import CALENDAR, ICS, NO_ROSTER, job_roster, job_version
from api.routes.jobs import owned
from api.routes.responses import NOT_FOUND
from api.security import tenant_for
from api.stores import JobStore
from optimizer.io.calendar import Published, employee_feed

router = APIRouter(prefix="/v1", tags=["calendars"], dependencies=[Depends(require_tenant)])
feed_router = APIRouter(prefix="/v1", tags=["calendars"])  # its own authentication: a key or a token
FEED_ROSTERS = 12  # the published rosters a feed is made of (about three months of weekly rosters)


class PublishedJob(BaseModel):
    """A published roster: the feed of each of its employees now shows it."""

    id: str = Field(description="The job id.")
    published_at: dt.datetime = Field(description="When the roster was published (UTC).")
    feeds: dict[str, str] = Field(
        description="Each employee id with the URL of their calendar feed, its token included."
    )


def feed_token(secret: str, tenant: str, employee: str) -> str:
    """The token that opens one employee's feed of one tenant."""
    digest = hmac.new(secret.encode(), employee.encode("utf-8"), hashlib.sha256).hexdigest()[:40]
    return f"{tenant}.{digest}"


def feed_url(secret: str, tenant: str, employee: str) -> str:
    """The feed URL of an employee, with its token."""
    return f"/v1/calendars/{quote(employee, safe='')}.ics?token={feed_token(secret, tenant, employee)}"


@router.post("/jobs/{job_id}/publish", response_model=PublishedJob, responses={**NOT_FOUND, **NO_ROSTER})
def publish_job(job_id: str, tenant: TenantDep, store: StoreDep) -> PublishedJob:
    """Publish a finished solve job's roster: each employee's feed shows it until a later one is
    published (publishing again raises the calendars' sequence)."""
    problem, _ = job_roster(owned(store, job_id, tenant))
    job = store.publish(job_id, tenant)
    if job is None or job.published_at is None:
        raise HTTPException(404, detail=f"no job {job_id!r}")
    secret = store.feed_secret(tenant)
    feeds = {person.id: feed_url(secret, tenant, person.id) for person in problem.employees}
    return PublishedJob(
        id=job.id, published_at=dt.datetime.fromtimestamp(job.published_at, dt.UTC), feeds=feeds
    )


def _feed_tenant(request: Request, store: JobStore, employee: str, token: str | None) -> str:
    """The tenant of a feed request: from its token when it has one (on a keyed server; the token's
    tenant must still have a key), else from its key."""
    keys = request.app.state.keys
    if token is None or keys.keyless:
        return tenant_for(request, keys)  # keyless mode still answers local clients only
    tenant, _, _ = token.rpartition(".")
    secret = store.known_feed_secret(tenant) if tenant in keys.tenants_by_hash.values() else None
    if secret is None or not hmac.compare_digest(token, feed_token(secret, tenant, employee)):
        raise HTTPException(401, detail="invalid feed token", headers={"WWW-Authenticate": "Bearer"})
    return tenant


FEED = {
    **CALENDAR,
    404: {
        **NOT_FOUND[404],
        "description": "No published roster lists this employee (for this key or token).",
    },
}
TokenQuery = Annotated[
    str | None,
    Query(max_length=200, description="The feed token from the publish answer (instead of an API key)."),
]


@feed_router.get("/calendars/{employee:path}.ics", response_class=Response, responses=FEED)
def calendar_feed(employee: str, request: Request, store: StoreDep, token: TokenQuery = None) -> Response:
    """The employee's published rosters as iCalendar, for calendar subscriptions: each day as the most
    recently published roster has it (the last 12 published rosters that list the employee)."""
    tenant = _feed_tenant(request, store, employee, token)
    jobs = store.published_for(tenant, employee, FEED_ROSTERS)
    if not jobs:
        raise HTTPException(404, detail=f"no published roster lists employee {employee!r}")
    rosters = []
    for job in jobs:
        problem, solution = job_roster(job)
        rosters.append(Published(problem, solution.assignments, job_version(job)))
    return Response(
        employee_feed(rosters, employee),
        media_type=ICS,
        headers={"Cache-Control": "no-cache", "Content-Disposition": 'inline; filename="roster.ics"'},
    )
