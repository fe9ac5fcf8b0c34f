"""Tidying a catalog's categorical values in its admin: values.py does it, admin.py is the
page (see values.py for what it means to tidy)."""
