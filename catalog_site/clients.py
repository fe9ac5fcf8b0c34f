"""Who is asking: the client's address, as the login lockout and the API throttles count it.

Behind a proxy (Railway's edge), REMOTE_ADDR is the proxy; the client is in
X-Forwarded-For, where each proxy appends the address it received the request from. Only
the entries added by our own proxies can be trusted; anything to their left was written by
the client and may be forged. TRUSTED_PROXY_HOPS says how many proxies stand in front of the
site, so the client is the entry that many places from the right. 0 (the default) ignores
the header, which is right when nothing stands in front.
"""

from django.conf import settings


def client_ip(request):
    """The client's address as far as our own proxies vouch for it."""
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
    return forwarded[-min(hops, len(forwarded))]
