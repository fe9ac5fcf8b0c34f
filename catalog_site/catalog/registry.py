"""Which installed apps are catalogs, and what each declares to the shared engines.

A catalog is a Django app whose AppConfig is a CatalogConfig: the sync, the file imports,
enrich, the demo data, the triggers, the API and the public pages find films and books (and
any catalog added later) here, as `django.contrib.admin` finds `admin.py` modules, and never
by importing the apps. Adding a catalog is one new app and one line in INSTALLED_APPS.

The declarations are dotted paths, imported when first asked for: the engines' modules
import the apps' models, and an AppConfig is read before any model is loaded.
"""

import functools
from pathlib import Path

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string


class CatalogConfig(AppConfig):
    """The AppConfig of a catalog app (import this module, not the class, into the app's
    apps.py: Django picks an app's AppConfig only when apps.py holds exactly one). Subclasses
    declare:

    - `model_name`: the model's class name ("Film"); its app label names the catalog in
      URLs, commands (`--only films`), file columns and JSON keys;
    - `legacy_table`: the Flask-era table it is imported from (a LegacyTable, dotted path);
    - `look_up`: the function that asks the providers about one row (dotted path), and
      `enrich_fields`: what enrich fills, {--fields name: model field};
    - `demo_file` (beside the app's modules) and `demo_key` (the fields that recognise a
      demo row);
    - `file_formats`: the export formats of other services that hold this catalog (dotted
      paths of files.base.Format subclasses);
    - `viewset` and `api_urls` (its /api/ endpoints and Flask-era routes), `admin_site`
      (served at /<name>/admin/) and `urls` (its public pages, at /<name>/).
    """

    model_name = ""
    legacy_table = ""
    look_up = ""
    enrich_fields = {}
    demo_file = "demo.json"
    demo_key = ()
    file_formats = ()
    viewset = ""
    api_urls = ""
    admin_site = ""

    @property
    def catalog_name(self):
        return self.label

    @property
    def urls(self):
        return f"{self.name}.urls"

    @functools.cached_property
    def model(self):
        return self.get_model(self.model_name)

    @property
    def demo_path(self):
        return Path(self.path) / self.demo_file

    def declared(self, attribute):
        """The object a dotted-path declaration names."""
        return import_string(getattr(self, attribute))


def catalogs():
    """Every installed catalog, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if isinstance(config, CatalogConfig)]


def catalog(name):
    """The catalog named `name` ("films"); LookupError for any other name."""
    for config in catalogs():
        if config.catalog_name == name:
            return config
    raise LookupError(f"No catalog {name!r}: {', '.join(names())}.")


def catalog_of(model):
    """The catalog a model (or an instance of it) belongs to."""
    config = apps.get_app_config(model._meta.app_label)
    if not isinstance(config, CatalogConfig):
        raise LookupError(f"{model._meta.label} is not a catalog.")
    return config


def names():
    return [config.catalog_name for config in catalogs()]


def models():
    return [config.model for config in catalogs()]


def models_named(only=None):
    """The models of the catalogs named (a name, or a list of them); all when none."""
    if not only:
        return models()
    wanted = [only] if isinstance(only, str) else list(only)
    return [catalog(name).model for name in wanted]


def tables():
    """The database tables of the catalogs' models."""
    return [model._meta.db_table for model in models()]
