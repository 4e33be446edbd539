"""The live progress line shows when the first roster came."""

from __future__ import annotations

import io

from rich.console import Console

from optimizer import Progress
from optimizer.cli.progress import LiveProgress


def test_progress_line_shows_time_of_first_roster():
    live = LiveProgress(Console(file=io.StringIO()))
    assert "no roster yet" in live._line().plain
    live(Progress(elapsed=0.42, objective=130, bound=None, stage="first_roster"))
    live(Progress(elapsed=3.5, objective=70, bound=60))
    line = live._line().plain
    assert "first roster at 0.4 s" in line
    assert "objective 70" in line
    assert "gap 14.29%" in line
