"""Live progress of a solve (elapsed, first roster, objective, bound, gap), shown past a second."""

from __future__ import annotations

import threading
import time

from rich.console import Console
from rich.live import Live
from rich.text import Text

from optimizer.cli.options import current_language
from optimizer.i18n import DEFAULT_LANGUAGE, translate
from optimizer.model.solve import Progress


def progress_line(
    elapsed: float, progress: Progress | None, lang: str = DEFAULT_LANGUAGE, first: float | None = None
) -> str:
    """``solving…   3.2 s  first roster at 0.4 s  objective 140  bound 120  gap 14.29%`` in a language."""
    comma = "," if lang == "id" else "."
    seconds = f"{elapsed:5.1f}".replace(".", comma)
    if progress is None:
        return translate("cli.progress_none", lang, seconds=seconds)
    gap = f"{progress.gap * 100:.2f}".replace(".", comma) if progress.gap is not None else "?"
    first_at = f"{progress.elapsed if first is None else first:.1f}".replace(".", comma)
    return translate(
        "cli.progress",
        lang,
        seconds=seconds,
        first=first_at,
        objective=progress.objective,
        bound="?" if progress.bound is None else progress.bound,
        gap=gap,
    )


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
        return Text(progress_line(elapsed, self._latest, current_language(), self.first_seconds))

    def _draw(self) -> None:
        if self._done.wait(self._delay):
            return
        with Live(self._line(), console=self._console, transient=True, refresh_per_second=4) as live:
            while not self._done.wait(0.25):
                live.update(self._line())
