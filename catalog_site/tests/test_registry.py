"""The catalog registry, and the layering it makes possible: catalog_site/ reaches the
catalogs only through catalog.registry, engines never import the commands."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.utils.module_loading import import_string

from books.models import Book
from catalog_site.catalog import registry
from catalog_site.files import formats
from films.models import Film
from shows.models import Show

SITE = Path(__file__).resolve().parents[1]
CATALOG_APPS = {"films", "books"}
SUBPACKAGES = {path.parent.name for path in SITE.glob("*/__init__.py")} - {"tests", "migrations"}


def test_catalogs_are_the_installed_catalog_apps_in_order():
    assert registry.names() == ["films", "books", "shows"]
    assert registry.models() == [Film, Book, Show]
    assert registry.tables() == ["films_film", "books_book", "shows_show"]
    assert registry.catalog_of(Book()) is apps.get_app_config("books")
    assert registry.models_named("books") == [Book]
    assert registry.models_named(None) == [Film, Book, Show]


def test_an_unknown_catalog_names_the_known_ones():
    with pytest.raises(LookupError, match="No catalog 'plays': films, books, shows"):
        registry.catalog("plays")
    with pytest.raises(LookupError, match="auth.User is not a catalog"):
        registry.catalog_of(apps.get_model("auth", "User"))


@pytest.mark.parametrize("name", ["films", "books", "shows"])
def test_every_declaration_of_a_catalog_resolves(name):
    config = registry.catalog(name)
    assert config.declared("legacy_table").convert
    assert callable(config.declared("look_up"))
    assert config.declared("viewset").queryset.model is config.model
    assert config.declared("admin_site").is_registered(config.model)
    assert config.declared("api_urls")
    assert config.demo_path.is_file()
    assert {field.name for field in config.model._meta.fields} >= {
        *config.demo_key,
        *config.enrich_fields.values(),
    }
    for path in config.file_formats:
        assert config.model in formats.get(import_string(path).name).models()


def test_the_file_formats_are_each_catalogs_then_the_catalogs_own():
    assert formats.names() == [
        "letterboxd", "imdb", "goodreads", "storygraph", "trakt", "catalog-csv", "catalog-json",
    ]  # fmt: skip
    assert [f.name for f in formats.for_model(Book)] == [
        "goodreads", "storygraph", "catalog-csv", "catalog-json",
    ]  # fmt: skip


def imports_of(path):
    """The modules a Python file imports, absolute (relative imports resolved)."""
    package = ".".join(path.relative_to(SITE.parent).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(SITE.parent).parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def site_modules(*parts):
    folder = SITE.joinpath(*parts)
    return [
        path
        for path in folder.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def test_catalog_site_never_imports_a_catalog_app():
    found = {
        (str(path.relative_to(SITE.parent)), module)
        for path in site_modules()
        for module in imports_of(path)
        if module.split(".")[0] in CATALOG_APPS
    }
    assert found == set()


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("catalog", SUBPACKAGES - {"catalog"}),
        ("sync", {"management"}),
        ("files", {"management"}),
        ("providers", {"management"}),
    ],
)
def test_no_package_imports_upwards(package, forbidden):
    found = {
        (str(path.relative_to(SITE.parent)), module)
        for path in site_modules(package)
        for module in imports_of(path)
        if module.startswith("catalog_site.") and module.split(".")[1] in forbidden
    }
    assert found == set()
