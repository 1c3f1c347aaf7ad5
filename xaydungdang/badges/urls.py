"""Pages of the badges app, assembled under the "web" namespace by web/urls.py."""

from django.urls import path

from xaydungdang.badges import views

urlpatterns = [
    path("huy-hieu-dang/", views.index, name="badge_index"),
    path("to-chuc/<str:code>/huy-hieu-dang/", views.round_list, name="badge_round"),
    path("to-chuc/<str:code>/huy-hieu-dang/tai/<str:fmt>/", views.download, name="badge_download"),
    path("to-chuc/<str:code>/doi-the-dang-vien/", views.card_exchange, name="card_exchange"),
]
