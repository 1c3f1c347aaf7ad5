from django.urls import path

from xaydungdang.web.api import views

urlpatterns = [
    path("orgs/", views.org_tree, name="api_orgs"),
    path("orgs/<str:code>/", views.org_detail, name="api_org"),
    path("orgs/<str:code>/indicators/", views.org_indicators, name="api_org_indicators"),
    path("members/", views.members, name="api_members"),
    path("members/<int:pk>/", views.member_detail, name="api_member"),
    path("members/<int:pk>/events/", views.member_events, name="api_member_events"),
    path("events/", views.events, name="api_events"),
]
