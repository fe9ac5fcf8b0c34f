from django.urls import path

from catalog_site.pages.years import year_urls

from . import views
from .analytics import YEAR_REVIEW
from .models import Book

app_name = "books"
urlpatterns = [
    path("", views.BookListView.as_view(), name="list"),
    path("<int:pk>/", views.BookDetailView.as_view(), name="detail"),
    path("stats/", views.BookStatsView.as_view(), name="stats"),
    *year_urls(Book, YEAR_REVIEW),
]
