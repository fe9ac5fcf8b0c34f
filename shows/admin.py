from django.contrib import admin

from catalog_site.catalog.admin import (
    AppAdminSite,
    CatalogEntryAdmin,
    DecadeFilter,
    GenreFilter,
)
from catalog_site.files.admin import FileAdminMixin
from catalog_site.history.admin import HistoryAdminMixin
from catalog_site.providers.admin import LookupAdminMixin
from catalog_site.tidy.admin import TidyAdminMixin
from catalog_site.tidy.values import TidyField

from . import lookup
from .models import Show
from .tmdb import TMDBTV


class ShowAdminSite(AppAdminSite):
    app_label = "shows"
    site_header = "TV shows"
    site_title = "TV shows admin"
    index_title = "TV shows watched"


site = ShowAdminSite(name="shows_admin")


class StartDecadeFilter(DecadeFilter):
    title = "first aired"
    field = "start_year"


@admin.register(Show, site=site)
class ShowAdmin(
    TidyAdminMixin, FileAdminMixin, LookupAdminMixin, HistoryAdminMixin, CatalogEntryAdmin
):
    look_up = staticmethod(lookup.look_up)
    choice_of = staticmethod(lookup.choice_of)
    choice_params = ("tmdb_id",)
    choice_label = "TMDB id"
    choice_provider = TMDBTV
    list_display = [
        "thumbnail",
        "title_display",
        "years",
        "grade_display",
        "a_grade_rank",
        "date_display",
        "seasons",
        "imdb_rating",
    ]
    tidy_fields = [TidyField("genres", tokens=True)]
    list_display_links = ["title_display"]
    list_editable = ["a_grade_rank"]
    list_filter = ["grade", "is_ongoing", GenreFilter, StartDecadeFilter]
    date_hierarchy = "date"
    readonly_fields = [
        "score",
        "date",
        "date_precision",
        *CatalogEntryAdmin.record_fields,
        "legacy_record",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    ("start_year", "end_year", "is_ongoing"),
                    ("seasons", "episodes"),
                    "genres",
                ]
            },
        ),
        ("Watched", {"fields": ["date_text", "all_dates"]}),
        ("Rating", {"fields": [("grade", "score"), "a_grade_rank", "notes"]}),
        (
            "Ratings and links",
            {"fields": ["imdb_rating", "image_url", ("tmdb_id", "imdb_id", "trakt_id")]},
        ),
        (
            "Streaming",
            {"classes": ["collapse"], "fields": ["watch_providers", "watch_providers_updated_at"]},
        ),
        CatalogEntryAdmin.record_fieldset,
    ]

    @admin.display(description="years", ordering="start_year")
    def years(self, show):
        return show.years or "—"

    @admin.display(description="date watched", ordering="date")
    def date_display(self, show):
        return show.date_text or "—"
