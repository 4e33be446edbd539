"""API keys (Bearer tokens kept only as SHA-256 hashes), tenants, and the keyless local mode."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from dataclasses import dataclass

from fastapi import HTTPException, Request, status

LOCAL_TENANT = "local"
_HASH = re.compile(r"^sha256:([0-9a-fA-F]{64})$")
_TENANT = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class BadKeyEntry(ValueError):
    """A configured key entry cannot be read."""


def hash_key(key: str) -> str:
    """The stored form of a key: ``sha256:<hex>``."""
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyRing:
    """The hashes of the accepted keys and the tenant each one belongs to."""

    tenants_by_hash: dict[str, str]

    @property
    def keyless(self) -> bool:
        """No key configured: the local mode, for loopback clients only."""
        return not self.tenants_by_hash

    def tenant_of(self, key: str) -> str | None:
        """The tenant a presented key belongs to, or None; compared in constant time."""
        presented = hash_key(key)
        found = None
        for stored, tenant in self.tenants_by_hash.items():
            if hmac.compare_digest(stored, presented):
                found = tenant
        return found


def load_keys(entries: list[str]) -> KeyRing:
    """Read ``[tenant=]sha256:<hex>`` or ``[tenant=]<plain key>`` entries; plain keys are hashed at once.

    A key without a tenant name is its own tenant, named after the start of its hash.
    """
    tenants: dict[str, str] = {}
    for entry in entries:
        name, sep, secret = entry.partition("=")
        # "abc==" is a padded key, not tenant "abc" with key "=": a tenant's key never starts with "=".
        if not sep or not _TENANT.match(name) or not secret.strip() or secret.startswith("="):
            name, secret = "", entry
        secret = secret.strip()
        if not secret:
            raise BadKeyEntry("an API key entry is empty")
        match = _HASH.match(secret)
        stored = f"sha256:{match[1].lower()}" if match else hash_key(secret)
        tenants[stored] = name or "key-" + stored[7:19]
    return KeyRing(tenants)


def is_loopback(host: str) -> bool:
    """Whether an address or host name only reaches this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def tenant_for(request: Request, keys: KeyRing) -> str:
    """The tenant making this request, or 401.

    In keyless mode only loopback clients are served, whatever address the server is bound to.
    """
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if keys.keyless:
        client = request.client.host if request.client else ""
        if not is_loopback(client):
            raise _unauthorized("this server runs without API keys and only answers local clients")
        return LOCAL_TENANT
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("missing API key: send 'Authorization: Bearer <key>'")
    tenant = keys.tenant_of(token.strip())
    if tenant is None:
        raise _unauthorized("invalid API key")
    return tenant


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=message, headers={"WWW-Authenticate": "Bearer"})
