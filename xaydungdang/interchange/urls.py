"""The import and export pages (assembled under the name space "web" by web/urls.py)."""

from django.urls import path

from xaydungdang.interchange import views

urlpatterns = [
    path("nhap-du-lieu/", views.start, name="import_start"),
    path("nhap-du-lieu/<int:pk>/", views.job, name="import_job"),
    path("nhap-du-lieu/<int:pk>/trang-thai/", views.job_status, name="import_status"),
    path("nhap-du-lieu/<int:pk>/nhap-that/", views.confirm, name="import_confirm"),
    path("nhap-du-lieu/<int:pk>/huy/", views.cancel, name="import_cancel"),
    path("nhap-du-lieu/<int:pk>/loi.xlsx", views.job_errors, name="import_errors"),
    path("nhap-du-lieu/mau/<slug:name>.xlsx", views.template, name="import_template"),
    path("xuat-du-lieu/", views.export_dataset, name="export_dataset"),
]
