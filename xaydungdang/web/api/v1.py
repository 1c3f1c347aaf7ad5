"""API v1 (docs/api.md): the router every app's viewsets register on, the OpenAPI schema and its
documentation page (Swagger UI served from our static files by drf-spectacular-sidecar).

Each domain app owns its serializers and viewsets (`<app>/api.py`); this module only assembles them.
Add an endpoint with one line: `router.register("prefix", ViewSet, basename="name")`.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from xaydungdang.core.api import V1Mixin


class Router(DefaultRouter):
    include_root_view = False


router = Router(trailing_slash=True)


class SchemaView(V1Mixin, SpectacularAPIView):
    pass


class DocsView(V1Mixin, SpectacularSwaggerSplitView):
    pass


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="api-v1-schema"),
    path("docs/", DocsView.as_view(url_name="web:api-v1-schema"), name="api-v1-docs"),
    path("", include(router.urls)),
]
