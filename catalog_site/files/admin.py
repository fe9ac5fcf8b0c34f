"""Files in the admin of each catalog: "Import a file" (upload, see what would change,
confirm) and "Export" buttons on the changelist (the rows of the current filter and search).

The preview is the import's own dry run, so it says exactly what the confirmed import does:
how every row of the file is accounted for, the first rows it adds and updates (and which
fields change), conflicts, possible duplicates, the rules that skip rows and the rows not
understood. The upload is kept between the two steps as uploads.py says (a private folder,
its SHA-256 checked on confirm, removed after an hour), under a random token held in the
session with the choices made on the form ("Let the file win": the command's --prefer-source).

The confirmed import's rows not understood are kept with its run's record (see
runner.FileMerge), so the result page can offer them as a CSV download.
"""

import datetime
import io
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from catalog_site.history.models import Run
from catalog_site.sync.backup import default_backup_path
from catalog_site.sync.base import MergeOptions
from catalog_site.sync.databases import DatabaseProblem
from catalog_site.sync.report import ModelReport

from . import formats, uploads
from .base import FileProblem, Limits, size_text
from .catalog import export_bytes
from .reader import SOURCE_PREFERRED
from .runner import (
    REJECTED_KEPT,
    import_file,
    rejected_from_run,
    write_rejected_rows,
)
from .tables import table_description, table_is_odd

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
# How many rows of each kind (added, updated, kept, not understood) a page lists by name.
SHOWN = 50
# The reason the merge gives a conflict the file wins because it was asked to.


