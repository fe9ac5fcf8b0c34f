"""Merging one catalog into another without deleting or silently overwriting anything.

The engine behind sync_to_postgres, sync_from_postgres and import_legacy, split as
django.core.serializers is: base (the merge itself: match by uuid, newer wins, one
transaction) and one reader module per kind of source: catalog (a catalog database) and
legacy (the Flask-era tables). Around them: databases (opening and checking a database named
by a path or URL), report (what a merge did, and its lines for a person), backup (the old
versions of updated rows, as a loaddata fixture) and runner (opening both databases and
running a merge, as the commands do).
"""
