"""Service settings, read from ``ROSTER_*`` environment variables (pydantic-settings)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _split(value: object) -> object:
    """Accept a comma-separated string as well as a JSON list for list settings."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            import json

            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Everything an operator can set; each field is ``ROSTER_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="ROSTER_", extra="ignore")

    host: str = Field("127.0.0.1", description="Address to bind.")
    port: int = Field(8000, ge=0, le=65535, description="Port to bind.")
    data_dir: Path = Field(Path("roster-data"), description="Where the job database lives.")
    max_concurrent_solves: int = Field(
        default_factory=lambda: min(2, os.cpu_count() or 1),
        ge=1,
        le=64,
        description="Worker processes, hence the most solves running at once.",
    )
    solver_workers: int = Field(1, ge=1, le=64, description="CP-SAT search workers inside each solve.")
    queue_length: int = Field(100, ge=1, description="Most jobs waiting for a worker; beyond it 503.")
    max_time_limit: float = Field(300.0, gt=0, description="Longest time limit of a job, in seconds.")
    max_sync_time_limit: float = Field(30.0, gt=0, description="Longest time limit of POST /v1/solve.")
    default_time_limit: float = Field(10.0, gt=0, description="Time limit when a request gives none.")
    max_employees: int = Field(500, ge=1, description="Most employees in one problem.")
    max_days: int = Field(42, ge=1, le=42, description="Most horizon days in one problem.")
    max_body_bytes: int = Field(5_000_000, ge=1024, description="Largest request body accepted (413 beyond).")
    max_attempts: int = Field(3, ge=1, description="Runs of a job whose worker process dies before it fails.")
    retry_after: int = Field(10, ge=1, description="Seconds suggested in Retry-After when the queue is full.")
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list,
        description="Accepted keys, as 'sha256:<hex>' hashes (or plain keys, hashed at start-up), "
        "each optionally prefixed by a tenant name and '='. Empty: keyless local mode.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed by CORS; empty turns CORS off."
    )
    poll_interval: float = Field(0.02, gt=0, le=5, description="How often idle workers look for jobs.")
    header_timeout: float = Field(10.0, gt=0, description="Seconds a client has to send a request's head.")
    body_timeout: float = Field(60.0, gt=0, description="Seconds a client has to send a body after its head.")
    keep_alive_timeout: float = Field(5.0, gt=0, description="Seconds an idle connection stays open.")
    backend: Literal["embedded", "celery"] = Field(
        "embedded",
        description="Who runs the jobs: worker processes of this server (embedded), or Celery workers "
        "(`roster worker`) taking them from the broker.",
    )
    database_url: str | None = Field(
        None,
        description="The job database: postgresql://… for a shared PostgreSQL store; unset: SQLite "
        "in the data directory.",
    )
    database_schema: str = Field(
        "public", pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,62}$", description="PostgreSQL schema of the job tables."
    )
    broker_url: str = Field("redis://127.0.0.1:6379/0", description="Celery broker (Redis or RabbitMQ).")
    broker_queue: str = Field("roster", description="Celery queue the jobs are sent to.")
    test_hold_dir: Path | None = Field(
        None,
        description="TEST ONLY, never set in production: turns on the test hooks of api.testhooks "
        "(jobs held until released by a file in this directory).",
    )

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        return _split(value)

    @property
    def database(self) -> Path:
        """The SQLite file holding every job (when no ``database_url`` is set)."""
        return self.data_dir / "jobs.sqlite3"

    @property
    def store_url(self) -> str:
        """Where the job store is: ``database_url``, or the SQLite file of the data directory."""
        return self.database_url or f"sqlite:///{self.database.resolve()}"


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return Settings()
