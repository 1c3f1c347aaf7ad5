"""Pages of the dues app, assembled under the "web" namespace by web/urls.py."""

from django.urls import path

from xaydungdang.dues import views

urlpatterns = [
    path("dang-phi/", views.index, name="dues_index"),
    path("dang-vien/<int:pk>/dang-phi/", views.member_base, name="dues_member_base"),
    path("to-chuc/<str:code>/dang-phi/", views.month_ledger, name="dues_ledger"),
    path("to-chuc/<str:code>/dang-phi/nhap-sao-ke/", views.statement_import, name="dues_import"),
    path("to-chuc/<str:code>/dang-phi/bao-cao.xlsx", views.yearly_report, name="dues_report"),
]
