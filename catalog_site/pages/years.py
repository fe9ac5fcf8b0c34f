"""The year in review pages every catalog shares: `/films/year/` lists the years that have
rows, `/films/year/2024/` tells one of them (see catalog.years)."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.views.generic import TemplateView

from catalog_site.catalog.cache import per_revision
from catalog_site.catalog.grades import BANDS
from catalog_site.catalog.models import Revision
from catalog_site.catalog.years import review, years_of

from .charts import bar_chart


class CatalogYearsMixin:
    """What both pages need of a catalog: its model and YearReview, and how its pages and
    entries are named."""

    model = None
    review = None  # the catalog's catalog.years.YearReview
    section = ""  # "films": the catalog's URL namespace

    def catalog_context(self):
        meta = self.model._meta
        return {
            "section": self.section,
            "noun": str(meta.verbose_name_plural),
            "noun_one": str(meta.verbose_name),
            # "seen on" -> "seen": the verb the catalog's date field uses.
            "verb": str(meta.get_field("date").verbose_name).split()[0],
        }


class CatalogYearListView(CatalogYearsMixin, TemplateView):
    """Every year that has rows, newest first, with how many."""

    template_name = "catalog_site/years.html"

    def get_context_data(self, **kwargs):
        years = years_of(self.model)
        return super().get_context_data(
            **kwargs,
            **self.catalog_context(),
            years=[{"year": year, "count": count} for year, count in reversed(years.items())],
        )


class CatalogYearView(CatalogYearsMixin, TemplateView):
    """One year: how many, when, how good, the A-grade list, the first, last and longest,
    the catalog's own charts, and the year before to compare with. 404 for a year without
    rows (the page lists those that have some)."""

    template_name = "catalog_site/year.html"

    def get(self, request, year):
        """One address per year: /films/year/02024/ is /films/year/2024/."""
        canonical = reverse(f"{self.section}:year", args=[year])
        if request.path != canonical:
            return redirect(canonical, permanent=True)
        return super().get(request, year=year)

    def get_context_data(self, year, **kwargs):
        revision = Revision.of(self.model)
        years = years_of(self.model, revision)
        result = year in years and per_revision(
            self.model,
            f"year:{year}",
            lambda: review(self.model, year, self.review, years),
            revision=revision,
        )
        if not result:
            raise Http404(f"No {self.model._meta.verbose_name_plural} of {year}.")
        titles = {"month": "By month", "grade": "By grade"}
        titles.update({name: title for name, (title, _) in self.review.charts.items()})
        charts = [bar_chart(name, titles[name], rows) for name, rows in result.tables.items()]
        context = self.catalog_context()
        longest = result.longest
        return super().get_context_data(
            **kwargs,
            **context,
            year=year,
            title=f"{capfirst(context['noun'])} of {year}",  # "TV shows", not "Tv shows"
            so_far=year == timezone.localdate().year,
            description=describe(result, context),
            compared=compared(result.totals.count, result.previous),
            review=result,
            charts=charts,
            total_length=length_text(result.total_length, self.review.length_unit),
            longest_length=longest
            and f"{getattr(longest, self.review.length):,} {self.review.length_unit}",
            list_query=f"{self.review.list_parameter}={year}",
            a_grades=",".join(BANDS["A"]),  # the list's "Any A"
        )


def length_text(total, unit):
    """ "5,412 pages"; minutes in hours too: "1,250 minutes (21 hours)"."""
    text = f"{total:,} {unit}"
    if unit == "minutes" and total >= 120:
        text += f" ({round(total / 60):,} hours)"
    return text


def compared(count, previous):
    """How a year's count compares with the year before's: "5 more than in 2023 (26)"."""
    if not previous.count:
        return f"none in {previous.year}"
    if count == previous.count:
        return f"as many as in {previous.year}"
    difference = f"{abs(count - previous.count)} {'more' if count > previous.count else 'fewer'}"
    return f"{difference} than in {previous.year} ({previous.count})"


def describe(result, context):
    """The year in a sentence, for search results and shared links: "31 films seen in
    2024, on average B+. Best: Heat (1995)."."""
    totals = result.totals
    noun = context["noun_one"] if totals.count == 1 else context["noun"]
    text = f"{totals.count} {noun} {context['verb']} in {totals.year}"
    if totals.average_grade:
        text += f", on average {totals.average_grade}"
    if result.a_list:
        text += f". Best: {result.a_list[0]}"
    return text + "."


def year_urls(model, year_review):
    """The year pages of a catalog, for its urls.py: `year/` and `year/<year>/`."""
    catalog = {"model": model, "review": year_review, "section": model._meta.app_label}
    return [
        path("year/", CatalogYearListView.as_view(**catalog), name="years"),
        path("year/<int:year>/", CatalogYearView.as_view(**catalog), name="year"),
    ]
