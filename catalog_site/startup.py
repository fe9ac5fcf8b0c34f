"""Work each worker would otherwise do on its first request, done once before it starts.

With gunicorn's --preload (Procfile) the application is loaded in the master process and
the workers are forked from it; whatever the master has imported and compiled, every worker
has from its first request on. Without this, a new worker's first request imports every
view (about half a second) and compiles the templates of the page it shows. No database
connection is opened here: a connection made before the fork would be shared by workers.
"""

from contextlib import suppress
from pathlib import Path

from django.apps import apps
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver


def own_templates():
    """The names of the templates in the site's own apps (not Django's or libraries')."""
    root = Path(__file__).resolve().parent.parent
    for config in apps.get_app_configs():
        folder = Path(config.path) / "templates"
        if folder.is_relative_to(root) and folder.is_dir():
            for path in sorted(folder.rglob("*.html")):
                yield path.relative_to(folder).as_posix()


def warm_up():
    """Import every URL pattern's view, build the resolver's tables, compile our templates."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018  (imports every urls module and its views)
    resolver.reverse_dict  # noqa: B018
    for name in own_templates():
        with suppress(TemplateDoesNotExist, TemplateSyntaxError):  # its page will say so
            get_template(name)
