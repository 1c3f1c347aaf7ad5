from xaydungdang.indicators import urls as indicator_urls
from xaydungdang.members import urls as member_urls
from xaydungdang.organizations import urls as org_urls

urlpatterns = [
    *org_urls.api_urlpatterns,
    *indicator_urls.api_urlpatterns,
    *member_urls.api_urlpatterns,
]
