"""The client's address, the same for every throttle and for the login lockout.

``X-Forwarded-For`` is anyone's to write, so it is believed only as far as it was written by
proxies named in ``TRUSTED_PROXIES``: walking it from the right (the hop nearest to us), each
address a trusted proxy reports is taken, until one that is not a trusted proxy: that is the
client. With no trusted proxies (the default) the header is ignored and the client is the peer
that connected (``REMOTE_ADDR``), so a new header value per request buys an attacker nothing.
"""

from functools import lru_cache
from ipaddress import ip_address, ip_network

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    try:
        return tuple(ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())
    except ValueError as exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {exc} (a comma list of IP addresses or CIDR ranges)") from exc


def trusted_networks() -> tuple:
    return _networks(tuple(settings.TRUSTED_PROXIES))


def _parse(value: str):
    try:
        return ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str:
    """The address a request came from; see the module's docstring for when a proxy is believed."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_networks()
    peer = _parse(remote)
    if peer is None or not networks or not _trusted(peer, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = peer
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _parse(hop)
        if address is None:  # not an address a proxy wrote: stop at the last one we can believe
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)


def login_username(request, credentials) -> str | None:
    """The account a login attempt is counted against, whatever its letter case: ``Alice`` and
    ``alice`` share one count."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = request.POST.get("username")
    return name.lower() if isinstance(name, str) else None
