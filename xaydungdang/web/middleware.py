"""A NUL character in the query string or the path is refused with 400, naming the parameter.

No parameter of the project has a use for one, and PostgreSQL cannot compare text with it: a NUL
reaching a filter (an organization code, a search, an event type) was a 500 there, on half a dozen
pages at once (issue 9, L1). Refusing it once here, before any view, covers every page and the API,
including those still to come; the fuzz test web/tests/test_fuzz_params.py keeps it so.
"""

from django.http import JsonResponse
from django.shortcuts import render

from xaydungdang.core.api import error_body


def _offending(request) -> str | None:
    for key, values in request.GET.lists():
        if any("\x00" in text for text in (key, *values)):
            return key.replace("\x00", "\ufffd")[:40] or "?"
    if "\x00" in request.path_info:
        return "đường dẫn"
    return None


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = _offending(request)
        if name is None:
            return self.get_response(request)
        where = "Đường dẫn" if name == "đường dẫn" else f"Tham số “{name}”"
        message = f"{where} chứa ký tự NUL (%00), không hợp lệ; hãy bỏ ký tự đó rồi thử lại."
        if request.path.startswith("/api/v1/"):  # the v1 error format (core/api.py)
            return JsonResponse(error_body("invalid", message, {name: [message]}), status=400)
        if request.path.startswith("/api/"):
            return JsonResponse({"errors": [{"field": name, "message": message}]}, status=400)
        return render(
            request, "web/error.html", {"code": 400, "title": "Yêu cầu không hợp lệ", "message": message}, status=400
        )
