"""The public, server-rendered site: what the film and book pages share.

views (the home page), lists (a filtered, sorted, paged list whose state lives in the query
string) and stats (charts of a catalog or a filtered part), with charts (bar geometry the
templates draw as SVG). Each app's own pages sit in its views.py.
"""
