"""Pages of the reports app, assembled under the "web" namespace by web/urls.py."""

from django.urls import path

from xaydungdang.reports import views

urlpatterns = [
    path("bao-cao/", views.reports, name="reports"),
    path("bao-cao/tai/<str:fmt>/", views.download, name="report_download"),
]
