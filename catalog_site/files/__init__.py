"""Files in and out: the export files of other services (Letterboxd, IMDb, Goodreads,
StoryGraph) and the catalog's own, read into the merge engine.

base (the file opened once, the Format interface, rows not understood), services (the base
of another service's format; each format itself lives in the app it fills, e.g.
films/letterboxd.py), catalog (the catalog's own CSV and JSON, and export), formats (every
format by name, found through the catalogs' AppConfigs, and recognising a file), grades
(stars and points to grades), reader (matching file rows to the catalog; the merge engine's
Reader), runner (what import_file runs, and its FileImport result) and admin (import and
export in each catalog's admin). See docs/imports.md.
"""
