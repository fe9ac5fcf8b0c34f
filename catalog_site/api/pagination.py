"""API paging, in a module of its own: the REST framework settings import it early."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


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
        return super().paginate_queryset(queryset, request, view)

    def get_limit(self, request):
        return super().get_limit(request) or self.max_limit
