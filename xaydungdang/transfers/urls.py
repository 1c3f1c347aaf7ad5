"""Pages of the transfers app, assembled under the "web" namespace by web/urls.py."""

from django.urls import path

from xaydungdang.transfers import views

urlpatterns = [
    path("chuyen-sinh-hoat/", views.index, name="transfer_index"),
    path("chuyen-sinh-hoat/lap/", views.start, name="transfer_start"),
    path("chuyen-sinh-hoat/so-gioi-thieu/", views.register, name="transfer_register"),
    path("chuyen-sinh-hoat/<int:pk>/", views.detail, name="transfer_detail"),
    path("chuyen-sinh-hoat/<int:pk>/giay-gioi-thieu.docx", views.letter, name="transfer_letter"),
    path("chuyen-sinh-hoat/<int:pk>/<slug:slug>/", views.step, name="transfer_step"),
    path("bien-dong/<int:pk>/ho-so-chuyen/", views.describe, name="transfer_describe"),
]
