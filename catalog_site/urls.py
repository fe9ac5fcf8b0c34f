from django.contrib import admin
from django.urls import include, path

from books.admin import site as books_admin
from films.admin import site as films_admin

from .pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("films/admin/", films_admin.urls),
    path("books/admin/", books_admin.urls),
    path("films/", include("films.urls")),
    path("books/", include("books.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("catalog_site.api.urls")),
]

# An unreachable database is a 503 with Retry-After, not a 500 (pages/errors.py).
handler500 = "catalog_site.pages.errors.server_error"
