"""A refused or missing page is one line in the server log, without a traceback (settings.LOGGING)."""

import io
import logging

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from xaydungdang.core.logfilters import QuietClientErrors
from xaydungdang.web.tests.conftest import users  # noqa: F401  (fixture)


@pytest.fixture
def console():
    """What the console handler of settings.LOGGING (with its filters) prints during the test."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    for name in settings.LOGGING["handlers"]["console"]["filters"]:
        handler.addFilter(import_string(settings.LOGGING["filters"][name]["()"])())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_403_and_404_are_logged_without_traceback(client, users, console):
    client.force_login(users["secretary_c1"])
    assert client.get(reverse("accounts:audit")).status_code == 403
    assert client.get("/khong-co-trang-nay/").status_code == 404
    text = console.getvalue()
    assert "Forbidden" in text and "Not Found: /khong-co-trang-nay/" in text
    assert "Traceback" not in text and "PermissionDenied" not in text
    assert len(text.strip().splitlines()) == 2


def test_server_errors_keep_their_traceback():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", None, None)
    try:
        raise ValueError("x")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    record.status_code = 500
    assert QuietClientErrors().filter(record) and record.exc_info is not None
    record.status_code = 403
    assert QuietClientErrors().filter(record) and record.exc_info is None