class FileAdminMixin:
    """For the ModelAdmin of a catalog (films, books)."""

    change_list_template = "admin/catalog_site/change_list_with_files.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name=f"{name}_import"),
            path(
                "import/not-imported/<uuid:run_id>/",
                self.admin_site.admin_view(self.not_imported_view),
                name=f"{name}_not_imported",
            ),
            path(
                "export/<str:kind>/",
                self.admin_site.admin_view(self.export_view),
                name=f"{name}_export",
            ),
            *super().get_urls(),
        ]

    def file_formats(self):
        """The formats that hold this catalog: (value, label)."""
        found = formats.for_model(self.model)
        return [("", "Recognise it"), *((f.name, f.label or f.name) for f in found)]

    def export_view(self, request, kind):
        if kind not in CONTENT_TYPES or not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queryset = self.get_changelist_instance(request).get_queryset(request)
            # In the list's order, as the owner sorted it.
            body = export_bytes(kind, {self.opts.app_label: queryset}, keep_order=True)
        except (IncorrectLookupParameters, ValueError, ValidationError):
            # As the changelist answers a filter it cannot apply: the list, with ?e=1.
            changelist = reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
            )
            return HttpResponseRedirect(f"{changelist}?e=1")
        response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
        stamp = datetime.date.today().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="{self.opts.app_label}-{stamp}.{kind}"'
        )
        return response

    def may_import(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def not_imported_view(self, request, run_id):
        """The rows a confirmed import did not understand, as the CSV import_file's
        --not-imported writes (with a BOM, for spreadsheets), from the run's record."""
        if not self.may_import(request):
            raise PermissionDenied
        run = Run.objects.filter(id=run_id, kind="import_file").first()
        kept = run.summary.get("not_understood") if run else None
        if not kept or self.opts.label_lower not in kept.get("models", []):
            raise Http404("No rows not imported for that run.")
        out = io.StringIO()
        out.write("\ufeff")
        write_rejected_rows(out, rejected_from_run(run.summary))
        response = HttpResponse(out.getvalue().encode("utf-8"), content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = (
            f'attachment; filename="{self.opts.app_label}-not-imported-'
            f'{run.started_at:%Y-%m-%d}.csv"'
        )
        return response

    def import_view(self, request):
        if not self.may_import(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Import {self.opts.verbose_name_plural} from a file",
            "formats": self.file_formats(),
            "asks_shelf": any("shelf" in f.options for f in formats.for_model(self.model)),
        }
        uploads.remove_stale()
        if request.method != "POST":
            return TemplateResponse(request, "admin/catalog_site/import.html", context)
        if "token" in request.POST:
            return self.confirm_import(request, request.POST["token"])
        upload = request.FILES.get("file")
        refused = getattr(request, "upload_refused", None)
        if refused:
            context["error"] = (
                f"{refused} is over {size_text(settings.IMPORT_MAX_BYTES)}, the most an import "
                "takes (IMPORT_MAX_BYTES); nothing of it was kept."
            )
            return TemplateResponse(request, "admin/catalog_site/import.html", context)
        if upload is None:
            context["error"] = "Choose a file to import."
            return TemplateResponse(request, "admin/catalog_site/import.html", context)
        kept = uploads.keep(upload)
        choice = {
            "format_name": request.POST.get("format") or None,
            "shelf": request.POST.get("shelf") or "read",
            "prefer_source": bool(request.POST.get("prefer_source")),
        }
        try:
            result = self.run_import(Path(kept["path"]), kept["name"], choice, dry_run=True)
        except (FileProblem, DatabaseProblem) as problem:
            uploads.remove(kept)
            context["error"] = str(problem)
            return TemplateResponse(request, "admin/catalog_site/import.html", context)
        token = secrets.token_urlsafe(16)
        request.session[f"catalog_import_{token}"] = {**kept, **choice}
        context.update(
            self.result_context(result),
            token=token,
            file_name=kept["name"],
            prefer_source=choice["prefer_source"],
        )
        return TemplateResponse(request, "admin/catalog_site/import.html", context)

    def result_context(self, result):
        """What the preview and the result page show of a FileImport, cut to SHOWN rows of
        each kind, with how many more there are."""
        report, notes = result.report, result.file
        label = self.opts.label_lower
        # A file of no rows this catalog could take merges no model: all counts are 0.
        model = next((m for m in report.models if m.model == label), ModelReport(label))
        changes = [change for change in result.planned if change["model"] == model.model]
        added = [change for change in changes if change["outcome"] == "added"]
        updated = [
            {**change, "fields": self.field_changes(change["fields"])}
            for change in changes
            if change["outcome"] == "updated"
        ]
        conflicts = [
            {
                **conflict,
                "file_time": conflict["source_updated_at"]
                and datetime.datetime.fromisoformat(conflict["source_updated_at"]),
                "here_time": conflict["target_updated_at"]
                and datetime.datetime.fromisoformat(conflict["target_updated_at"]),
                "field_label": conflict.get("field")
                and self.opts.get_field(conflict["field"]).verbose_name,
            }
            for conflict in model.conflicts
        ]
        replaced = [c for c in conflicts if c["reason"].endswith(SOURCE_PREFERRED)]
        kept = [c for c in conflicts if not c["reason"].endswith(SOURCE_PREFERRED)]
        not_understood = notes["not_understood"]
        return {
            "report": report,
            "file": notes,
            "model": model,
            "accounting": ", ".join(
                f"{count} {name.replace('_', ' ')}" for name, count in notes["outcomes"].items()
            ),
            "odd_tables": [table_description(t) for t in notes["tables"] if table_is_odd(t)],
            "added": added,
            "added_more": model.inserted - len(added),
            "updated": updated,
            "updated_more": model.updated - len(updated),
            "replaced": replaced[:SHOWN],
            "replaced_more": max(0, len(replaced) - SHOWN),
            "replaced_rows": len({conflict["uuid"] for conflict in replaced}),
            "kept": kept[:SHOWN],
            "kept_more": max(0, len(kept) - SHOWN),
            "kept_rows": len({conflict["uuid"] for conflict in kept}),
            "skipped": [rule for rule in notes["skipped"] if rule["rows"]],
            "not_understood": not_understood[:SHOWN],
            "not_understood_more": max(0, len(not_understood) - SHOWN),
            "values_not_kept": notes["values_not_kept"][:SHOWN],
            "values_not_kept_more": max(0, len(notes["values_not_kept"]) - SHOWN),
        }

    def run_import(self, stored, name, choice, *, dry_run):
        return import_file(
            stored,
            "default",
            name=name,
            only=self.model,
            format_name=choice["format_name"],
            options={"shelf": choice["shelf"]},
            limits=Limits.from_settings(preview=True),  # within a request's time
            # The rows not understood are kept with the run's record, not in a file on
            # the server: the result page offers them for download.
            merge=MergeOptions(
                dry_run=dry_run,
                prefer_source=choice.get("prefer_source", False),
                backup_path=None if dry_run else default_backup_path(),
            ),
        )

    def field_changes(self, fields):
        """[(label, old, new)] of an update's {name: [old, new]}."""
        labels = {field.attname: field.verbose_name for field in self.opts.concrete_fields}
        return [(labels.get(name, name), old, new) for name, (old, new) in fields.items()]

    def confirm_import(self, request, token):
        choice = request.session.pop(f"catalog_import_{token}", None)
        if choice is None:
            self.message_user(request, "That upload has expired; upload it again.", messages.ERROR)
            return HttpResponseRedirect(request.path)
        stored = uploads.kept_file(choice)
        if stored is None:
            uploads.remove(choice)
            self.message_user(
                request, "That upload is gone or has changed; upload it again.", messages.ERROR
            )
            return HttpResponseRedirect(request.path)
        try:
            result = self.run_import(stored, choice["name"], choice, dry_run=False)
        except (FileProblem, DatabaseProblem, DatabaseError) as problem:
            self.message_user(request, f"Nothing was imported: {problem}", messages.ERROR)
            return HttpResponseRedirect(request.path)
        finally:
            uploads.remove(choice)
        context = {
            **self.admin_site.each_context(request),
            **self.result_context(result),
            "opts": self.opts,
            "title": f"Imported {choice['name']}",
            "file_name": choice["name"],
            "prefer_source": choice.get("prefer_source", False),
            "rejected_kept": REJECTED_KEPT,
        }
        return TemplateResponse(request, "admin/catalog_site/import_done.html", context)
