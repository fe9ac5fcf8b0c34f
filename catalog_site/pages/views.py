from django.shortcuts import render

from books.models import Book
from films.models import Film

RECENT = 5


def home(request):
    """The two catalogs at a glance: counts, latest additions, where to edit."""
    context = {
        "film_count": Film.objects.count(),
        "book_count": Book.objects.count(),
        "recent_films": Film.objects.order_by("-created_at", "-id")[:RECENT],
        "recent_books": Book.objects.order_by("-created_at", "-id")[:RECENT],
    }
    return render(request, "catalog_site/home.html", context)
