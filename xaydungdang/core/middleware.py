"""Request-wide context (who acts, from where) and a clear page when the database is away."""

import logging

from django.db import InterfaceError, OperationalError
from django.template.loader import render_to_string
from django.http import HttpResponse

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
