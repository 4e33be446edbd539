"""FastAPI dependencies as ``Annotated`` aliases: settings, store, worker pool and the caller's tenant."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.security import tenant_for
from api.settings import Settings
from api.stores import JobStore
from api.workers import WorkerPool

# Async because they never block: FastAPI then calls them inline instead of in the thread pool.


async def _settings(request: Request) -> Settings:
    return request.app.state.settings


async def _store(request: Request) -> JobStore:
    return request.app.state.store


async def _pool(request: Request) -> WorkerPool:
    return request.app.state.pool


async def require_tenant(request: Request) -> str:
    """The caller's tenant, or 401 (every /v1 route depends on it)."""
    return tenant_for(request, request.app.state.keys)


SettingsDep = Annotated[Settings, Depends(_settings)]
StoreDep = Annotated[JobStore, Depends(_store)]
PoolDep = Annotated[WorkerPool, Depends(_pool)]
TenantDep = Annotated[str, Depends(require_tenant)]
