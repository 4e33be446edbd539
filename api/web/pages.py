"""The page's URLs (``/``, ``/jobs/{id}``, ``/jobs/{id}/employees/{employee}``, ``/capacity/{id}``).

Every URL answers the same HTML shell; the page's modules read the URL and call the public ``/v1`` API.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).with_name("static")
INDEX = STATIC_DIR / "index.html"
# The page loads only its own assets and talks only to this server.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


def _shell() -> FileResponse:
    return FileResponse(INDEX, media_type="text/html; charset=utf-8", headers=SECURITY_HEADERS)


@router.get("/")
def start_page() -> FileResponse:
    """The start page: upload a problem or open an example."""
    return _shell()


@router.get("/jobs/{job_id}")
def job_page(job_id: str) -> FileResponse:
    """A job's week, its explanation, or its progress while it runs."""
    return _shell()


@router.get("/jobs/{job_id}/employees/{employee_id}")
def person_page(job_id: str, employee_id: str) -> FileResponse:
    """One employee's week."""
    return _shell()


@router.get("/capacity/{job_id}")
def capacity_page(job_id: str) -> FileResponse:
    """A desk-sizing job: the minimum per site, the trade-off curve and the scenarios."""
    return _shell()


def install(app: FastAPI) -> None:
    """Serve the page and its assets (under ``/static``) from the app."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
