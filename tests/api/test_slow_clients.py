"""Slow clients (a byte every so often) are cut off: the real server closes their connections."""

from __future__ import annotations

import socket
import time

import pytest

from tests.api.test_e2e import server

HEADER_TIMEOUT, BODY_TIMEOUT = 2.0, 3.0
BOUND = 120.0  # without the deadlines these connections would stay open for as long as bytes come
# The server cannot close before its deadline (less a timer's early firing, hence the half).
NOT_BEFORE = 0.5


@pytest.fixture(scope="module")
def address(tmp_path_factory):
    data = tmp_path_factory.mktemp("slow")
    env = {"ROSTER_HEADER_TIMEOUT": str(HEADER_TIMEOUT), "ROSTER_BODY_TIMEOUT": str(BODY_TIMEOUT)}
    with server(data / "data", data / "server.log", **env) as (_, client):
        assert client.get("/healthz").status_code == 200  # ordinary requests are unaffected
        host, port = client.base_url.host, client.base_url.port
        yield host, port


def _trickle(address: tuple[str, int], start: bytes, drip: bytes = b"a") -> float:
    """Send ``start``, then ``drip`` every 0.5 s until the server closes the connection; seconds it took."""
    with socket.create_connection(address, timeout=BOUND) as sock:
        sock.settimeout(0.5)
        opened = time.monotonic()
        sock.sendall(start)
        while time.monotonic() - opened < BOUND:
            try:
                if sock.recv(4096) == b"":
                    return time.monotonic() - opened
            except TimeoutError:
                pass
            except ConnectionResetError:
                return time.monotonic() - opened
            try:
                sock.sendall(drip)
            except (BrokenPipeError, ConnectionResetError):
                return time.monotonic() - opened
    raise AssertionError(f"the server kept a slow connection open for {BOUND} s")


def test_slow_request_head_is_cut_off(address):
    took = _trickle(address, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    assert took >= HEADER_TIMEOUT * NOT_BEFORE


def test_slow_body_is_cut_off(address):
    head = b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    took = _trickle(address, head + b'Content-Length: 100000\r\n\r\n{"problem": "')
    assert took >= BODY_TIMEOUT * NOT_BEFORE


def test_a_connection_that_never_sends_is_closed(address):
    took = _trickle(address, b"", drip=b"")
    assert took >= HEADER_TIMEOUT * NOT_BEFORE
