"""Live progress of a solve (elapsed, first roster, objective, bound, gap), shown past a second."""

from __future__ import annotations

import threading
import time

from rich.console import Console
from rich.live import Live
from rich.text import Text

from optimizer.model.solve import Progress


class LiveProgress:
    """A progress handler for :func:`optimizer.solve` that draws a live status line."""

    def __init__(self, console: Console, delay: float = 1.0):
        self._console, self._delay = console, delay
        self._latest: Progress | None = None
        self.first_seconds: float | None = None
        self._done = threading.Event()
        self._started = time.perf_counter()
        self._thread = threading.Thread(target=self._draw, daemon=True)

    def __call__(self, progress: Progress) -> None:
        if self.first_seconds is None:
            self.first_seconds = progress.elapsed
        self._latest = progress

    def __enter__(self) -> LiveProgress:
        if self._console.is_terminal:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        if self._thread.is_alive():
            self._thread.join()

    def _line(self) -> Text:
        elapsed = time.perf_counter() - self._started
        p = self._latest
        if p is None:
            return Text(f"solving… {elapsed:5.1f} s  no roster yet")
        gap = f"{p.gap:.2%}" if p.gap is not None else "?"
        return Text(
            f"solving… {elapsed:5.1f} s  first roster at {self.first_seconds:.1f} s  "
            f"objective {p.objective}  bound {p.bound}  gap {gap}"
        )

    def _draw(self) -> None:
        if self._done.wait(self._delay):
            return
        with Live(self._line(), console=self._console, transient=True, refresh_per_second=4) as live:
            while not self._done.wait(0.25):
                live.update(self._line())
