from django.http import HttpResponse


def home(request):
    return HttpResponse("xaydungdang")


def login_placeholder(request):
    return HttpResponse("login")
