from django.urls import include, path

from xaydungdang.interchange import urls as interchange_urls
from xaydungdang.members import urls as member_urls
from xaydungdang.web.views import activities, alerts, auth, org_changes, orgs, reports

app_name = "web"

urlpatterns = [
    path("", orgs.home, name="home"),
    path("dang-nhap/", auth.login, name="login"),
    path("dang-xuat/", auth.logout, name="logout"),
    # Organizations
    path("to-chuc/", orgs.org_tree, name="org_tree"),
    path("to-chuc/thanh-lap/", org_changes.found, name="org_found"),
    path("to-chuc/<str:code>/", orgs.org_detail, name="org_detail"),
    path("to-chuc/<str:code>/sua/", org_changes.update, name="org_update"),
    path("to-chuc/<str:code>/chuyen/", org_changes.move, name="org_move"),
    path("to-chuc/<str:code>/hop-nhat/", org_changes.merge, name="org_merge"),
    path("to-chuc/<str:code>/giai-the/", org_changes.dissolve, name="org_dissolve"),
    # Members
    *member_urls.urlpatterns,
    # Activity tables
    path("hoat-dong/", activities.index, name="activity_index"),
    path("hoat-dong/<slug:slug>/", activities.activity_list, name="activity_list"),
    path("hoat-dong/<slug:slug>/ghi/", activities.activity_new, name="activity_new"),
    path("hoat-dong/<slug:slug>/<int:pk>/huy/", activities.activity_void, name="activity_void"),
    # Alerts, reports, import
    path("canh-bao/", alerts.alerts, name="alerts"),
    path("bao-cao/", reports.reports, name="reports"),
    path("bao-cao/tai/<str:fmt>/", reports.download, name="report_download"),
    *interchange_urls.urlpatterns,
    # The JSON API
    path("api/", include("xaydungdang.web.api.urls")),
]

# User management, audit log and 2FA pages are the accounts app's (included by xaydungdang/urls.py).
