from django.contrib import admin

from catalog_site.catalog.admin import AppAdminSite, CatalogEntryAdmin, DecadeFilter
from catalog_site.catalog.text import genre_label

from .models import Film


class FilmAdminSite(AppAdminSite):
    app_label = "films"
    site_header = "Films"
    site_title = "Films admin"
    index_title = "Films watched"


site = FilmAdminSite(name="films_admin")


class GenreFilter(admin.SimpleListFilter):
    title = "genre"
    parameter_name = "genre"

    def lookups(self, request, model_admin):
        indexes = model_admin.get_queryset(request).values_list("genre_index", flat=True).distinct()
        keys = {key for index in indexes for key in index.split("|") if key}
        return [(key, genre_label(key)) for key in sorted(keys)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(genre_index__contains=f"|{self.value()}|")
        return queryset


class ReleaseDecadeFilter(DecadeFilter):
    title = "release decade"
    field = "release_year"


@admin.register(Film, site=site)
class FilmAdmin(CatalogEntryAdmin):
    image_field = "poster_url"
    list_display = [
        "thumbnail",
        "title_display",
        "release_year",
        "grade",
        "a_grade_rank",
        "date_seen_display",
        "year_watched",
        "format",
        "rotten_tomatoes",
    ]
    list_display_links = ["title_display"]
    list_editable = ["a_grade_rank"]
    list_filter = [
        "letter_rating",
        "year_watched",
        "format",
        GenreFilter,
        ReleaseDecadeFilter,
    ]
    date_hierarchy = "seen_on"
    readonly_fields = [
        "score",
        "seen_on",
        "seen_precision",
        *CatalogEntryAdmin.record_fields,
        "legacy_record",
    ]
    fieldsets = [
        (None, {"fields": ["title", ("release_year", "length_minutes"), "genres"]}),
        ("Watched", {"fields": ["date_seen", "year_watched", "location", "format"]}),
        ("Rating", {"fields": [("letter_rating", "score"), "a_grade_rank"]}),
        (
            "Reviews and links",
            {"fields": ["rotten_tomatoes", "rt_link", "poster_url", "tmdb_id"]},
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
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [
                    ("seen_on", "seen_precision"),
                    "uuid",
                    "legacy_id",
                    ("created_at", "updated_at"),
                    "legacy_record",
                ],
            },
        ),
    ]

    @admin.display(description="title", ordering="sort_title")
    def title_display(self, film):
        return film.display_title

    @admin.display(description="grade", ordering="-score")
    def grade(self, film):
        return film.letter_rating or "—"

    @admin.display(description="date seen", ordering="seen_on")
    def date_seen_display(self, film):
        return film.date_seen or "—"
