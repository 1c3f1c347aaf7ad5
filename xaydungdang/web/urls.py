from django.urls import include, path

from xaydungdang.accounts import views as account_views
from xaydungdang.admissions import urls as admission_urls
from xaydungdang.alerts import urls as alert_urls
from xaydungdang.badges import urls as badge_urls
from xaydungdang.core import generic as activity_screens
from xaydungdang.dues import urls as dues_urls
from xaydungdang.indicators import urls as indicator_urls
from xaydungdang.interchange import urls as interchange_urls
from xaydungdang.members import urls as member_urls
from xaydungdang.organizations import urls as org_urls
from xaydungdang.reports import urls as report_urls
from xaydungdang.reviews import urls as review_urls
from xaydungdang.transfers import urls as transfer_urls
from xaydungdang.web.views import dashboards

app_name = "web"

urlpatterns = [
    path("", dashboards.home, name="home"),
    # Signing in and out: the accounts app's views under their web: names
    path("dang-nhap/", account_views.login, name="login"),
    path("dang-xuat/", account_views.logout, name="logout"),
    # Organizations
    path("to-chuc/", dashboards.org_tree, name="org_tree"),
    *org_urls.urlpatterns,  # before the dashboard: "to-chuc/thanh-lap/" is not an organization's code
    path("to-chuc/<str:code>/", dashboards.org_detail, name="org_detail"),
    *review_urls.urlpatterns,  # a cell's round of ratings (to-chuc/<code>/xep-loai-ca-chi-bo/)
    *dues_urls.urlpatterns,  # dues: dang-phi/, to-chuc/<code>/dang-phi/...
    *badge_urls.urlpatterns,  # badges and cards: huy-hieu-dang/, to-chuc/<code>/huy-hieu-dang/...
    *admission_urls.urlpatterns,  # candidates: to-chuc/<code>/quan-chung-uu-tu/, quan-chung-uu-tu/<pk>/...
    *transfer_urls.urlpatterns,  # transfers: chuyen-sinh-hoat/...
    # Members
    *member_urls.urlpatterns,
    # Activity tables
    *activity_screens.urlpatterns,  # core/generic.py over the tables the activity apps register
    # Alerts, reports, import
    *alert_urls.urlpatterns,
    *indicator_urls.urlpatterns,  # the data-quality campaign: ra-soat-du-lieu/
    *report_urls.urlpatterns,
    *interchange_urls.urlpatterns,
    # The JSON API
    path("api/", include("xaydungdang.web.api.urls")),
]

# User management, audit log and 2FA pages are the accounts app's (included by xaydungdang/urls.py).
