"""The Content-Security-Policy header, built once.

django-csp builds the header's text from settings.CONTENT_SECURITY_POLICY on every answer
(a tenth of a cached API answer's time). Almost every answer carries the settings' policy
unchanged; only a view that updates or replaces it (the browsable API, the API docs) or a
page that uses a nonce needs a text of its own, and those go through django-csp's own
middleware as before.
"""

import http
from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# Attributes by which a view's decorators change the policy of its answer.
PER_ANSWER = tuple(
    f"_csp_{kind}{suffix}" for kind in ("config", "update", "replace") for suffix in ("", "_ro")
)
HEADERS = (
    (HEADER, False, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
    (HEADER_REPORT_ONLY, True, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
)


@cache
def settings_policy(report_only):
    """The header text of the settings' policy (forgotten when a test changes them)."""
    return build_policy(report_only=report_only)


@receiver(setting_changed)
def forget_policy(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        settings_policy.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, which takes the settings' policy from settings_policy()."""

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in PER_ANSWER
        ):
            return super().process_response(request, response)
        debug_page = settings.DEBUG and response.status_code in (
            http.HTTPStatus.NOT_FOUND,
            http.HTTPStatus.INTERNAL_SERVER_ERROR,
        )
        if debug_page:
            return response
        for header, report_only, exempt, setting in HEADERS:
            policy = settings_policy(report_only)
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                policy
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(tuple(excluded))
            ):
                response[header] = policy
        # As django-csp: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
