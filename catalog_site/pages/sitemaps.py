"""The sitemap of the public pages (django.contrib.sitemaps), linked from robots.txt: the
home page, each catalog's list, stats and years in review, and every entry's page, with the
time it last changed."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from catalog_site.catalog import registry
from catalog_site.catalog.years import years_of


class PagesSitemap(Sitemap):
    """The pages that are not one entry's: lists, stats and every year in review."""

    def items(self):
        pages = [("home", ())]
        for config in registry.catalogs():
            name = config.catalog_name
            pages += [(f"{name}:list", ()), (f"{name}:stats", ()), (f"{name}:years", ())]
            pages += [(f"{name}:year", (year,)) for year in years_of(config.model)]
        return pages

    def location(self, page):
        name, args = page
        return reverse(name, args=args)


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
