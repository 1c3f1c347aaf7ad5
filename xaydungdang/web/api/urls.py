from django.urls import include, path

from xaydungdang.indicators import urls as indicator_urls
from xaydungdang.members import urls as member_urls
from xaydungdang.organizations import urls as org_urls

urlpatterns = [
    path("v1/", include("xaydungdang.web.api.v1")),  # the versioned API (web/api/v1.py, docs/api.md)
    *org_urls.api_urlpatterns,
    *indicator_urls.api_urlpatterns,
    *member_urls.api_urlpatterns,
]
