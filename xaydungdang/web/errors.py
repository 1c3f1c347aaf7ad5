"""Error pages in Vietnamese; a lost database gives 503 with a retry hint, never a traceback."""

import sys

from django.shortcuts import render

from xaydungdang.core.middleware import DB_ERRORS, database_unavailable_response


def forbidden(request, exception=None):
    return render(
        request,
        "web/error.html",
        {"code": 403, "title": "Không có quyền truy cập", "message": "Anh/chị không có quyền xem trang này."},
        status=403,
    )


def not_found(request, exception=None):
    return render(
        request,
        "web/error.html",
        {
            "code": 404,
            "title": "Không tìm thấy",
            "message": "Trang hoặc bản ghi không tồn tại, hoặc nằm ngoài phạm vi được phân quyền.",
        },
        status=404,
    )


def server_error(request):
    exc = sys.exc_info()[1]
    if isinstance(exc, DB_ERRORS):
        return database_unavailable_response()
    return render(
        request,
        "web/error.html",
        {
            "code": 500,
            "title": "Lỗi hệ thống",
            "message": "Đã có lỗi ngoài ý muốn; thao tác chưa được ghi. Vui lòng thử lại hoặc báo quản trị.",
        },
        status=500,
    )
