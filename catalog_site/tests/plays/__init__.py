"""A third catalog, plays seen, that exists only for the tests: the proof that a catalog is
one app and its line in INSTALLED_APPS (see settings.py here and test_third_catalog.py)."""
