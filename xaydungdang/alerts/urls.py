"""Pages of the alerts app, assembled under the "web" namespace by web/urls.py."""

from django.urls import path

from xaydungdang.alerts import views

urlpatterns = [
    path("canh-bao/", views.alerts, name="alerts"),
]
