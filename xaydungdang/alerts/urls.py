"""Pages of the alerts app, assembled under the "web" namespace by web/urls.py."""

from django.urls import path

from xaydungdang.alerts import deadline_views, views
from xaydungdang.core import calendar_views

urlpatterns = [
    path("canh-bao/", views.alerts, name="alerts"),
    path("han-can-xu-ly/", deadline_views.deadlines_page, name="deadlines"),
    path("lich-ngay-nghi/", calendar_views.days_off, name="days_off"),
]
