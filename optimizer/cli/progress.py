"""Live progress of a solve (elapsed, objective, bound, gap), shown once it runs past a second."""

from __future__ import annotations

import threading
import time

from rich.console import Console
from rich.live import Live
from rich.text import Text

from optimizer.cli.options import current_language
from optimizer.i18n import DEFAULT_LANGUAGE, translate
from optimizer.model.solve import Progress


def progress_line(elapsed: float, progress: Progress | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """``solving…   3.2 s  objective 140  bound 120  gap 14.29%`` in a language."""
    seconds = f"{elapsed:5.1f}".replace(".", "," if lang == "id" else ".")
    if progress is None:
        return translate("cli.progress_none", lang, seconds=seconds)
    gap = f"{progress.gap * 100:.2f}" if progress.gap is not None else "?"
    if lang == "id":
        gap = gap.replace(".", ",")
    return translate(
        "cli.progress", lang, seconds=seconds, objective=progress.objective, bound=progress.bound, gap=gap
    )


class LiveProgress:
    """A progress handler for :func:`optimizer.solve` that draws a live status line."""

    def __init__(self, console: Console, delay: float = 1.0):
        self._console, self._delay = console, delay
        self._latest: Progress | None = None
        self._done = threading.Event()
        self._started = time.perf_counter()
        self._thread = threading.Thread(target=self._draw, daemon=True)

    def __call__(self, progress: Progress) -> None:
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
        return Text(progress_line(time.perf_counter() - self._started, self._latest, current_language()))

    def _draw(self) -> None:
        if self._done.wait(self._delay):
            return
        with Live(self._line(), console=self._console, transient=True, refresh_per_second=4) as live:
            while not self._done.wait(0.25):
                live.update(self._line())
