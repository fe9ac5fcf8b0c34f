"""/api/ itself: where everything under it is, for a person or a client that starts there."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse

from catalog_site.catalog import registry


@extend_schema(exclude=True)  # a list of links, not an endpoint of data
@api_view(["GET"])
@permission_classes([AllowAny])
@throttle_classes([])
def api_index(request):
    """Each catalog's list, the OpenAPI schema and the documentation page."""
    catalogs = {
        config.catalog_name: request.build_absolute_uri(f"/api/{config.catalog_name}")
        for config in registry.catalogs()
    }
    return Response(
        {
            **catalogs,
            "schema": reverse("schema", request=request),
            "docs": reverse("api-docs", request=request),
        }
    )
