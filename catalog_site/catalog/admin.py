"""What the films and books admin sites share.

Each app gets an AdminSite of its own (/films/admin/, /books/admin/) that only admits staff
holding a permission in that app. Users and groups stay on Django's default site (/admin/).
"""

import json

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.fields import InvalidJSONInput
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .text import genre_label, image_url


class AppAdminSite(admin.AdminSite):
    """An admin site for one app: staff without a permission in it are sent to the login page."""

    app_label = None
    # The sidebar would list the one model of the site and take a quarter of the screen from
    # the changelist; the header links between the catalogs instead.
    enable_nav_sidebar = False

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and user.has_module_perms(self.app_label)


def admin_sites_for(request):
    """The admin sites this user may use, for the header of each: [{"label", "url",
    "current"}]; the catalogs' sites, then Django's own (users, tokens, runs) for those it
    lets see something."""
    from catalog_site.catalog import registry

    user = getattr(request, "user", None)
    if user is None or not user.is_active or not user.is_staff:
        return []
    sites = []
    for config in registry.catalogs():
        site = config.declared("admin_site")
        if site.has_permission(request):
            url = reverse(f"{site.name}:index")
            sites.append({"label": site.site_header, "url": url})
    if user.is_superuser or admin.site.get_app_list(request):
        sites.append({"label": "Users and settings", "url": reverse("admin:index")})
    for site in sites:
        site["current"] = request.path.startswith(site["url"])
    return sites


class JSONFormField(forms.JSONField):
    """Django's JSON form field, with a value nested too deeply for Python's json module (a
    RecursionError, a 500) refused as any value that is not JSON."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except RecursionError:
            raise ValidationError("This JSON nests too deeply.", code="invalid") from None

    def prepare_value(self, value):
        return "" if value is None else super().prepare_value(value)  # not the text "null"

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except RecursionError:
            return InvalidJSONInput(data)

    def has_changed(self, initial, data):
        try:
            return super().has_changed(initial, data)
        except RecursionError:
            return True


class CatalogEntryAdmin(admin.ModelAdmin):
    """Common admin behaviour for films and books: folded search, thumbnails, read-only record."""

    search_fields = ["search_text"]
    empty_value_display = "—"  # as the public pages show a missing value
    search_help_text = "Ignores case, accents and a leading article."
    list_per_page = 50
    save_on_top = True
    record_fields = ("uuid", "legacy_id", "created_at", "updated_at")
    # The last fieldset of every catalog's change page: what the row is, not what it says.
    record_fieldset = (
        "Record",
        {
            "classes": ["collapse"],
            "fields": [
                ("date", "date_precision"),
                "uuid",
                "legacy_id",
                ("created_at", "updated_at"),
                "legacy_record",
            ],
        },
    )
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.JSONField: {"form_class": JSONFormField},
    }

    def save_model(self, request, obj, form, change):
        """Where to watch edited by hand was checked now, unless the form also says when: the
        public pages say when each entry's offers were checked."""
        changed = form.changed_data
        if "watch_providers" in changed and "watch_providers_updated_at" not in changed:
            obj.watch_providers_updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def get_search_results(self, request, queryset, search_term):
        """Match every word of the term against the folded search key, on any engine."""
        return queryset.search(search_term), False

    @admin.display(description="image", empty_value="")
    def thumbnail(self, obj):
        """A small image where there is one; nothing where there is none (no empty box
        making every row tall)."""
        url = image_url(obj.image_url)  # as the public pages show it: https, never javascript:
        if url:
            return format_html(
                '<img class="catalog-thumb" src="{}" alt="" loading="lazy" width="32" height="48">',
                url,
            )
        return ""

    def changelist_view(self, request, extra_context=None):
        """Django's date drill-down makes a date of ?date__year=, and a year it cannot hold
        (99999999999999999999) is a 500 there: such a link is refused as the admin refuses
        any filter it cannot use (?e=1)."""
        if self.date_hierarchy:
            for part in ("year", "month", "day"):
                value = request.GET.get(f"{self.date_hierarchy}__{part}")
                if value is not None and not (
                    value.isascii() and value.isdigit() and len(value) <= 4
                ):
                    return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)

    def get_changelist_form(self, request, **kwargs):
        """The changelist's editable cells, each labelled with its column and row for a
        screen reader (the admin gives them none)."""
        form_class = super().get_changelist_form(request, **kwargs)

        class LabelledForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, field in self.fields.items():
                    label = field.label or name
                    if self.instance.pk is not None:
                        label = f"{label} of {self.instance}"
                    field.widget.attrs.setdefault("aria-label", label)

        return LabelledForm

    @admin.display(description="title", ordering="sort_title")
    def title_display(self, obj):
        return obj.display_title

    @admin.display(description="grade", ordering="-score")
    def grade_display(self, obj):
        return obj.grade or "—"

    @admin.display(description="legacy record")
    def legacy_record(self, obj):
        if obj.legacy_data is None:
            return "—"
        return format_html(
            "<pre>{}</pre>", json.dumps(obj.legacy_data, indent=2, ensure_ascii=False)
        )


class GenreFilter(admin.SimpleListFilter):
    """The genres of a catalog whose rows have them (see models.GenreQuerySet), by key."""

    title = "genre"
    parameter_name = "genre"

    def lookups(self, request, model_admin):
        keys = model_admin.get_queryset(request).genre_keys()
        return [(key, genre_label(key)) for key in keys]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.in_genre(self.value())
        return queryset


class DecadeFilter(admin.SimpleListFilter):
    """Filter a year field by decade; subclasses name the field."""

    title = "decade"
    parameter_name = "decade"
    field = None

    def lookups(self, request, model_admin):
        decades = model_admin.get_queryset(request).decades(self.field)
        return [(str(decade), f"{decade}s") for decade in decades]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            start = int(self.value())
            return queryset.filter(**{f"{self.field}__gte": start, f"{self.field}__lt": start + 10})
        return queryset
