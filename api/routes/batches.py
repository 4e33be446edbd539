"""Batches over the API: ``POST /v1/batches`` queues one solve job per office, ``GET`` follows them."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, HTTPException, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from api.batches.runner import SUMMARY_FIELDS, Outcome
from api.batches.split import split_by_site
from api.deps import SettingsDep, StoreDep, TenantDep
from api.errors import input_error
from api.examples import NORMAL_PROBLEM
from api.json_route import JsonBodyRoute
from api.routes.responses import INPUT_ERRORS, QUEUE_FULL
from api.stores import Job, JobStore
from api.submission import SeedQuery, TimeLimitQuery, problem_or_errors, queue_full, solve_options, submit

router = APIRouter(prefix="/v1/batches", tags=["batches"], route_class=JsonBodyRoute)
MAX_OFFICES = 5000
BATCH_NOT_FOUND = {
    401: {"description": "Missing or invalid API key."},
    404: {"description": "No such batch for this API key."},
}


class BatchOffice(BaseModel):
    """One office of a batch: its name and its problem."""

    office: str = Field(min_length=1, max_length=200, description="The office's name (unique in the batch).")
    problem: dict[str, Any] = Field(description="The office's problem (SPEC v1.1).")


class BatchRequest(BaseModel):
    """Either ``offices`` (one problem each), or one organisation ``problem`` with ``split_by: site``."""

    offices: list[BatchOffice] = Field(default_factory=list, max_length=MAX_OFFICES)
    problem: dict[str, Any] | None = Field(None, description="An organisation to split into offices.")
    split_by: Literal["site"] | None = Field(None, description="With `problem`: one office per site.")


class BatchAccepted(BaseModel):
    id: str
    url: str
    offices: int


class BatchOfficeStatus(BaseModel):
    office: str
    job: str = Field(description="The office's job id (GET /v1/jobs/{id} has its roster).")
    state: str
    employees: int
    status: str | None = None
    objective: int | None = None
    gap: float | None = None
    seconds: float | None = Field(None, description="Solve time of the office's roster.")


class BatchStatus(BaseModel):
    id: str
    total: int
    finished: bool = Field(description="Every office's job has ended.")
    counts: dict[str, int] = Field(description="Offices per job state.")
    offices: list[BatchOfficeStatus]


EXAMPLES = {
    "offices": {
        "summary": "Two offices",
        "value": {
            "offices": [
                {"office": "jakarta", "problem": NORMAL_PROBLEM},
                {"office": "bandung", "problem": NORMAL_PROBLEM},
            ]
        },
    },
}
BatchBody = Annotated[BatchRequest, Body(openapi_examples=EXAMPLES)]


def _offices(body: BatchRequest, settings: Any) -> list[tuple[str, str]]:
    """Each office with its validated problem as stored JSON text, or a 422 naming every bad field."""
    if body.problem is not None:
        if body.offices or body.split_by != "site":
            raise input_error(
                ("body",), "give either offices, or problem with split_by 'site'", "value_error"
            )
        problem, errors = problem_or_errors(body.problem, settings)
        if problem is None or errors:
            raise _errors([(("body", "problem"), errors)])
        parts = split_by_site(problem)
        return [(site, part.model_dump_json()) for site, part in parts.items()]
    if not body.offices:
        raise input_error(("body", "offices"), "a batch needs at least one office", "value_error")
    found, stored, names = [], [], set()
    for index, office in enumerate(body.offices):
        if office.office in names:
            found.append((("body", "offices", index, "office"), [f"office {office.office!r} is named twice"]))
        names.add(office.office)
        problem, errors = problem_or_errors(office.problem, settings)
        if problem is None or errors:
            found.append((("body", "offices", index, "problem"), errors))
        else:
            stored.append((office.office, problem.model_dump_json()))
    if found:
        raise _errors(found)
    return stored


def _errors(found: list[tuple[tuple, list]]) -> RequestValidationError:
    details = []
    for prefix, errors in found:
        for error in errors:
            if isinstance(error, str):
                details.append({"loc": prefix, "msg": error, "type": "value_error"})
            else:
                details.append({"loc": (*prefix, *error.loc), "msg": error.msg, "type": error.type})
    return RequestValidationError(details)


def _undo(store: JobStore, tenant: str, jobs: list[Job]) -> None:
    for job in jobs:
        store.request_cancel(job.id, tenant)


@router.post("", status_code=202, response_model=BatchAccepted, responses={**INPUT_ERRORS, **QUEUE_FULL})
def submit_batch(
    body: BatchBody,
    tenant: TenantDep,
    settings: SettingsDep,
    store: StoreDep,
    response: Response,
    time_limit: TimeLimitQuery = None,
    seed: SeedQuery = 0,
) -> BatchAccepted:
    """Queue one solve job per office (all or none); follow them at the Location."""
    options = solve_options(settings, time_limit, seed, sync=False)
    offices = _offices(body, settings)
    if store.queued_count() + len(offices) > settings.queue_length:
        raise queue_full(settings)
    jobs: list[Job] = []
    try:
        for _, request in offices:
            jobs.append(submit(store, settings, tenant, "solve", request, options))
    except Exception:
        _undo(store, tenant, jobs)
        raise
    batch_id = store.create_batch(
        tenant, [(name, job.id) for (name, _), job in zip(offices, jobs, strict=True)]
    )
    url = f"/v1/batches/{batch_id}"
    response.headers["Location"] = url
    return BatchAccepted(id=batch_id, url=url, offices=len(jobs))


def _status(name: str, job: Job) -> BatchOfficeStatus:
    result = job.result or {}
    return BatchOfficeStatus(
        office=name,
        job=job.id,
        state=job.state,
        employees=len(json.loads(job.request).get("employees", [])),
        status=result.get("status"),
        objective=result.get("objective"),
        gap=result.get("gap"),
        seconds=result.get("solve_seconds"),
    )


def _batch(store: JobStore, batch_id: str, tenant: str) -> list[BatchOfficeStatus]:
    offices = store.batch(batch_id, tenant)
    if offices is None:
        raise HTTPException(404, detail=f"no batch {batch_id!r}")
    return [_status(name, job) for name, job in offices]


@router.get("/{batch_id}", response_model=BatchStatus, responses=BATCH_NOT_FOUND)
def get_batch(batch_id: str, tenant: TenantDep, store: StoreDep) -> BatchStatus:
    """Where each office of the batch is, with its status, objective, gap and solve time once done."""
    offices = _batch(store, batch_id, tenant)
    counts: dict[str, int] = {}
    for office in offices:
        counts[office.state] = counts.get(office.state, 0) + 1
    finished = all(o.state in ("done", "failed", "cancelled") for o in offices)
    return BatchStatus(id=batch_id, total=len(offices), finished=finished, counts=counts, offices=offices)


CSV_RESPONSE = {200: {"content": {"text/csv": {}}, "description": "The summary, a row per office."}}


@router.get("/{batch_id}/summary.csv", response_class=Response, responses={**CSV_RESPONSE, **BATCH_NOT_FOUND})
def batch_summary(batch_id: str, tenant: TenantDep, store: StoreDep) -> Response:
    """The batch's summary CSV: office, employees, status (or the job's state), objective, gap, seconds."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SUMMARY_FIELDS)
    writer.writeheader()
    for o in _batch(store, batch_id, tenant):
        writer.writerow(
            Outcome(o.office, o.employees, o.status or o.state, o.objective, o.gap, o.seconds).row()
        )
    headers = {"Content-Disposition": 'inline; filename="summary.csv"'}
    return Response(out.getvalue(), media_type="text/csv", headers=headers)
