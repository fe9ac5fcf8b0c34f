"""History in each catalog's admin: a row's "History" page lists its versions (who, when,
which run, what changed) with "Restore this version", which asks first and then restores
it as a new change; "Recently deleted" lists deleted rows, each restorable with its uuid."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .models import Change
from .versions import content_values, model_of, recently_deleted, restore_version


def diff(change):
    """(column, old, new) of the fields a person edits that the change changed: derived
    columns (score, search text, sort and duplicate keys, the parsed date) and bookkeeping
    (times, ids) follow those and would only repeat them."""
    edited = {field.column for field in model_of(change.table_name).content_fields()}
    return [
        (name, old, new) for name, (old, new) in change.changed_fields().items() if name in edited
    ]


class HistoryAdminMixin:
    """For the ModelAdmin of a catalog: replaces Django's history page with the recorded one."""

    object_history_template = "admin/catalog_site/history.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("deleted/", view(self.deleted_view), name=f"{name}_deleted"),
            path("restore/<int:change_id>/", view(self.restore_view), name=f"{name}_restore"),
            *super().get_urls(),
        ]

    def url(self, view, *args):
        return reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}", args=args
        )

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))  # None for an id that is not one
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with the id {object_id!r}.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        changes = Change.objects.filter(table_name=self.opts.db_table, row_uuid=obj.uuid)
        versions = [
            {
                "change": change,
                "diff": diff(change),
                "restore": self.url("restore", change.id),
                "current": number == 0,  # the newest version is the row as it is
            }
            for number, change in enumerate(changes.order_by("-id"))
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": f"History of {obj}",
            "versions": versions,
            "can_restore": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def deleted_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        rows = [
            {"change": change, "row": change.old, "restore": self.url("restore", change.id)}
            for change in recently_deleted(self.model)
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Recently deleted {self.opts.verbose_name_plural}",
            "rows": rows,
            "can_restore": self.has_add_permission(request),
        }
        return TemplateResponse(request, "admin/catalog_site/deleted.html", context)

    def restore_view(self, request, change_id):
        change = get_object_or_404(Change, pk=change_id, table_name=self.opts.db_table)
        current = self.model.objects.filter(uuid=change.row_uuid).first()
        allowed = (
            self.has_change_permission(request, current)
            if current
            else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        recorded = change.new if change.new is not None else change.old
        if request.method == "POST":
            row = restore_version(change)
            self.message_user(
                request,
                f"Restored {row} as it was on {change.changed_at:%Y-%m-%d %H:%M}.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self.url("change", row.pk))
        wanted = content_values(model_of(change.table_name), recorded)
        rows = [
            {
                "label": self.model._meta.get_field(name).verbose_name,
                "now": getattr(current, name) if current else None,
                "restored": value,
                "differs": current is None or getattr(current, name) != value,
            }
            for name, value in wanted.items()
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Restore this version?",
            "change": change,
            "current": current,
            "rows": [row for row in rows if row["differs"]],
        }
        return TemplateResponse(request, "admin/catalog_site/restore.html", context)
