from django.shortcuts import render

from catalog_site.catalog import registry

RECENT = 5


def home(request):
    """Every catalog at a glance: counts, latest additions, where to edit."""
    catalogs = [
        {
            "name": config.catalog_name,
            "model": config.model._meta,
            "count": config.model.objects.count(),
            "recent": config.model.objects.order_by("-created_at", "-id")[:RECENT],
        }
        for config in registry.catalogs()
    ]
    return render(request, "catalog_site/home.html", {"catalogs": catalogs})
