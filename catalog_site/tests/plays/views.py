from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from .models import Play


def play_list(request):
    return HttpResponse("\n".join(str(play) for play in Play.objects.all()))


def play_detail(request, pk):
    return HttpResponse(str(get_object_or_404(Play, pk=pk)))
