"""Running the installed ``roster`` console script from tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROSTER = Path(sys.executable).parent / "roster"


def run_roster(
    *args: str | Path,
    env: dict[str, str] | None = None,
    unset: tuple[str, ...] = ("ROSTER_LANG",),
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run the console script with the variables ``unset`` removed and ``env`` added, capturing its output."""
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [str(ROSTER), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=base | (env or {}),
    )
