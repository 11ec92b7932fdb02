"""The one outbound fetcher of the project: every request to a URL a user gave goes through
``fetch``, so that no one can point the server at itself or its private network (SSRF).

The host is resolved once and every address it resolves to must be public (not private,
loopback, link-local, reserved, multicast or unspecified); the connection is then made to that
address, with the Host header and the TLS server name (SNI, and so certificate checking) kept
for the original host, so a second DNS answer cannot send the request elsewhere (DNS
rebinding). Redirects are followed by hand and each new location is checked the same way.
The body is streamed and reading stops at the size limit; the whole exchange has one deadline,
checked between reads (a single read waits at most the time that was left when its request
started, so a server that stalls at the last moment can stretch a fetch towards twice the limit).
Hosts or networks in ``OUTBOUND_ALLOW_PRIVATE`` pass the address check (intranets, tests); a
boolean value there ("1", "true", "yes", "on") lets every private address through (a test feed on
loopback, a closed network), "0", "false", "no" or "off" none.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 15.0
MAX_REDIRECTS = 5
USER_AGENT = "Sparklio/1.0 (knowledge fetcher)"
_REDIRECTS = {301, 302, 303, 307, 308}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class OutboundRefused(ValueError):
    """The fetch was refused or could not be made. ``reason`` is machine-readable: 'scheme',
    'host', 'credentials', 'dns', 'private_address', 'redirects', 'too_large', 'timeout',
    'unreachable'; the message says it in words."""

    def __init__(self, reason: str, url: str, message: str = ""):
        super().__init__(message or reason)
        self.reason = reason
        self.url = url
        self.message = message or reason

    def __reduce__(self):
        return OutboundRefused, (self.reason, self.url, self.message)


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    status: int
    content_type: str
    content: bytes
    headers: dict = field(default_factory=dict)


@lru_cache(maxsize=8)
def _allow_list(entries: tuple[str, ...]) -> tuple[frozenset[str], tuple]:
    names, networks = set(), []
    for entry in (item.strip() for item in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            if "/" in entry:
                raise ImproperlyConfigured(f"OUTBOUND_ALLOW_PRIVATE: {entry!r} is not a network") from None
            names.add(entry.lower().rstrip("."))
    return frozenset(names), tuple(networks)


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def allow_private_setting(value) -> bool | tuple[str, ...]:
    """``OUTBOUND_ALLOW_PRIVATE`` as True (every private address), False (none) or the host
    names and networks it lists. A lone boolean word is a switch, not a host named "1"."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    entries = (value,) if isinstance(value, str) else tuple(value)
    parts = tuple(part.strip() for entry in entries for part in str(entry).split(",") if part.strip())
    if len(parts) == 1 and parts[0].lower() in _TRUE:
        return True
    if not parts or len(parts) == 1 and parts[0].lower() in _FALSE:
        return False
    return parts


def _allowed_private(host: str, address: IPAddress) -> bool:
    allowed = allow_private_setting(settings.OUTBOUND_ALLOW_PRIVATE)
    if isinstance(allowed, bool):
        return allowed
    names, networks = _allow_list(allowed)
    if host.lower().rstrip(".") in names:
        return True
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address.version == network.version and address in network for network in networks)


def is_public(address: IPAddress) -> bool:
    if address.version == 6 and (address.ipv4_mapped or address.sixtofour or address.teredo):
        # an IPv4 address wrapped in IPv6 is judged as itself
        inner = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if inner is not None and not is_public(inner):
            return False
    return address.is_global and not address.is_multicast


def _check_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise OutboundRefused("host", str(url), f"not a valid URL: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise OutboundRefused("scheme", url, "only http and https URLs can be fetched")
    if not parsed.raw_host:
        raise OutboundRefused("host", url, "the URL has no host")
    if parsed.userinfo:
        raise OutboundRefused("credentials", url, "a URL with a user name or password is not fetched")
    return parsed


def resolve(url: str | httpx.URL) -> list[IPAddress]:
    """The addresses the URL's host resolves to, each checked: OutboundRefused when the URL is
    not http(s) or any address is not public (and not allowed by OUTBOUND_ALLOW_PRIVATE)."""
    parsed = url if isinstance(url, httpx.URL) else _check_url(url)
    host = parsed.raw_host.decode("ascii")
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, parsed.port or 443, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise OutboundRefused("dns", str(parsed), f"the host {host} could not be resolved") from exc
        addresses = list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos))
    if not addresses:
        raise OutboundRefused("dns", str(parsed), f"the host {host} could not be resolved")
    for address in addresses:
        if not is_public(address) and not _allowed_private(host, address):
            raise OutboundRefused(
                "private_address",
                str(parsed),
                f"{host} is a private or reserved address ({address}); it is not fetched",
            )
    return addresses


