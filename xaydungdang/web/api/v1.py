"""API v1 (docs/api.md): the router every app's viewsets register on, the OpenAPI schema and its
documentation page (Swagger UI served from our static files by drf-spectacular-sidecar).

Each domain app owns its serializers and viewsets (`<app>/api.py`); this module only assembles them.
Add an endpoint with one line: `router.register("prefix", ViewSet, basename="name")`.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from xaydungdang.alerts import api as alerts_api
from xaydungdang.core import generic
from xaydungdang.core.api import V1Mixin
from xaydungdang.core.generic_api import activity_viewset
from xaydungdang.interchange import api as interchange_api
from xaydungdang.interchange import changes_api
from xaydungdang.members import api as members_api
from xaydungdang.organizations import api as organizations_api
from xaydungdang.reports import api as reports_api


class Router(DefaultRouter):
    include_root_view = False


router = Router(trailing_slash=True)
router.register("organizations", organizations_api.OrganizationViewSet, basename="v1-organization")
router.register("members", members_api.MemberViewSet, basename="v1-member")
router.register("events", members_api.EventViewSet, basename="v1-event")
router.register("member-changes", members_api.MemberChangeViewSet, basename="v1-member-change")
router.register("indicators", reports_api.IndicatorsViewSet, basename="v1-indicators")
router.register("forms", reports_api.FormsViewSet, basename="v1-forms")
router.register("reports", reports_api.ReportViewSet, basename="v1-reports")
router.register("imports", interchange_api.ImportViewSet, basename="v1-import")
router.register("alerts", alerts_api.AlertViewSet, basename="v1-alerts")
for spec in generic.activities():  # every activity table the apps register (core/generic.py)
    router.register(f"activities/{spec.slug}", activity_viewset(spec), basename=f"v1-activity-{spec.slug}")


class SchemaView(V1Mixin, SpectacularAPIView):
    pass


class DocsView(V1Mixin, SpectacularSwaggerSplitView):
    """Swagger UI from our static files (drf-spectacular-sidecar), its script a separate file:
    the page has nothing inline, so the Content Security Policy lets it run."""

    template_name = "web/api_docs.html"


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="api-v1-schema"),
    path("docs/", DocsView.as_view(url_name="web:api-v1-schema"), name="api-v1-docs"),
    path("changes/", changes_api.ChangesView.as_view(), name="api-v1-changes"),  # the change feed
    path("", include(router.urls)),
]
