"""The list page the films and books share: filtered, sorted and paged, its whole state in
the query string.

The pages read the same filter sets as the API (`?q=`, `?grade=`, `?ordering=`…), so a URL of
the site and one of the API select the same rows.
"""

import unicodedata
from typing import NamedTuple

from django.core.paginator import Paginator
from django.http import QueryDict
from django_filters.views import FilterView

from catalog_site.catalog.cache import per_revision
from catalog_site.catalog.filters import values_of
from catalog_site.catalog.grades import BANDS, Grade

PAGE_SIZE = 48
VIEWS = ("grid", "list")


class Option(NamedTuple):
    value: str
    label: str


class Facet(NamedTuple):
    """One select of the filter form: the query parameter, its label and its options; or,
    for a facet that takes several values, a group of checkboxes and the values chosen."""

    name: str
    label: str
    options: list
    selected: str = ""
    multiple: bool = False
    chosen: tuple = ()


def grade_options():
    """Whole letters first ('A-range'), then each of the 18 grades."""
    bands = [Option(",".join(grades), f"Any {letter}") for letter, grades in BANDS.items()]
    return bands + [Option(grade.value, grade.label) for grade in Grade]


def year_options(queryset):
    """Every year that has rows, newest first, as the year filters and pages count them
    (CatalogQuerySet.years)."""
    return [Option(str(year), str(year)) for year in sorted(queryset.years(), reverse=True)]


def distinct(queryset, field):
    """The distinct non-empty values of a column, without the model's default ordering."""
    values = queryset.order_by().values_list(field, flat=True).distinct()
    return [value for value in values if value not in (None, "")]


def caseless_options(values):
    """One option per value ignoring case (the filters match case-insensitively)."""
    seen = {}
    for value in sorted(values, key=str.casefold):
        seen.setdefault(value.casefold(), value)
    return [Option(value, value) for value in seen.values()]


def readable(value, limit=60):
    """A value from the query string as a page shows it: without control characters (a NUL
    is refused by the filters but would still be echoed) and, in a chip, cut to `limit`."""
    text = "".join(char for char in value if unicodedata.category(char) != "Cc")
    return text if limit is None or len(text) <= limit else f"{text[: limit - 1]}…"


class EitherEndPaginator(Paginator):
    """Reads a page past the middle from the far end, in the reverse order.

    OFFSET makes the database walk past every skipped row, so the last page of 100,000
    films cost a full sort; from the other end it is as cheap as the first page, and the
    index of the order serves both. The order must be total (the list adds the id last),
    so reading backwards finds exactly the same rows.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if bottom <= self.count // 2 or not getattr(self.object_list, "ordered", False):
            return super().page(number)
        backwards = self.object_list.reverse()[self.count - top : self.count - bottom]
        return self._get_page(list(backwards)[::-1], number, self)


def selection(query):
    """The filters of a query string: without empty values, the order, the layout or the page."""
    result = QueryDict(mutable=True)
    for name, values in query.lists():
        if name not in {"ordering", "view", "page"}:
            result.setlist(name, [value for value in values if value.strip()])
            if not result.getlist(name):
                del result[name]
    return result


class CatalogListView(FilterView):
    """A page of the catalog, as a grid of posters or covers or as a compact table.

    Subclasses name their sorts, the facets of their filter form and the columns a card
    reads. The queries are the same whatever the catalog's size: one revision lookup (the
    facets are cached per revision), one count and one page.
    """

    paginate_by = PAGE_SIZE
    paginator_class = EitherEndPaginator
    default_ordering = "rating"
    sorts = []  # [(ordering value, label)]
    columns = ()  # what a card or a table row shows: nothing else is loaded
    facet_labels = {}  # query parameter -> label, in form order
    text_filters = {"q": "Search"}  # free-text parameters, shown among the active filters
    multiple_facets = ()  # facets that take several values (?streaming=Netflix&streaming=Max)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        # Always bound (an empty query string too), so the default order applies.
        data = (kwargs["data"] or QueryDict()).copy()
        if not data.get("ordering"):
            data["ordering"] = self.default_ordering
        kwargs["data"] = data
        return kwargs

    def get_queryset(self):
        return super().get_queryset().only(*self.columns)

    def paginate_queryset(self, queryset, page_size):
        # The named orders can tie (two films of one title); the id keeps pages stable.
        return super().paginate_queryset(
            queryset.order_by(*queryset.query.order_by, "pk"), page_size
        )

    def facet_options(self, queryset):
        """{query parameter: [Option]} for each select of the form (cached per revision)."""
        raise NotImplementedError

    def facets(self):
        model = self.filterset_class._meta.model
        options = per_revision(model, "facets", lambda: self.facet_options(model.objects.all()))
        return [Facet(name, label, options[name]) for name, label in self.facet_labels.items()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        view = query.get("view") if query.get("view") in VIEWS else VIEWS[0]
        facets = [self.choose(facet, query) for facet in self.facets()]
        context.update(
            view=view,
            facets=facets,
            sorts=self.sorts,
            ordering=self.filterset.data["ordering"],
            active_filters=self.active_filters(facets),
            search=readable(query.get("q", ""), limit=None),
            # Free-text filters other than the search box (a book's author) survive the form.
            hidden_filters=[(n, query[n]) for n in self.text_filters if n != "q" and query.get(n)],
            filter_errors=[
                f"{self.facet_label(name)}: {' '.join(errors)}"
                for name, errors in self.filterset.errors.items()
            ],
        )
        return context

    def choose(self, facet, query):
        """The facet with what the query chose: its one value, or the options it names (in
        any case, repeated or comma-separated) for a facet of several."""
        if facet.name not in self.multiple_facets:
            return facet._replace(selected=query.get(facet.name, ""))
        whole = [option.value for option in facet.options]
        asked = {value.casefold() for value in values_of(query, facet.name, whole=whole)}
        chosen = tuple(option.value for option in facet.options if option.value.casefold() in asked)
        return facet._replace(multiple=True, chosen=chosen)

    def facet_label(self, name):
        return {**self.text_filters, **self.facet_labels}.get(name, name.replace("_", " "))

    def active_filters(self, facets):
        """[(label, value shown, URL without it)] for each filter in use, to undo one at a time."""
        labels = {facet.name: facet for facet in facets}
        result = []
        for name in [*self.text_filters, *labels]:
            value = self.request.GET.get(name, "").strip()
            if not value:
                continue
            query = self.request.GET.copy()
            query.pop(name)
            query.pop("page", None)
            if name in self.text_filters:
                label, shown = self.text_filters[name], value
            elif labels[name].multiple:
                label = labels[name].label
                shown = ", ".join(labels[name].chosen) or value
            else:
                options = {option.value: option.label for option in labels[name].options}
                label, shown = labels[name].label, options.get(value, value)
            result.append((label, readable(shown), f"?{query.urlencode()}"))
        return result