def check(url: str) -> str:
    """The request-time check of a URL (scheme, host, credentials, resolved addresses); the
    URL, normalised. ``fetch`` checks again when it runs."""
    parsed = _check_url(url)
    resolve(parsed)
    return str(parsed)


_client: httpx.Client | None = None
_client_lock = threading.Lock()


def _get_client() -> httpx.Client:
    """One client per process (building one costs an SSL context). No keep-alive: a pooled
    connection is keyed by address, and must not carry a request for another host name than
    the one its TLS session was verified for. No proxies from the environment: the connection
    must go to the address that was checked."""
    global _client
    if _client is None:
        with _client_lock:
            if _client is None:
                _client = httpx.Client(
                    trust_env=False, follow_redirects=False, limits=httpx.Limits(max_keepalive_connections=0)
                )
    return _client


def _host_header(parsed: httpx.URL) -> str:
    host = parsed.raw_host.decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}[parsed.scheme]
    return host if parsed.port in (None, default) else f"{host}:{parsed.port}"


def fetch(
    url: str, *, max_bytes: int | None = None, timeout: float | None = None, accept: str | None = None
) -> Fetched:
    """GET ``url`` under the rules in this module's docstring. A non-2xx answer is returned,
    not raised; a refusal, a network failure or a limit raises ``OutboundRefused``."""
    max_bytes = max_bytes if max_bytes is not None else int(getattr(settings, "OUTBOUND_MAX_BYTES", DEFAULT_MAX_BYTES))
    timeout = timeout if timeout is not None else float(getattr(settings, "OUTBOUND_TIMEOUT", DEFAULT_TIMEOUT))
    deadline = time.monotonic() + timeout
    current = str(url)
    for _hop in range(MAX_REDIRECTS + 1):
        parsed = _check_url(current)
        addresses = resolve(parsed)
        response = _connect(parsed, addresses, deadline=deadline, accept=accept)
        try:
            location = response.headers.get("location")
            if response.status_code in _REDIRECTS and location:
                try:
                    current = str(parsed.join(location))
                except (httpx.InvalidURL, ValueError) as exc:
                    raise OutboundRefused("host", current, f"the redirect goes to an invalid URL: {exc}") from exc
                continue
            content = _read(response, current, max_bytes=max_bytes, deadline=deadline)
            return Fetched(
                url=current,
                status=response.status_code,
                content_type=response.headers.get("content-type", ""),
                content=content,
                headers=dict(response.headers),
            )
        finally:
            response.close()
    raise OutboundRefused("redirects", str(url), f"more than {MAX_REDIRECTS} redirects")


def _remaining(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise OutboundRefused("timeout", url, "the server took too long to answer")
    return left


def _connect(parsed: httpx.URL, addresses: list[IPAddress], *, deadline: float, accept: str | None) -> httpx.Response:
    host = parsed.raw_host.decode("ascii")
    headers = {"Host": _host_header(parsed), "User-Agent": USER_AGENT, "Accept": accept or "*/*"}
    failure: Exception | None = None
    for address in addresses:  # in the resolver's order, the next one only if one cannot be reached
        left = _remaining(deadline, str(parsed))
        extensions = {"sni_hostname": host} if parsed.scheme == "https" else {}
        request = _get_client().build_request(
            "GET", parsed.copy_with(host=str(address)), headers=headers, timeout=left, extensions=extensions
        )
        try:
            return _get_client().send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise OutboundRefused("timeout", str(parsed), "the server took too long to answer") from exc
        except httpx.ConnectError as exc:
            failure = exc
        except httpx.TransportError as exc:
            raise OutboundRefused("unreachable", str(parsed), f"the server could not be reached: {exc}") from exc
    raise OutboundRefused("unreachable", str(parsed), f"the server could not be reached: {failure}") from failure


def _read(response: httpx.Response, url: str, *, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise OutboundRefused("too_large", url, f"the answer is {int(declared)} bytes; the limit is {max_bytes}")
    body = bytearray()
    try:
        # decoded bytes (after gzip), so a small compressed answer cannot expand past the limit
        for piece in response.iter_bytes():
            body += piece
            if len(body) > max_bytes:
                raise OutboundRefused("too_large", url, f"the answer is over {max_bytes} bytes, the limit")
            _remaining(deadline, url)
    except httpx.TimeoutException as exc:
        raise OutboundRefused("timeout", url, "the server took too long to answer") from exc
    except httpx.TransportError as exc:
        raise OutboundRefused("unreachable", url, f"the answer was cut off: {exc}") from exc
    return bytes(body)
