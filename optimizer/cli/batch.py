"""``roster batch``: solve many offices as jobs of the embedded or the Celery backend, resumably."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from optimizer.cli.files import EXIT_NO_ROSTER, EXIT_OK

err_console = Console(stderr=True)


@contextmanager
def _backend(kind: str, out_dir: Path, workers: int | None) -> Iterator[tuple[Any, Any, Any]]:
    """The store, the send function and the settings of a batch run on ``kind``."""
    from api.settings import Settings
    from api.stores import open_store

    settings = Settings()  # read now: ROSTER_* of this run
    overrides: dict[str, Any] = {"backend": kind}
    if workers:
        overrides["max_concurrent_solves"] = workers
    settings = settings.model_copy(update=overrides)
    if kind == "embedded":
        from api.workers import WorkerPool

        store = open_store(f"sqlite:///{(out_dir / '.batch' / 'jobs.sqlite3').resolve()}")
        store.recover()  # runs a killed earlier batch left running go back to the queue
        pool = WorkerPool(
            store, settings.max_concurrent_solves, settings.max_attempts, settings.poll_interval
        )
        pool.start()
        try:
            yield store, lambda job: None, settings
        finally:
            pool.stop()
            store.close()
    else:
        from api.distributed.dispatch import CeleryBackend

        store = open_store(settings.store_url, schema=settings.database_schema)
        backend = CeleryBackend(store, settings)
        backend.start()  # re-sends jobs whose messages a broker restart lost
        try:
            yield store, backend.send, settings
        finally:
            backend.stop()
            store.close()


def batch_command(
    source: Annotated[Path, typer.Argument(help="A directory of problem files, or a manifest listing them.")],
    out_dir: Annotated[Path, typer.Option("-o", "--out", help="Where rosters and summary.csv are written.")],
    backend: Annotated[
        Literal["embedded", "celery"],
        typer.Option("--backend", help="embedded: worker processes here; celery: `roster worker`s."),
    ] = "embedded",
    split_by: Annotated[
        Literal["site"] | None, typer.Option("--split-by", help="One office per site of each problem.")
    ] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds per office.", min=0.01)] = 10.0,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Embedded worker processes (ROSTER_MAX_CONCURRENT_SOLVES).", min=1),
    ] = None,
) -> None:
    """Solve every office of a directory or manifest; re-run to resume without re-solving finished ones."""
    from api.batches.offices import load_offices
    from api.batches.runner import run_batch
    from api.submission import solve_options

    offices = load_offices(source, split_by)
    out_dir.mkdir(parents=True, exist_ok=True)
    with _backend(backend, out_dir, workers) as (store, send, settings):
        settings = settings.model_copy(update={"max_time_limit": max(settings.max_time_limit, time_limit)})
        options = solve_options(settings, time_limit, 0, sync=False)
        columns = (
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(
                "running {task.fields[running]} · queued {task.fields[queued]} · failed {task.fields[failed]}"
            ),
            TextColumn("· {task.fields[rate]} offices/min · ETA"),
            TimeRemainingColumn(),
        )
        started = time.monotonic()
        with Progress(*columns, console=err_console, transient=False) as bar:
            task = bar.add_task("offices", total=len(offices), running=0, queued=0, failed=0, rate="–")

            def show(counts: Any) -> None:
                fresh = counts.done + counts.failed - counts.skipped
                minutes = (time.monotonic() - started) / 60
                rate = f"{fresh / minutes:.1f}" if fresh and minutes > 0 else "–"
                bar.update(
                    task,
                    completed=counts.done + counts.failed,
                    running=counts.running,
                    queued=counts.queued,
                    failed=counts.failed,
                    rate=rate,
                )

            outcomes = run_batch(offices, out_dir, store, send, options, show)
    skipped = sum(o.skipped for o in outcomes)
    failed = [o.office for o in outcomes if o.status not in ("optimal", "feasible", "infeasible", "unknown")]
    err_console.print(
        f"{len(outcomes)} offices ({skipped} already solved), {len(failed)} failed; "
        f"rosters in {out_dir / 'rosters'}, summary in {out_dir / 'summary.csv'}",
        markup=False,
        highlight=False,
    )
    raise typer.Exit(EXIT_NO_ROSTER if failed else EXIT_OK)
