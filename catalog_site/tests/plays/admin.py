from django.contrib import admin

from catalog_site.catalog.admin import AppAdminSite, CatalogEntryAdmin
from catalog_site.files.admin import FileAdminMixin
from catalog_site.history.admin import HistoryAdminMixin

from .models import Play


class PlayAdminSite(AppAdminSite):
    app_label = "plays"
    site_header = "Plays"


site = PlayAdminSite(name="plays_admin")


@admin.register(Play, site=site)
class PlayAdmin(FileAdminMixin, HistoryAdminMixin, CatalogEntryAdmin):
    list_display = ["title", "theatre", "grade"]
