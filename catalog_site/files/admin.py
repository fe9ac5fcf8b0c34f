"""Files in the admin of each catalog: "Import a file" (upload, see what would change,
confirm) and "Export" buttons on the changelist (the rows of the current filter and search).

The preview is the import's own dry run, so it says exactly what the confirmed import does:
counts per outcome, conflicts, possible duplicates and the rows not understood. The upload is
kept in a private temporary folder between the two steps, named by a random token held in
the session.
"""

import datetime
import secrets
import shutil
import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from catalog_site.sync.backup import default_backup_path
from catalog_site.sync.base import MergeOptions
from catalog_site.sync.databases import DatabaseProblem

from . import formats
from .base import FileProblem
from .catalog import export_bytes
from .runner import default_rejected_path, import_file

UPLOADS = Path(tempfile.gettempdir()) / "catalog-uploads"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class FileAdminMixin:
    """For the ModelAdmin of a catalog (films, books)."""

    change_list_template = "admin/catalog_site/change_list_with_files.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name=f"{name}_import"),
            path(
                "export/<str:kind>/",
                self.admin_site.admin_view(self.export_view),
                name=f"{name}_export",
            ),
            *super().get_urls(),
        ]

    def file_formats(self):
        """The formats that hold this catalog: (value, label)."""
        names = [file_format.name for file_format in formats.for_model(self.model)]
        return [("", "Recognise it"), *((name, name) for name in names)]

    def export_view(self, request, kind):
        if kind not in CONTENT_TYPES or not self.has_view_permission(request):
            raise PermissionDenied
        queryset = self.get_changelist_instance(request).get_queryset(request)
        body = export_bytes(kind, {self.opts.app_label: queryset})
        response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
        stamp = datetime.date.today().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="{self.opts.app_label}-{stamp}.{kind}"'
        )
        return response

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        changelist = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Import {self.opts.verbose_name_plural} from a file",
            "formats": self.file_formats(),
            "asks_shelf": any("shelf" in f.options for f in formats.for_model(self.model)),
        }
        if request.method != "POST":
            return TemplateResponse(request, "admin/catalog_site/import.html", context)
        if "token" in request.POST:
            return self.confirm_import(request, request.POST["token"], changelist)
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "Choose a file to import."
            return TemplateResponse(request, "admin/catalog_site/import.html", context)
        token = secrets.token_urlsafe(16)
        folder = UPLOADS / token
        folder.mkdir(parents=True, mode=0o700)
        stored = folder / Path(upload.name).name
        with open(stored, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        choice = {
            "format_name": request.POST.get("format") or None,
            "shelf": request.POST.get("shelf") or "read",
        }
        try:
            result = self.run_import(stored, choice, dry_run=True)
        except (FileProblem, DatabaseProblem) as problem:
            shutil.rmtree(folder, ignore_errors=True)
            context["error"] = str(problem)
            return TemplateResponse(request, "admin/catalog_site/import.html", context)
        request.session[f"catalog_import_{token}"] = {"path": str(stored), **choice}
        context.update(report=result.report, file=result.file, token=token, file_name=stored.name)
        return TemplateResponse(request, "admin/catalog_site/import.html", context)

    def run_import(self, stored, choice, *, dry_run):
        return import_file(
            stored,
            "default",
            only=self.model,
            format_name=choice["format_name"],
            options={"shelf": choice["shelf"]},
            rejected_path=None if dry_run else default_rejected_path(stored),
            merge=MergeOptions(
                dry_run=dry_run, backup_path=None if dry_run else default_backup_path()
            ),
        )

    def confirm_import(self, request, token, changelist):
        choice = request.session.pop(f"catalog_import_{token}", None)
        if choice is None:
            self.message_user(request, "That upload has expired; upload it again.", messages.ERROR)
            return HttpResponseRedirect(request.path)
        stored = Path(choice.pop("path"))
        try:
            result = self.run_import(stored, choice, dry_run=False)
        except (FileProblem, DatabaseProblem, DatabaseError) as problem:
            self.message_user(request, f"Nothing was imported: {problem}", messages.ERROR)
            return HttpResponseRedirect(request.path)
        finally:
            shutil.rmtree(stored.parent, ignore_errors=True)
        report = result.report
        (model,) = [m for m in report.models if m.model == self.opts.label_lower] or report.models
        self.message_user(
            request,
            f"Imported {stored.name}: {model.inserted} added, {model.updated} updated, "
            f"{model.unchanged} unchanged, {model.kept} kept (changed here since).",
            messages.SUCCESS,
        )
        skipped = result.file["not_understood"]
        if skipped:
            self.message_user(
                request,
                f"{len(skipped)} rows were not understood and not imported; they are in "
                f"{result.file['not_understood_file']} with the reason.",
                messages.WARNING,
            )
        if report.backup:
            self.message_user(request, f"The old versions of updated rows: {report.backup}")
        return HttpResponseRedirect(changelist)
