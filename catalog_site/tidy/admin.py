"""The "Tidy values" page of each catalog's admin (see values.py): the distinct values of
each field the admin names in `tidy_fields`, with counts; tick several and type the value
they become, see every row it changes, then apply it as one run that undo_run undoes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from . import values as tidy

SHOWN = 200  # rows a preview lists by name


class TidyAdminMixin:
    tidy_fields = ()  # [tidy.TidyField]

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_tidy"
        return [
            path("tidy/", self.admin_site.admin_view(self.tidy_view), name=name),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        may_tidy = bool(self.tidy_fields) and self.has_change_permission(request)
        extra_context = {**(extra_context or {}), "tidy_url": self.tidy_url() if may_tidy else ""}
        return super().changelist_view(request, extra_context)

    def tidy_url(self):
        return reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_tidy")

    def tidy_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        fields = {field.name: field for field in self.tidy_fields}
        queryset = self.model.objects.all()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Tidy the values of {self.opts.verbose_name_plural}",
            "fields": [
                {
                    "name": field.name,
                    "label": self.opts.get_field(field.name).verbose_name,
                    "tokens": field.tokens,
                    "values": tidy.value_counts(queryset, field),
                }
                for field in self.tidy_fields
            ],
        }
        if request.method == "POST":
            field = fields.get(request.POST.get("field", ""))
            if field is None:
                context["error"] = "Choose one of the fields on this page."
                return TemplateResponse(request, "admin/catalog_site/tidy.html", context)
            old_values = request.POST.getlist("value")
            new_value = request.POST.get("new_value", "")
            try:
                if request.POST.get("step") == "apply":
                    return self.apply_tidy(request, field, old_values, new_value)
                planned = tidy.planned_changes(queryset, field, old_values, new_value)
            except tidy.TidyProblem as problem:
                context.update(error=str(problem), chosen=field.name, ticked=old_values)
                return TemplateResponse(request, "admin/catalog_site/tidy.html", context)
            context.update(
                chosen=field.name,
                ticked=old_values,
                new_value=new_value.strip(),
                planned=planned[:SHOWN],
                planned_count=len(planned),
                planned_more=max(0, len(planned) - SHOWN),
                label=self.opts.get_field(field.name).verbose_name,
            )
        return TemplateResponse(request, "admin/catalog_site/tidy.html", context)

    def apply_tidy(self, request, field, old_values, new_value):
        run, planned = tidy.apply(
            self.model.objects.all(),
            field,
            old_values,
            new_value,
            actor=f"admin:{request.user.get_username()}",
        )
        noun = self.opts.verbose_name if len(planned) == 1 else self.opts.verbose_name_plural
        self.message_user(
            request,
            f"Changed {len(planned)} {noun} (run {run.id}; manage.py undo_run {run.id} puts "
            "them back).",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self.tidy_url())
