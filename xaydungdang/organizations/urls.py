"""Pages and API routes of the organizations app, assembled under the "web" namespace by
web/urls.py and web/api/urls.py (the names do not change: web:org_found, web:api_orgs...)."""

from django.urls import path

from xaydungdang.organizations import api, views

urlpatterns = [
    path("chon-to-chuc/", views.org_pick, name="org_pick"),
    path("to-chuc/thanh-lap/", views.found, name="org_found"),
    path("to-chuc/<str:code>/sua/", views.update, name="org_update"),
    path("to-chuc/<str:code>/chuyen/", views.move, name="org_move"),
    path("to-chuc/<str:code>/hop-nhat/", views.merge, name="org_merge"),
    path("to-chuc/<str:code>/giai-the/", views.dissolve, name="org_dissolve"),
]

api_urlpatterns = [
    path("orgs/", api.org_tree, name="api_orgs"),
    path("orgs/<str:code>/", api.org_detail, name="api_org"),
]
