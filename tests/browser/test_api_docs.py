"""The API documentation page (/api/v1/docs/, issue 17): Swagger UI served from our own static files
(drf-spectacular-sidecar, no CDN) renders under the Content Security Policy, and lists the
operations read from /api/v1/schema/ with the signed-in session."""

import pytest

from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser


def test_docs_page_renders_under_the_csp(live_server, page, province):
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    login(page, live_server.url, "canbo_tinh")
    response = page.goto(live_server.url + "/api/v1/docs/")
    assert response.status == 200 and "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock").first.wait_for()
    text = page.locator("#swagger-ui").inner_text()
    assert "/api/v1/members/" in text and "/api/v1/indicators/" in text
    assert page.locator(".opblock").count() > 40
    assert not [p for p in problems if "Content Security Policy" in p], problems
    assert all(url.startswith(live_server.url) for url in requested), "nothing from another host (no CDN)"
    screenshot(page, "api-docs")
