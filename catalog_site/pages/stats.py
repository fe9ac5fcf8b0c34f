"""The stats page the films and books share: charts of a catalog or a filtered part of it."""

from django.views.generic import TemplateView

from catalog_site.catalog.analytics import analyse
from catalog_site.catalog.cache import per_revision
from catalog_site.catalog.grades import nearest_grade
from catalog_site.catalog.years import years_of

from .charts import bar_chart
from .lists import selection


class CatalogStatsView(TemplateView):
    """Charts of count and average grade per group, for the catalog or a filtered part of it.

    The query string filters as on the list page (`/films/stats/?genre=Drama`). The charts are
    SVG drawn on the server, so they need no script and no CDN, and are cached per revision.
    """

    template_name = "catalog_site/stats.html"
    filterset_class = None
    groupings = {}
    charts = []  # [(grouping name, title, sort key or None)]
    noun = ""  # "films", "books"
    list_url = ""  # "films:list"

    def get_context_data(self, **kwargs):
        model = self.filterset_class._meta.model
        query = selection(self.request.GET)
        filterset = self.filterset_class(query, queryset=model.objects.all())
        charts, summary = per_revision(
            model, f"stats:{query.urlencode()}", lambda: self.compute(filterset.qs)
        )
        return super().get_context_data(
            **kwargs,
            noun=self.noun,
            noun_one=model._meta.verbose_name,
            list_url=self.list_url,
            charts=charts,
            summary=summary,
            query=query.urlencode(),
            filter_errors=filterset.errors,
            years=list(reversed(years_of(model))),
        )

    def compute(self, queryset):
        names = [name for name, _, _ in self.charts]
        tables, summary = analyse(
            queryset, {name: self.groupings[name] for name in names}, totals=True
        )
        charts = []
        for name, title, order in self.charts:
            rows = sorted(tables[name], key=order) if order else tables[name]
            charts.append(bar_chart(name, title, rows))
        summary["average_grade"] = nearest_grade(summary["average_score"])
        return charts, summary
