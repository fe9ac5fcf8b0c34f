"""Filling films and books from the providers in the admin.

- Adding: once the new row is saved (and committed), the providers are asked; the blanks
  are filled when there is one match, and when there are several the user is sent to the
  look-up page to pick one. What could not be fetched is said in a message.
- The look-up page (`<id>/lookup/`, "Refresh from provider" on a change page): the
  candidates to pick from, or the changes the chosen match would make, blanks ticked and
  typed values not, to confirm.
- The action "Fill in missing details" fills the blanks of the selected rows.

The providers are asked outside the admin's own transaction, so no database lock is held
while they answer.
"""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .lookup import changes, fill, is_blank


class LookupAdminMixin:
    """For a ModelAdmin whose model the providers know. Subclasses set `look_up` (the app's
    look-up function), `choice_of` (a candidate's query parameters) and `choice_params`."""

    look_up = None
    choice_of = None
    choice_params = ()
    choice_label = ""  # what a person types to choose directly: "TMDB id", "ISBN"
    choice_provider = None  # the Provider that id is looked up at (no box while it is off)
    change_form_template = "admin/catalog_site/change_form_with_lookup.html"
    actions = ["fill_in_missing_details"]

    def get_urls(self):
        lookup = path(
            "<path:object_id>/lookup/",
            self.admin_site.admin_view(self.lookup_view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_lookup",
        )
        return [lookup, *super().get_urls()]

    def admin_url(self, view, obj, **query):
        """The URL of one of this admin's views ("change", "lookup") for `obj`."""
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}"
        url = reverse(name, args=[obj.pk])
        return f"{url}?{urlencode(query)}" if query else url

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            request.catalog_added = obj

    def add_view(self, request, form_url="", extra_context=None):
        response = super().add_view(request, form_url, extra_context)
        added = getattr(request, "catalog_added", None)
        if added is None or response.status_code != 302:
            return response
        # The row is committed; now ask the providers, holding no lock.
        lookup = self.look_up(added)
        self.tell_problems(request, lookup.problems)
        if lookup.ambiguous:
            self.message_user(
                request,
                f"Several matches for {added}: pick one to fill in its details.",
                messages.INFO,
            )
            return HttpResponseRedirect(self.admin_url("lookup", added))
        self.tell_filled(request, added, fill(added, lookup.values))
        return response

    def lookup_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))  # None for an id that is not one
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with the id {object_id!r}.")
        if not self.has_change_permission(request, obj):
            return HttpResponseRedirect(reverse(f"{self.admin_site.name}:index"))
        source = request.POST if request.method == "POST" else request.GET
        choice = {name: source[name] for name in self.choice_params if source.get(name)}
        lookup = self.look_up(obj, **choice)
        if request.method == "POST" and not lookup.ambiguous:
            chosen = set(request.POST.getlist("field"))
            values = {name: value for name, value in lookup.values.items() if name in chosen}
            self.tell_problems(request, lookup.problems)
            self.tell_filled(request, obj, fill(obj, values, overwrite=chosen))
            return HttpResponseRedirect(self.admin_url("change", obj))
        proposed = changes(obj, lookup.values, overwrite=set(lookup.values))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": f"Details of {obj} from the providers",
            "lookup": lookup,
            "candidates": [
                (candidate, self.admin_url("lookup", obj, **self.choice_of(candidate)))
                for candidate in lookup.candidates
            ],
            "choice": choice,
            "choice_params": self.choice_params,
            "choice_label": self.choice_label,
            "choice_off": (
                self.choice_provider.off_message()
                if self.choice_provider is not None and not self.choice_provider.configured()
                else ""
            ),
            "rows": [
                {
                    "name": name,
                    "label": obj._meta.get_field(name).verbose_name,
                    "current": getattr(obj, name),
                    "found": value,
                    "blank": is_blank(getattr(obj, name)),
                }
                for name, value in proposed.items()
            ],
        }
        return TemplateResponse(request, "admin/catalog_site/lookup.html", context)

    @admin.action(description="Fill in missing details", permissions=["change"])
    def fill_in_missing_details(self, request, queryset):
        filled, unchanged, ambiguous = [], 0, []
        for obj in queryset:
            lookup = self.look_up(obj)
            self.tell_problems(request, [f"{obj}: {problem}" for problem in lookup.problems])
            if lookup.ambiguous:
                ambiguous.append(obj)
            elif fill(obj, lookup.values):
                filled.append(obj)
            else:
                unchanged += 1
        self.message_user(
            request, f"Details filled in for {len(filled)}; {unchanged} had nothing to add."
        )
        if ambiguous:
            links = format_html_join(", ", '<a href="{}">{}</a>', (
                (self.admin_url("lookup", obj), str(obj)) for obj in ambiguous
            ))  # fmt: skip
            self.message_user(
                request,
                format_html("Several matches, pick one: {}", links),
                messages.WARNING,
            )

    def tell_problems(self, request, problems):
        for problem in problems:
            self.message_user(request, problem, messages.WARNING)

    def tell_filled(self, request, obj, names):
        if names:
            labels = ", ".join(str(obj._meta.get_field(name).verbose_name) for name in names)
            self.message_user(request, f"Filled in from the providers: {labels}.")
