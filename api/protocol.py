"""uvicorn's h11 protocol with deadlines for slow clients: the request head, then the body.

uvicorn bounds only idle keep-alive connections; a client that sends its headers or its body a
byte at a time keeps a connection (and a request) open for as long as it likes. Here the request
head must arrive within ``header_timeout`` seconds of the connection (or of the previous response)
and the body within ``body_timeout`` seconds of the head; otherwise the connection is closed.
"""

from __future__ import annotations

import asyncio
import logging

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger("roster.api")


class DeadlineH11Protocol(H11Protocol):
    """H11Protocol closing connections whose request head or body comes too slowly."""

    header_timeout: float = 10.0
    body_timeout: float = 60.0
    _deadline: asyncio.TimerHandle | None = None
    _waiting_for: str = ""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm("head", self.header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            if self._waiting_for != "body":
                self._arm("body", self.body_timeout)
        elif state is not h11.IDLE:  # the whole request is in (or the connection is ending)
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm("head", self.header_timeout)  # the next request on a kept-alive connection

    def _arm(self, what: str, seconds: float) -> None:
        self._disarm()
        self._waiting_for = what
        self._deadline = self.loop.call_later(seconds, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline, self._waiting_for = None, ""

    def _expire(self) -> None:
        what, self._deadline, self._waiting_for = self._waiting_for, None, ""
        if not self.transport.is_closing():
            log.info("closing a connection from %s: request %s too slow", self.client, what)
            self.transport.close()


def deadline_protocol(header_timeout: float, body_timeout: float) -> type[DeadlineH11Protocol]:
    """The protocol class for ``uvicorn.run(http=...)`` with these deadlines (seconds)."""
    return type(
        "ConfiguredDeadlineH11Protocol",
        (DeadlineH11Protocol,),
        {"header_timeout": header_timeout, "body_timeout": body_timeout},
    )
