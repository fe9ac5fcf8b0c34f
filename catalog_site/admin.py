"""Django's own admin site (/admin/) holds the accounts (users, groups and API tokens) and
the list of runs.

The films and books have admin sites of their own (films/admin.py, books/admin.py, on the
shared classes of catalog/admin.py).
"""

from django.contrib import admin

from .history.models import Run

admin.site.site_header = "Catalog accounts"
admin.site.site_title = "Catalog accounts"
admin.site.index_title = "Users and groups"


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    """The runs that wrote to this database, newest first: their ids are what undo_run takes."""

    list_display = ["started_at", "kind", "description", "id", "finished_at"]
    list_filter = ["kind"]
    search_fields = ["id", "description"]
    readonly_fields = ["id", "kind", "description", "started_at", "finished_at", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
