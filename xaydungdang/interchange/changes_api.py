"""GET /api/v1/changes/?since=<cursor>&limit=N — the change feed (interchange/feed.py, docs/api.md).

Every committed change in the caller's read scope, in order, in the interchange vocabulary; national
IDs masked unless the caller may change the member's records; each call is one audit row."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from xaydungdang.core.api import V1Mixin, audit_read
from xaydungdang.interchange import feed


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(help_text="con trỏ để đọc tiếp sau thay đổi này (và đơn vị của nó)")
    at = serializers.DateTimeField(help_text="thời điểm ghi nhật ký")
    entry = serializers.IntegerField(help_text="số dòng nhật ký ở nguồn")
    action = serializers.CharField(help_text="thao tác trong nhật ký (core/auditactions.py)")
    op = serializers.ChoiceField(choices=["upsert", "insert", "void", "resync"])
    table = serializers.CharField(allow_blank=True, help_text="bảng của định dạng trao đổi")
    key = serializers.DictField(child=serializers.JSONField(), help_text="khóa tự nhiên: mã tổ chức, số lý lịch...")
    row = serializers.DictField(child=serializers.JSONField(), help_text="các cột theo định dạng trao đổi")
    meta = serializers.DictField(child=serializers.JSONField(), required=False)


class ChangePageSerializer(serializers.Serializer):
    changes = ChangeSerializer(many=True)
    next = serializers.CharField(help_text="con trỏ cho lần đọc sau (tham số since)")
    more = serializers.BooleanField(help_text="còn thay đổi sau con trỏ next")
    settled = serializers.BooleanField(help_text="false: đang có giao dịch ghi chưa xong, hãy đọc lại sau giây lát")


class ChangesView(V1Mixin, APIView):
    """The change feed (interchange/feed.py)."""

    @extend_schema(
        operation_id="changes_list",
        summary="Nguồn thay đổi: mọi thay đổi đã ghi trong phạm vi, theo thứ tự",
        description=(
            "Mọi thay đổi đã ghi (commit) về các tổ chức và đảng viên trong phạm vi của người gọi, theo thứ tự, "
            "bằng từ vựng của định dạng trao đổi (mã tổ chức, số lý lịch): op upsert/insert/void/resync. Đọc tiếp "
            "bằng since = next khi more = true. Số định danh bị che nếu vai trò không được xem."
        ),
        parameters=[
            OpenApiParameter(
                "since",
                {"type": "string", "pattern": r"^([0-9]{1,18}\.[0-9]{1,18}\.[0-9]{1,18})?$"},
                description="con trỏ «next» của lần đọc trước (bỏ trống: từ đầu)",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": feed.MAX_LIMIT},
                description=f"số thay đổi tối đa (mặc định {feed.DEFAULT_LIMIT})",
            ),
        ],
        responses=ChangePageSerializer,
        tags=["changes"],
    )
    def get(self, request):
        since = feed.Cursor.parse(request.query_params.get("since"))
        raw = request.query_params.get("limit", "")
        try:
            limit = int(raw) if raw else feed.DEFAULT_LIMIT
        except ValueError:
            limit = 0
        if not 1 <= limit <= feed.MAX_LIMIT:
            raise ValidationError({"limit": [f"limit phải là số nguyên từ 1 đến {feed.MAX_LIMIT}."]})
        page = feed.Reader(request.user).page(since, limit)
        audit_read(request, "Nguồn thay đổi", rows=len(page["changes"]))
        return Response(page)
