"""Browser tests: the real ``roster serve`` on a free loopback port, driven by Debian's Chromium.

Screenshots go to a temporary directory, or to ``$ROSTER_UI_SCREENSHOTS`` (``docs/img`` to refresh the
committed ones). Every request the page makes is recorded, to show it talks only to its own server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.api.test_e2e import free_port

CHROMIUM = Path("/usr/bin/chromium")
ROSTER = Path(sys.executable).with_name("roster")
KEY = "web-test-key-0123456789"

if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed at /usr/bin/chromium", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


@dataclass
class Server:
    """A running server: its base URL and an API client (with the key, if it has one)."""

    base: str
    client: httpx.Client
    log: Path
    key: str | None = None


@dataclass
class Recorder:
    """Every URL a page requested."""

    urls: list[str] = field(default_factory=list)


def start_server(data_dir: Path, log: Path, **env: str) -> tuple[subprocess.Popen, Server]:
    """``roster serve`` on a free port, ready to answer."""
    port = free_port()
    command = (
        [str(ROSTER)] if ROSTER.exists() else [sys.executable, "-c", "from optimizer.cli import main; main()"]
    )
    environment = {**os.environ, "ROSTER_POLL_INTERVAL": "0.02", "ROSTER_MAX_CONCURRENT_SOLVES": "2"}
    environment.pop("ROSTER_API_KEYS", None)
    environment.update(env)
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*command, "serve", "--port", str(port), "--data-dir", str(data_dir)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    key = env.get("ROSTER_API_KEYS", "").partition("=")[2] or None
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30, headers=headers)
    deadline = time.monotonic() + 90
    while True:
        assert process.poll() is None, log.read_text()[-3000:]
        try:
            if client.get("/readyz").status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the server did not become ready"
        time.sleep(0.1)
    return process, Server(f"http://127.0.0.1:{port}", client, log, key)


def stop_server(process: subprocess.Popen, server: Server) -> None:
    server.client.close()
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The keyless local server shared by the browser tests."""
    root = tmp_path_factory.mktemp("web")
    process, running = start_server(root / "data", root / "server.log")
    try:
        yield running
    finally:
        stop_server(process, running)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-background-networking"]
        )
        yield launched
        launched.close()


@pytest.fixture()
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture()
def page(browser: Browser, recorder: Recorder) -> Iterator[Page]:
    """A fresh page at 1280×800 whose requests are all recorded; page errors fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    errors: list[str] = []
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    context.on("request", lambda request: recorder.urls.append(request.url))
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots are written."""
    target = os.environ.get("ROSTER_UI_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
