"""Pages and API routes of the members app, assembled under the "web" namespace by web/urls.py
and web/api/urls.py (the names do not change: web:member_list, web:api_members...)."""

from django.urls import path

from xaydungdang.members import api, views

urlpatterns = [
    path("dang-vien/", views.member_list, name="member_list"),
    path("dang-vien/xuat-excel/", views.member_export, name="member_export"),
    path("chon-dang-vien/", views.member_pick, name="member_pick"),
    path("dang-vien/ket-nap/", views.admit, name="member_admit"),
    path("dang-vien/chuyen-den/", views.transfer_in_new, name="member_transfer_in"),
    path("dang-vien/<int:pk>/", views.member_detail, name="member_detail"),
    path("dang-vien/<int:pk>/sua/", views.member_edit, name="member_edit"),
    path("dang-vien/<int:pk>/so-dinh-danh/", views.member_show_id, name="member_show_id"),
    path("dang-vien/<int:pk>/bien-dong/<slug:slug>/", views.record_event, name="member_event"),
    path("bien-dong/<int:pk>/huy/", views.void_event, name="event_void"),
    path("dang-vien/<int:pk>/thay-doi-thong-tin/", views.record_change, name="member_change"),
    path("thay-doi-thong-tin/<int:pk>/huy/", views.void_change, name="member_change_void"),
]

api_urlpatterns = [
    path("members/", api.members, name="api_members"),
    path("members/<int:pk>/", api.member_detail, name="api_member"),
    path("members/<int:pk>/events/", api.member_events, name="api_member_events"),
    path("events/", api.events, name="api_events"),
]
