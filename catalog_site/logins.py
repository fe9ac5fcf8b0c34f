"""Refused logins: the page a locked-out visitor sees, and the log line the owner reads.

django-axes counts failed logins on every admin site (they all log in through
django.contrib.auth) and locks a username, or an address, after AXES_FAILURE_LIMIT failures
within AXES_COOLOFF_TIME (settings.py). This module only says so clearly: a 429 with
Retry-After and the time the lock ends, and a warning in the "catalog.logins" log for every
refused attempt.
"""

import logging
import math

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.admin import AdminSite
from django.db.models import Max, Q
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from .clients import client_ip

log = logging.getLogger("catalog.logins")


def lock_ends(username, ip_address):
    """When the newest failure counted against this username or address stops counting."""
    counted = Q(ip_address=ip_address)
    if username:
        counted |= Q(username=username)
    latest = AccessAttempt.objects.filter(counted).aggregate(latest=Max("attempt_time"))["latest"]
    return (latest or timezone.now()) + settings.AXES_COOLOFF_TIME


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the admin's login page says why, and until when."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    ends = lock_ends(username, client_ip(request))
    wait = max(1, math.ceil((ends - timezone.now()).total_seconds()))
    # The login page of whichever admin site was asked: its header and colours.
    site = getattr(getattr(request.resolver_match, "func", None), "__self__", None)
    context = site.each_context(request) if isinstance(site, AdminSite) else {}
    response = render(
        request,
        "registration/locked_out.html",
        {
            **context,
            "title": "Too many failed logins",
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "ends": ends,
            "minutes": math.ceil(wait / 60),
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


@receiver(user_locked_out)
def log_refusal(sender, request, username, ip_address, **kwargs):
    """Sent when the limit is reached and for each attempt refused while locked."""
    log.warning(
        "Login refused: too many failed logins for username %r or from %s (%s)",
        username,
        ip_address,
        request.path if request is not None else "-",
    )
