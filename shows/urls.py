from django.urls import path

from catalog_site.pages.years import year_urls

from . import views
from .analytics import YEAR_REVIEW
from .models import Show

app_name = "shows"
urlpatterns = [
    path("", views.ShowListView.as_view(), name="list"),
    path("<int:pk>/", views.ShowDetailView.as_view(), name="detail"),
    path("stats/", views.ShowStatsView.as_view(), name="stats"),
    *year_urls(Show, YEAR_REVIEW),
]
