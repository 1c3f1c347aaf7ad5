"""Pages of the reports app, assembled under the "web" namespace by web/urls.py."""

from django.urls import path

from xaydungdang.reports import views

urlpatterns = [
    path("bao-cao/", views.reports, name="reports"),
    path("bao-cao/tai/<str:fmt>/", views.download, name="report_download"),
    path("bieu-thong-ke/", views.stat_forms, name="forms"),
    path("bieu-thong-ke/tai/<str:fmt>/", views.stat_forms_download, name="forms_download"),
    path("bieu-thong-ke/so-lieu/", views.stat_forms_behind, name="forms_behind"),
    path("bieu-thong-ke/doi-chieu/", views.stat_forms_reconcile, name="forms_reconcile"),
]
