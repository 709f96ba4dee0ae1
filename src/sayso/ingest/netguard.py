"""Connections that go where they were checked to go, and end when they were told to end.

A guard that resolves a host name, checks the addresses and then lets the HTTP
library resolve the name again can be fooled: a DNS server may answer with a public
address for the check and with 127.0.0.1 for the connection (DNS rebinding).  Here
the name is resolved once per connection, every address is checked, and the socket
is opened to one of those checked addresses; TLS still runs against the host name
(SNI and certificate checks), and the Host header is the URL's, as before.

Every read, write and connect is also clamped to the fetch's overall deadline
(``until``), so a server dripping one byte at a time cannot hold a fetch past it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import math
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

from sayso.model import InputError

Resolver = Callable[[str, int], list[str]]
Policy = Callable[[str], bool]

# The monotonic time by which the current fetch must end; set by ``fetch_until``.
_UNTIL: ContextVar[float] = ContextVar("sayso_fetch_until", default=math.inf)

NAT64 = ipaddress.ip_network("64:ff9b::/96")          # RFC 6052: IPv4 in the last 32 bits
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: site-local, any layout


def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses, in the order the system prefers them."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address] | None:
    """The IPv4 addresses an IPv6 address carries (and is routed by), or None."""
    if ip.ipv4_mapped is not None:
        return [ip.ipv4_mapped]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)  # the relay and the client behind it
    if ip in NAT64 or (int(ip) >> 32 == 0 and int(ip) > 1):  # NAT64, IPv4-compatible ::a.b.c.d
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return None


def is_public(address: str) -> bool:
    """Whether an address is on the public internet; an IPv6 address that embeds an IPv4
    one (mapped, compatible, 6to4, NAT64, Teredo) is judged by what it embeds."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in NAT64_LOCAL:
            return False
        inner = embedded_ipv4(ip)
        if inner is not None:
            return all(_is_public(v4) for v4 in inner)
    return _is_public(ip)


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


def refusal(host: str, addresses: Iterable[str], policy: Policy | None) -> str | None:
    """Why ``host`` may not be reached at these addresses, or None when it may."""
    for address in addresses:
        if policy is not None and not policy(address):
            return f"{host} resolves to a non-public address ({address})"
    return None


# -- deadlines ----------------------------------------------------------------
@contextlib.contextmanager
def fetch_until(until: float) -> Iterator[None]:
    """Socket operations inside end by ``until`` (monotonic); an enclosing earlier one wins."""
    token = _UNTIL.set(min(until, _UNTIL.get()))
    try:
        yield
    finally:
        _UNTIL.reset(token)


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    left = _UNTIL.get() - time.monotonic()
    if left <= 0:
        raise error("the fetch's deadline has passed")
    if math.isinf(left):
        return timeout
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connected stream whose every operation ends by the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        # server_hostname is the URL's host, not the pinned address: SNI and the
        # certificate check are about the name the user asked for.
        return DeadlineStream(self.inner.start_tls(
            ssl_context, server_hostname, _clamp(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Resolves each host once, checks every address with ``policy`` (None: any address)
    and connects to a checked address, never to the name."""

    def __init__(self, policy: Policy | None, resolver: Resolver = system_resolver) -> None:
        self.policy = policy
        self.resolver = resolver
        self.inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        if not 0 < port < 65536:
            raise httpcore.ConnectError(f"port {port} is out of range")
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        why = refusal(host, addresses, self.policy)
        if why:
            raise InputError("refused_address", why)
        last: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                stream = self.inner.connect_tcp(
                    address, port, _clamp(timeout, httpcore.ConnectTimeout), local_address,
                    socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            return DeadlineStream(stream)
        raise last

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a ``PinnedBackend``; never through a proxy."""

    def __init__(self, policy: Policy | None, resolver: Resolver = system_resolver,
                 verify: ssl.SSLContext | bool = True) -> None:
        # HTTPTransport keeps all its state in _pool; building it here rather than in
        # super().__init__ is the one way to hand httpcore a network backend.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
            max_connections=10, max_keepalive_connections=5, keepalive_expiry=5.0,
            network_backend=PinnedBackend(policy, resolver))
