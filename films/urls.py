from django.urls import path

from catalog_site.pages.years import year_urls

from . import views
from .analytics import YEAR_REVIEW
from .models import Film

app_name = "films"
urlpatterns = [
    path("", views.FilmListView.as_view(), name="list"),
    path("<int:pk>/", views.FilmDetailView.as_view(), name="detail"),
    path("stats/", views.FilmStatsView.as_view(), name="stats"),
    *year_urls(Film, YEAR_REVIEW),
]
