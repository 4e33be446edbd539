"""CPU-bound request work (parsing, validation, checking) in a few threads, never on the event loop.

Few threads rather than the thread pool's forty: the work holds the GIL, so more threads only add
switching, and the event loop (which must keep answering) competes with fewer of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from anyio.lowlevel import RunVar

T = TypeVar("T")
CPU_THREADS = 2
_LIMITER: RunVar[anyio.CapacityLimiter] = RunVar("roster_cpu_limiter")


async def run_cpu(function: Callable[..., T], *args: Any) -> T:
    """Run ``function(*args)`` in one of :data:`CPU_THREADS` threads (requests queue in order)."""
    try:
        limiter = _LIMITER.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(CPU_THREADS)
        _LIMITER.set(limiter)
    return await anyio.to_thread.run_sync(functools.partial(function, *args), limiter=limiter)
