"""Merging one catalog into another without deleting or silently overwriting anything.

The engine behind sync_to_postgres, sync_from_postgres, import_legacy and import_file, split
as django.core.serializers is: base (Merge and its MergeOptions: match by uuid, newer wins,
one transaction) and one reader module per kind of source: catalog (a catalog database) and
legacy (the Flask-era tables, each declared by its catalog). Around them: databases (opening
and checking a database named by a path or URL), report (what a merge did), backup (the old
versions of updated rows, as a loaddata fixture) and runner (opening both databases; the
Databases it yields run the merge). Results are returned, never printed: the commands print
them (catalog_site.management.reports). See docs/sync.md.
"""
