"""The REST API under /api/: what the films and books endpoints share.

viewsets (lookups by id or uuid, the 409 on a possible duplicate, analytics, summary and the
cached list), filters (folded search, grades, named orderings), serializers (fields that keep
the legacy API's shapes), pagination (pages only when asked) and urls (the router, the
OpenAPI schema and its docs page). Each app's own API sits in its api.py.
"""
