"""``roster serve``: run the HTTP API with uvicorn (its job store and worker processes start with it)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console

from optimizer.cli.options import Lang

EXIT_USAGE = 2
err_console = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    err_console.print(f"error: {message}", markup=False, highlight=False)
    return typer.Exit(EXIT_USAGE)


def serve_command(
    host: Annotated[str | None, typer.Option("--host", help="Address to bind (ROSTER_HOST).")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port to bind (ROSTER_PORT).", min=0)] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Where jobs are stored (ROSTER_DATA_DIR).")
    ] = None,
    new_key: Annotated[
        bool, typer.Option("--new-key", help="Print a new random API key and its hash for ROSTER_API_KEYS.")
    ] = False,
    lang: Lang = "en",
) -> None:
    """Start the roster API; without API keys it serves only this machine."""
    os.environ["ROSTER_LANG"] = lang  # the API's language for requests without Accept-Language
    from api.security import BadKeyEntry, hash_key, is_loopback, load_keys
    from api.settings import Settings

    if new_key:
        key = secrets.token_urlsafe(32)
        typer.echo(
            f"key:  {key}\nhash: {hash_key(key)}  (put this in ROSTER_API_KEYS, give the key to the client)"
        )
        return
    overrides: dict[str, Any] = {
        name: value
        for name, value in (("host", host), ("port", port), ("data_dir", data_dir))
        if value is not None
    }
    try:
        settings = Settings(**overrides)
        keys = load_keys([key.get_secret_value() for key in settings.api_keys])
    except ValidationError as exc:
        problems = "; ".join(
            f"ROSTER_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise _fail(f"bad setting: {problems}") from None
    except (BadKeyEntry, ValueError) as exc:
        raise _fail(f"bad ROSTER_API_KEYS: {exc}") from None
    if keys.keyless and not is_loopback(settings.host):
        raise _fail(
            f"refusing to listen on {settings.host} without API keys; set ROSTER_API_KEYS "
            "(see `roster serve --new-key`) or bind to 127.0.0.1"
        )
    _run(settings)


def _run(settings: Any) -> None:
    import uvicorn

    from api.app import create_app
    from api.protocol import deadline_protocol

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    mode = "keyless local mode" if not settings.api_keys else f"{len(settings.api_keys)} API key(s)"
    store = "jobs in PostgreSQL" if settings.database_url else f"data in {settings.data_dir}"
    runs = (
        f"{settings.max_concurrent_solves} worker process(es)"
        if settings.backend == "embedded"
        else f"jobs sent to `roster worker`s through queue {settings.broker_queue!r}"
    )
    err_console.print(
        f"roster API on http://{settings.host}:{settings.port} (docs at /docs), {store}, {runs}, {mode}",
        markup=False,
        highlight=False,
    )
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        http=deadline_protocol(settings.header_timeout, settings.body_timeout),
        timeout_keep_alive=settings.keep_alive_timeout,
    )
