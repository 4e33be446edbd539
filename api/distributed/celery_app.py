"""The Celery application of the product, configured from the ``ROSTER_*`` settings."""

from __future__ import annotations

from functools import cache

from celery import Celery

from api.settings import Settings, get_settings

# Seconds a run may go past its own time limit (and its explanation) before Celery kills its process.
HARD_LIMIT_GRACE_SECONDS = 60.0
CONNECT_TIMEOUT_SECONDS = 3.0


def make_celery(settings: Settings) -> Celery:
    """A Celery app for these settings: late acks, a lost worker's message requeued, one message
    prefetched per process, no result backend (the job store holds every result)."""
    app = Celery("roster", broker=settings.broker_url, include=["api.distributed.tasks"])
    longest_run = settings.max_time_limit + 20.0 + HARD_LIMIT_GRACE_SECONDS
    app.conf.update(
        task_default_queue=settings.broker_queue,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        worker_prefetch_multiplier=1,
        worker_concurrency=settings.max_concurrent_solves,
        worker_max_memory_per_child=None,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=CONNECT_TIMEOUT_SECONDS,
        broker_transport_options={
            # Redis: an unacknowledged message goes back to the queue after this; above any run.
            "visibility_timeout": max(3600.0, 2 * longest_run),
            "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "socket_timeout": 10.0,
            "max_retries": 1,
        },
    )
    return app


@cache
def celery_app() -> Celery:
    """The Celery app of this process, from its environment."""
    return make_celery(get_settings())
