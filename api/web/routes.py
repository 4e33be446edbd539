"""``/v1`` routes the page reads: translation catalogues, example problems and a job's problem."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException

from api.deps import StoreDep, TenantDep, require_tenant
from api.routes.jobs import owned
from api.routes.responses import NOT_FOUND
from api.schemas import MessageBody
from api.web.examples import example, example_names
from api.web.schemas import Catalogue, ExampleList, ExampleSummary, JobProblem, ReplanEvents
from optimizer.domain.problem import RosterProblem
from optimizer.i18n import LANGUAGES, catalogue
from optimizer.instance import working_days

router = APIRouter(prefix="/v1", tags=["web"])
keyed = [Depends(require_tenant)]
NO_LANGUAGE = {404: {"model": MessageBody, "description": "The language is not supported."}}


@router.get("/i18n/{lang}", response_model=Catalogue, responses=NO_LANGUAGE)
def messages(lang: str) -> Catalogue:
    """Every message of the product in one language (the page's catalogue; no key needed)."""
    if lang not in LANGUAGES:
        raise HTTPException(404, detail=f"no language {lang!r}; supported: {', '.join(LANGUAGES)}")
    return Catalogue(lang=lang, languages=list(LANGUAGES), messages=catalogue(lang))


@router.get("/examples", response_model=ExampleList, dependencies=keyed, responses=NOT_FOUND)
def list_examples() -> ExampleList:
    """The example problems a newcomer can open."""
    items = []
    for name in example_names():
        data = example(name) or {}
        employees = data.get("employees", [])
        items.append(
            ExampleSummary(
                name=name,
                employees=len(employees) if isinstance(employees, list) else 0,
                start=str(data.get("horizon", {}).get("start", "")),
                days=int(data.get("horizon", {}).get("days", 0) or 0),
            )
        )
    return ExampleList(items=items)


@router.get("/examples/{name}", response_model=dict[str, Any], dependencies=keyed, responses=NOT_FOUND)
def get_example(name: str) -> dict[str, Any]:
    """One example problem, as a `RosterProblem` body (the invalid one included, on purpose)."""
    data = example(name)
    if data is None:
        raise HTTPException(404, detail=f"no example {name!r}")
    return data


@router.get("/jobs/{job_id}/problem", response_model=JobProblem, responses=NOT_FOUND, tags=["jobs"])
def job_problem(job_id: str, tenant: TenantDep, store: StoreDep) -> JobProblem:
    """The problem a job was given and its working days (for a re-plan, also its date and changes)."""
    job = owned(store, job_id, tenant)
    request = json.loads(job.request)
    data = request if job.kind == "solve" else request["problem"]
    days = working_days(RosterProblem.model_validate(data))
    events = ReplanEvents.model_validate(request) if "from" in request else None
    return JobProblem(problem=data, working_days=days, replan=events)
