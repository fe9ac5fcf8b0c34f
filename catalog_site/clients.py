"""Who is asking: the client's address, as the login lockout and the API throttles count it.

Behind a proxy (Railway's edge), REMOTE_ADDR is the proxy; the client is in
X-Forwarded-For, where each proxy appends the address it received the request from. Only
the entries added by our own proxies can be trusted; anything to their left was written by
the client and may be forged. TRUSTED_PROXY_HOPS says how many proxies stand in front of the
site, so the client is the entry that many places from the right. 0 (the default) ignores
the header, which is right when nothing stands in front.

The trusted entry must be an address (a port after it is dropped: `192.0.2.1:4711`,
`[2001:db8::1]:443`); anything else falls back to REMOTE_ADDR, since the lockout and the
throttles store it where the database expects an address.
"""

import ipaddress
import re

from django.conf import settings

# An address with a port: IPv4 `a.b.c.d:port`, or IPv6 in brackets `[...]` with or without one.
WITH_PORT = re.compile(r"\[(?P<v6>[^\]]+)\](?::\d+)?|(?P<v4>[\d.]+):\d+")


def address(text):
    """The address `text` names, as text, or None if it is not one."""
    match = WITH_PORT.fullmatch(text)
    if match:
        text = match["v6"] or match["v4"]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_ip(request):
    """The client's address as far as our own proxies vouch for it (worked out once per
    request: each throttle asks)."""
    known = request.META.get("catalog.client_ip")
    if known is None:
        known = request.META["catalog.client_ip"] = forwarded_client(request)
    return known


def forwarded_client(request):
    hops = settings.TRUSTED_PROXY_HOPS
    remote = request.META.get("REMOTE_ADDR", "")
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    # With fewer entries than hops, the leftmost is the best we have: it was still added by
    # one of our proxies (a client cannot remove entries, only add them on the left).
    return address(forwarded[-min(hops, len(forwarded))]) or remote
