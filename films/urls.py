from django.urls import path

from . import views

app_name = "films"
urlpatterns = [
    path("", views.FilmListView.as_view(), name="list"),
    path("<int:pk>/", views.FilmDetailView.as_view(), name="detail"),
    path("stats/", views.FilmStatsView.as_view(), name="stats"),
]
