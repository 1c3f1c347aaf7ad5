"""Pages of the reviews app, assembled under the "web" namespace by web/urls.py (the generic
record screens of ratings and screenings are core/generic.py's)."""

from django.urls import path

from xaydungdang.reviews import views

urlpatterns = [
    path("to-chuc/<str:code>/xep-loai-ca-chi-bo/", views.rating_round, name="rating_round"),
    path("to-chuc/<str:code>/xep-loai-ca-chi-bo/nhap/", views.rating_round_import, name="rating_round_import"),
    path("to-chuc/<str:code>/bieu-chat-luong.xlsx", views.rating_quality_xlsx, name="rating_quality_xlsx"),
]
