from django.urls import path

from . import views

app_name = "plays"
urlpatterns = [
    path("", views.play_list, name="list"),
    path("<int:pk>/", views.play_detail, name="detail"),
    path("stats/", views.play_list, name="stats"),
]
