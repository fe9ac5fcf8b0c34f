"""API paging, in a module of its own: the REST framework settings import it early."""

from urllib.parse import urlencode

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.utils.urls import remove_query_param, replace_query_param


class OptionalLimitOffsetPagination(LimitOffsetPagination):
    """Pages only when asked (?limit=&offset=): without them a list is the whole JSON array,
    as the legacy API returned it."""

    max_limit = 1000

    def paginate_queryset(self, queryset, request, view=None):
        params = request.query_params
        if self.limit_query_param not in params and self.offset_query_param not in params:
            return None
        # The REST framework quietly pages from the start on ?offset=ten; say what is wrong.
        errors = {
            name: ["Give a whole number, 0 or more."]
            for name in (self.limit_query_param, self.offset_query_param)
            if name in params and not params[name].isdigit()
        }
        if errors:
            raise ValidationError(errors)
        self.view = view
        return super().paginate_queryset(queryset, request, view)

    def page_url(self):
        """The links' base: the request's path and host, with only the parameters that
        choose the rows (those a cached view says it reads), names in order. A page is
        cached for everyone who asks for it, so nothing else of one reader's request, such
        as a cache-buster, may show in the links it holds."""
        request = self.request
        known = getattr(self.view, "cached_parameters", None)
        if known is None:
            return request.build_absolute_uri()
        known = set(known())
        query = [
            (n, v)
            for n in sorted(request.query_params)
            if n in known
            for v in request.query_params.getlist(n)
        ]
        url = request.build_absolute_uri(request.path)
        return f"{url}?{urlencode(query)}" if query else url

    def get_next_link(self):
        if self.offset + self.limit >= self.count:
            return None
        url = replace_query_param(self.page_url(), self.limit_query_param, self.limit)
        return replace_query_param(url, self.offset_query_param, self.offset + self.limit)

    def get_previous_link(self):
        if self.offset <= 0:
            return None
        url = replace_query_param(self.page_url(), self.limit_query_param, self.limit)
        if self.offset - self.limit <= 0:
            return remove_query_param(url, self.offset_query_param)
        return replace_query_param(url, self.offset_query_param, self.offset - self.limit)

    def get_limit(self, request):
        return super().get_limit(request) or self.max_limit
