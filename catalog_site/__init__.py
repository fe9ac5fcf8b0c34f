"""The catalog project and the app that every catalog (films, books) shares.

At the top, the project glue: settings, urls, wsgi, asgi, and apps (start-up). One
subpackage per capability beside it: catalog (the common model, grades, dates, text,
analytics, cache, shared admin, and the registry through which everything here finds the
catalogs), api (the REST API's shared parts and /api/ URLs), pages (the public site's shared
views and charts), sync (the merge engine and its readers), files (file imports and
exports), providers (details from TMDB, OMDb, Google Books, Open Library), history (runs
and changes), db (triggers, indexes and lookups the migrations install), demo (the demo
data) and management (the commands, which print what the engines return).

A catalog is an app whose AppConfig is a catalog.registry.CatalogConfig; adding one is the
app and its line in INSTALLED_APPS.
"""
