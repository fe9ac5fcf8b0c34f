"""Refused logins: the page a locked-out visitor sees, and the log line the owner reads.

django-axes counts failed logins on every admin site (they all log in through
django.contrib.auth) and locks the address they came from after AXES_FAILURE_LIMIT failures
within AXES_COOLOFF_TIME (settings.py); the owner, from another address, still gets in.
This module only says so clearly: a 429 with Retry-After, the time the lock ends and how
the owner lifts it, and a warning in the "catalog.logins" log for every refused attempt.
"""

import logging
import math

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.admin import AdminSite
from django.db.models import Max
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

from .clients import client_ip

log = logging.getLogger("catalog.logins")


def lock_ends(ip_address):
    """When the newest failure counted against this address stops counting."""
    attempts = AccessAttempt.objects.filter(ip_address=ip_address)
    latest = attempts.aggregate(latest=Max("attempt_time"))["latest"]
    return (latest or timezone.now()) + settings.AXES_COOLOFF_TIME


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the admin's login page says why, and until when."""
    address = client_ip(request)
    ends = lock_ends(address)
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
            "address": address,
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


@receiver(user_locked_out)
def log_refusal(sender, request, username, ip_address, **kwargs):
    """Sent when the limit is reached and for each attempt refused while locked."""
    log.warning(
        "Login refused: too many failed logins from %s (this one for username %r, %s)",
        ip_address,
        username,
        request.path if request is not None else "-",
    )
