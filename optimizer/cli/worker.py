"""``roster worker``: a Celery worker with the product's settings (the distributed backend)."""

from __future__ import annotations

from typing import Annotated

import typer


def worker_command(
    concurrency: Annotated[
        int | None,
        typer.Option(
            "--concurrency",
            "-c",
            help="Worker processes, one solve each (ROSTER_MAX_CONCURRENT_SOLVES).",
            min=1,
        ),
    ] = None,
    loglevel: Annotated[str, typer.Option("--loglevel", help="Celery log level.")] = "info",
    hostname: Annotated[str | None, typer.Option("--hostname", "-n", help="Celery node name.")] = None,
) -> None:
    """Run jobs from the broker (ROSTER_BROKER_URL) into the job store (ROSTER_DATABASE_URL)."""
    from api.distributed.celery_app import celery_app
    from api.settings import get_settings

    settings = get_settings()
    app = celery_app()
    import api.distributed.tasks  # noqa: F401  (registers roster.run_job on the app)

    argv = [
        "worker",
        f"--concurrency={concurrency or settings.max_concurrent_solves}",
        f"--queues={settings.broker_queue}",
        "--prefetch-multiplier=1",
        "--pool=prefork",
        "-O",
        "fair",
        f"--loglevel={loglevel}",
    ]
    if hostname:
        argv.append(f"--hostname={hostname}")
    app.worker_main(argv)
