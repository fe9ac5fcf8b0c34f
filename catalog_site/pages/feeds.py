"""RSS and Atom feeds of the latest entries (django.contrib.syndication): one per catalog and
one of every catalog, newest first by the date seen, read or watched.

An item's id is the row's uuid (`urn:uuid:...`), never its URL or its content, so a reader
that has shown an entry does not show it again when it is edited or its title corrected.
"""

import datetime
import heapq

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.text import capfirst

from catalog_site.catalog import registry

LATEST = 50  # items in a feed


def latest(config):
    """The catalog's latest dated entries, newest first (an entry without a date is not a
    diary entry: it has no place in the order)."""
    return list(config.model.objects.exclude(date=None).order_by("-date", "-id")[:LATEST])


def when(entry):
    """The day an entry was seen, read or watched, as a time (noon UTC: the same on every
    request, and the same day in every time zone a reader may show)."""
    return datetime.datetime.combine(entry.date, datetime.time(12), tzinfo=datetime.UTC)


class LatestFeed(Feed):
    """RSS 2.0 of the latest entries of the catalog named by the URL (`catalog`), or of
    every catalog without one."""

    feed_type = Rss201rev2Feed
    description_template = "catalog_site/feed_item.html"

    def get_object(self, request, catalog=None):
        return registry.catalog(catalog) if catalog else None

    def title(self, config):
        return f"{settings.SITE_NAME}: {capfirst(self.what(config))}"

    def description(self, config):
        return f"The latest {self.what(config)}, newest first."

    def link(self, config):
        return reverse(f"{config.catalog_name}:list") if config else reverse("home")

    def feed_url(self, config):
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        if config:
            return reverse("catalog-feed", args=[config.catalog_name, kind])
        return reverse("feed", args=[kind])

    def items(self, config):
        configs = [config] if config else registry.catalogs()
        newest = heapq.merge(*(latest(c) for c in configs), key=lambda e: e.date, reverse=True)
        return list(newest)[:LATEST]

    def item_title(self, entry):
        grade = f" – {entry.grade}" if entry.grade else ""
        return f"{entry}{grade}"

    def item_guid(self, entry):
        return f"urn:uuid:{entry.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return when(entry)

    def item_updateddate(self, entry):
        return entry.updated_at

    def item_categories(self, entry):
        return [capfirst(entry._meta.verbose_name_plural)]

    def get_context_data(self, **kwargs):
        entry = kwargs["item"]
        return {**kwargs, "entry": entry, "notes": getattr(entry, "notes", "")}

    @staticmethod
    def what(config):
        """ "films", or "films, books and TV shows"."""
        configs = [config] if config else registry.catalogs()
        names = [str(c.model._meta.verbose_name_plural) for c in configs]
        return " and ".join([", ".join(names[:-1]), names[-1]] if names[:-1] else names)


class LatestAtomFeed(LatestFeed):
    """The same as Atom 1.0."""

    feed_type = Atom1Feed
    subtitle = LatestFeed.description


def feed(request, kind, catalog=None):
    """The feed of `kind` ("rss" or "atom"), of one catalog or of all."""
    view = LatestAtomFeed() if kind == "atom" else LatestFeed()
    return view(request, catalog=catalog)
