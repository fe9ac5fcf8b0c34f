from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from catalog_site.catalog import registry

RECENT = 5


def home(request):
    """Every catalog at a glance: counts, latest additions, and where to edit it for those
    its admin site lets in."""
    catalogs = [
        {
            "name": config.catalog_name,
            "model": config.model._meta,
            "count": config.model.objects.count(),
            "recent": config.model.objects.order_by("-created_at", "-id")[:RECENT],
            "edit_url": (reverse(f"{site.name}:index") if site.has_permission(request) else None),
        }
        for config in registry.catalogs()
        for site in [config.declared("admin_site")]
    ]
    return render(request, "catalog_site/home.html", {"catalogs": catalogs})


def favicon(request):
    return HttpResponsePermanentRedirect(static("catalog_site/favicon.svg"))
