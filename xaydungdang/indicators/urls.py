"""API routes of the indicators app, assembled under the "web" namespace by web/api/urls.py."""

from django.urls import path

from xaydungdang.indicators import api

urlpatterns: list = []

api_urlpatterns = [
    path("orgs/<str:code>/indicators/", api.org_indicators, name="api_org_indicators"),
]
