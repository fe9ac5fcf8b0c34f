"""The browsable API, under a Content-Security-Policy that allows its inline styles.

The REST framework's templates place a few `style` attributes (floats, widths); everything
else about the site's policy (settings.CONTENT_SECURITY_POLICY) holds: no inline script.
"""

from csp.constants import UNSAFE_INLINE
from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return super().render(data, accepted_media_type, renderer_context)
