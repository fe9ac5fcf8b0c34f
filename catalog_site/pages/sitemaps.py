"""The sitemap of the public pages (django.contrib.sitemaps), linked from robots.txt: the
home page, each catalog's list and stats, and every entry's page, with the time it last
changed."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from catalog_site.catalog import registry


class PagesSitemap(Sitemap):
    """The pages that are not one entry's."""

    def items(self):
        names = ["home"]
        for config in registry.catalogs():
            names += [f"{config.catalog_name}:list", f"{config.catalog_name}:stats"]
        return names

    def location(self, name):
        return reverse(name)


class EntriesSitemap(Sitemap):
    """Every entry of one catalog; `lastmod` is its last content edit."""

    def __init__(self, config):
        self.config = config

    def items(self):
        return self.config.model.objects.only("pk", "updated_at").order_by("pk")

    def lastmod(self, entry):
        return entry.updated_at


def sitemaps():
    """{section: Sitemap}, as django.contrib.sitemaps.views.sitemap takes them."""
    return {
        "pages": PagesSitemap(),
        **{config.catalog_name: EntriesSitemap(config) for config in registry.catalogs()},
    }


@require_GET
def robots_txt(request):
    """Crawlers may read the public pages, not the admin sites, and are told the sitemap."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [f"Disallow: /{name}/admin/" for name in registry.names()]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
