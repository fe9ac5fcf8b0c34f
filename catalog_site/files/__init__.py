"""Files in and out: the export files of other services (Letterboxd, Goodreads, IMDb) and the
catalog's own, read into the merge engine.

base (opening a CSV or ZIP without reading it whole, recognising its format, rows that were
not understood), one module per format (letterboxd, goodreads, imdb), grades (stars and
points to grades), reader (matching file rows to the catalog; the merge engine's Reader),
runner (what import_file runs).
"""
