"""What the catalog remembers of its changes: the runs (each sync, import, file import and
enrich run, recorded in the database it wrote to)."""
