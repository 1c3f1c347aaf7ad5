"""Request-wide context (who acts, from where) and a clear page when the database is away."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

from xaydungdang.core.context import Actor, acting_as

logger = logging.getLogger(__name__)

DB_ERRORS = (OperationalError, InterfaceError)


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")[:64]


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        via = "api" if request.path.startswith("/api/") else "web"
        actor = Actor(user=getattr(request, "user", None), ip=client_ip(request), via=via)
        with acting_as(actor):
            return self.get_response(request)


class NoStoreMiddleware:
    """Pages seen signed in, the API and every download hold personal data: neither the browser
    nor a proxy may keep a copy (Cache-Control: no-store). Static files are served by whitenoise
    before this runs, and keep their long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.STATIC_URL):
            return response
        try:
            user = getattr(request, "user", None)
            signed_in = user is not None and user.is_authenticated
        except DB_ERRORS:
            signed_in = True  # cannot tell: be safe
        download = "attachment" in response.get("Content-Disposition", "")
        if signed_in or download or request.path.startswith("/api/"):
            add_never_cache_headers(response)
        return response


def database_unavailable_response() -> HttpResponse:
    body = render_to_string("web/db_unavailable.html")
    response = HttpResponse(body, status=503)
    response["Retry-After"] = "10"
    return response


class DatabaseUnavailableMiddleware:
    """A lost database connection yields a Vietnamese 503 page, and the next request
    reconnects (Django opens a new connection once the old one is marked unusable)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DB_ERRORS):
            logger.warning("database unavailable: %s", exception)
            from django.db import connections

            for conn in connections.all():
                conn.close_if_unusable_or_obsolete()
            return database_unavailable_response()
        return None
