"""Routes of the indicators app, assembled under the "web" namespace: pages by web/urls.py, the API
by web/api/urls.py."""

from django.urls import path

from xaydungdang.indicators import api, views

urlpatterns: list = [
    path("ra-soat-du-lieu/", views.campaign_page, name="data_campaign"),
]

api_urlpatterns = [
    path("orgs/<str:code>/indicators/", api.org_indicators, name="api_org_indicators"),
]
