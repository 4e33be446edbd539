"""Test hooks, honoured only when the server is started with ``ROSTER_TEST_HOLD_DIR`` (never in production).

A test submits ``POST /v1/jobs?hold=<token>``. The run of such a job pauses at its first roster
(reported as the job's ``best``) and stays ``running`` until the file ``<hold dir>/<token>`` exists
or the job is cancelled; once released it searches for its time limit, which starts at the release.
So a job that a test must interrupt (SIGKILL, cancel, a dead worker) cannot finish first, however
slow or fast the machine is. Worker processes wait while ``<hold dir>/workers`` exists, so a test can
see the server before its workers are up. A token that starts with ``deaf-`` makes a run that
ignores its cancel (a hung solve), so a test can see the run's process killed.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

POLL_SECONDS = 0.05
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")
WORKERS_FILE = "workers"
DEAF_PREFIX = "deaf-"


def release_path(hold_dir: Path | None, token: str | None) -> str | None:
    """The release file of a held job, or None when the hooks are off or no hold was asked for."""
    if hold_dir is None or token is None:
        return None
    if not TOKEN.fullmatch(token) or token == WORKERS_FILE:
        raise ValueError(f"hold token {token!r} must match {TOKEN.pattern}")
    return str(hold_dir / token)


def wait_for_workers(hold_dir: str | None) -> None:
    """Block a worker process while the test hook file ``workers`` exists."""
    if hold_dir:
        while (Path(hold_dir) / WORKERS_FILE).exists():
            time.sleep(POLL_SECONDS)


class Hold:
    """The stop event a held search runs with: set by a cancel, or ``time_limit`` s after the release."""

    def __init__(self, release: str, stop: threading.Event, time_limit: float):
        self.release, self.stop, self.time_limit = Path(release), stop, time_limit
        self.deaf = self.release.name.startswith(DEAF_PREFIX)
        self.search_stop = threading.Event()
        self.released = threading.Event()
        self._paused = False
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        released_at = None
        while not self.search_stop.is_set():
            if self.stop.is_set() and not self.deaf:
                self.search_stop.set()
            elif released_at is None and self.release.exists():
                released_at = time.monotonic()
                self.released.set()
            elif released_at is not None and time.monotonic() - released_at >= self.time_limit:
                self.search_stop.set()
            self.search_stop.wait(POLL_SECONDS)

    def pause(self) -> None:
        """At the first roster: wait until released or stopped (later rosters do not wait)."""
        if self._paused:
            return
        self._paused = True
        while not (self.released.is_set() or self.search_stop.is_set()):
            self.search_stop.wait(POLL_SECONDS)

    def close(self) -> None:
        """End the watcher once the search is over."""
        self.search_stop.set()
