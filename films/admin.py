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
from catalog_site.providers.tmdb import TMDB
from catalog_site.tidy.admin import TidyAdminMixin
from catalog_site.tidy.values import TidyField

from . import lookup
from .filters import watched_in
from .models import Film
from .views import year_watched_options


class FilmAdminSite(AppAdminSite):
    app_label = "films"
    site_header = "Films"
    site_title = "Films admin"
    index_title = "Films watched"


site = FilmAdminSite(name="films_admin")


class YearWatchedFilter(admin.SimpleListFilter):
    """The years as the public list offers them: a year also holds the films with no year
    watched whose date seen falls in it."""

    title = "year watched"
    parameter_name = "year_watched"

    def lookups(self, request, model_admin):
        return [(option.value, option.label) for option in year_watched_options(Film.objects)]

    def queryset(self, request, queryset):
        value = self.value()
        return watched_in(queryset, value) if value else queryset


class ReleaseDecadeFilter(DecadeFilter):
    title = "release decade"
    field = "release_year"


@admin.register(Film, site=site)
class FilmAdmin(
    TidyAdminMixin, FileAdminMixin, LookupAdminMixin, HistoryAdminMixin, CatalogEntryAdmin
):
    look_up = staticmethod(lookup.look_up)
    choice_of = staticmethod(lookup.choice_of)
    choice_params = ("tmdb_id",)
    choice_label = "TMDB id"
    choice_provider = TMDB
    list_display = [
        "thumbnail",
        "title_display",
        "release_year",
        "grade_display",
        "a_grade_rank",
        "date_display",
        "format",
        "rotten_tomatoes",
    ]
    tidy_fields = [
        TidyField("format"),
        TidyField("location"),
        TidyField("year_watched"),
        TidyField("genres", tokens=True),
    ]
    list_display_links = ["title_display"]
    list_editable = ["a_grade_rank"]
    list_filter = [
        "grade",
        YearWatchedFilter,
        "format",
        GenreFilter,
        ReleaseDecadeFilter,
    ]
    date_hierarchy = "date"
    readonly_fields = [
        "score",
        "date",
        "date_precision",
        *CatalogEntryAdmin.record_fields,
        "legacy_record",
    ]
    fieldsets = [
        (None, {"fields": ["title", ("release_year", "length_minutes"), "genres"]}),
        ("Watched", {"fields": ["date_text", "all_dates", "year_watched", "location", "format"]}),
        ("Rating", {"fields": [("grade", "score"), "a_grade_rank"]}),
        (
            "Reviews and links",
            {
                "fields": [
                    "rotten_tomatoes",
                    "rt_link",
                    "image_url",
                    ("tmdb_id", "imdb_id"),
                    "letterboxd_uri",
                ]
            },
        ),
        (
            "Streaming and awards",
            {
                "classes": ["collapse"],
                "fields": [
                    "watch_providers",
                    "watch_providers_updated_at",
                    ("oscar_wins", "oscar_nominations"),
                ],
            },
        ),
        CatalogEntryAdmin.record_fieldset,
    ]

    @admin.display(description="date seen", ordering="date")
    def date_display(self, film):
        return film.date_text or "—"
