"""Publishing a roster, and the calendar feed a phone subscribes to once."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, Field

from api.deps import StoreDep, TenantDep
from api.routes.exports import CALENDAR, NO_ROSTER, employee_ics, job_roster
from api.routes.jobs import owned
from api.routes.responses import NOT_FOUND

router = APIRouter(prefix="/v1", tags=["calendars"])


class Published(BaseModel):
    """A published roster: the feed of each of its employees now shows it."""

    id: str = Field(description="The job id.")
    published_at: dt.datetime = Field(description="When the roster was published (UTC).")
    feeds: dict[str, str] = Field(description="Each employee id with the URL of their calendar feed.")


@router.post("/jobs/{job_id}/publish", response_model=Published, responses={**NOT_FOUND, **NO_ROSTER})
def publish_job(job_id: str, tenant: TenantDep, store: StoreDep) -> Published:
    """Publish a finished solve job's roster: each employee's feed shows it until a later one is
    published (publishing again raises the calendars' sequence)."""
    problem, _ = job_roster(owned(store, job_id, tenant))
    job = store.publish(job_id, tenant)
    if job is None or job.published_at is None:
        raise HTTPException(404, detail=f"no job {job_id!r}")
    feeds = {person.id: f"/v1/calendars/{quote(person.id, safe='')}.ics" for person in problem.employees}
    return Published(id=job.id, published_at=dt.datetime.fromtimestamp(job.published_at, dt.UTC), feeds=feeds)


FEED = {
    **CALENDAR,
    404: {**NOT_FOUND[404], "description": "No published roster lists this employee (for this API key)."},
}


@router.get("/calendars/{employee:path}.ics", response_class=Response, responses=FEED)
def employee_feed(employee: str, tenant: TenantDep, store: StoreDep) -> Response:
    """The employee's latest published roster as iCalendar, for calendar subscriptions."""
    job = store.latest_published(tenant, employee)
    if job is None:
        raise HTTPException(404, detail=f"no published roster lists employee {employee!r}")
    problem, solution = job_roster(job)
    response = employee_ics(job, problem, solution, employee)
    response.headers["Cache-Control"] = "no-cache"
    return response
