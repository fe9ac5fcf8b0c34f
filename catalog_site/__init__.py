"""The catalog project and the app that films and books share.

At the top, the project glue: settings, urls, wsgi, asgi, and apps (start-up). One
subpackage per capability beside it: catalog (the common model, grades, dates, text,
analytics, cache, shared admin), api (the REST API's shared parts and /api/ URLs), pages
(the public site's shared views and charts), sync (the merge engine and its readers), db
(triggers, indexes and lookups the migrations install) and demo (the demo data).
"""
