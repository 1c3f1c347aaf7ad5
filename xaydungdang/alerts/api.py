"""API v1 of the alerts (deadlines, badge lists...): every list of alerts.rules within the caller's
scope, optionally within one organization's subtree (assembled by web/api/v1.py). The lists name
members: each call is audited."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from xaydungdang.alerts.cache import alerts_for
from xaydungdang.core.api import V1Mixin, audit_read
from xaydungdang.organizations.tree import load_tree
from xaydungdang.organizations.views import org_or_404

# The lists of an AlertSet, with their titles (as on the alerts page).
LISTS = {
    "probation": "Đảng viên dự bị đến hạn, quá hạn xét công nhận chính thức",
    "probation_soon": "Đảng viên sắp hết thời gian dự bị",
    "small_cells": "Chi bộ có dưới 3 đảng viên chính thức",
    "absent": "Đảng viên vắng sinh hoạt: đi làm ăn xa chưa trở về, trong diện rà soát",
    "away_overdue": "Đi làm ăn xa quá 12 tháng chưa trở về",
    "badges": "Đề nghị tặng Huy hiệu Đảng",
    "screening": "Rà soát, sàng lọc chưa có kết quả",
    "unpaid_dues": "Chưa đóng đảng phí từ 3 tháng liên tiếp",
}


class AlertSerializer(serializers.Serializer):
    member = serializers.IntegerField(allow_null=True, help_text="id của đảng viên (không có với chi bộ)")
    label = serializers.CharField()
    detail = serializers.CharField()
    due = serializers.DateField(allow_null=True, help_text="hạn")
    late = serializers.BooleanField(help_text="đã quá hạn")
    org = serializers.CharField(allow_null=True, help_text="mã chi bộ")
    extra = serializers.DictField(help_text="số liệu thêm (ví dụ số năm tuổi Đảng)")


class AlertListSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    count = serializers.IntegerField()
    alerts = AlertSerializer(many=True)


@extend_schema_serializer(many=False)  # the list action answers one object
class AlertSetSerializer(serializers.Serializer):
    day = serializers.DateField()
    badge_day = serializers.DateField(help_text="đợt trao Huy hiệu Đảng tới")
    total = serializers.IntegerField()
    lists = AlertListSerializer(many=True)


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class AlertViewSet(V1Mixin, viewsets.ViewSet):
    """The alert lists (alerts.rules) as the alerts page shows them."""

    pagination_class = None  # one object, not a page of a list

    @extend_schema(
        summary="Cảnh báo: thời hạn, danh sách Huy hiệu Đảng...",
        parameters=[
            OpenApiParameter("org", str, description="mã tổ chức: chỉ trong cây của tổ chức này"),
            OpenApiParameter("list", str, enum=list(LISTS), description="chỉ một danh sách"),
        ],
        responses=AlertSetSerializer,
    )
    def list(self, request):
        code = request.query_params.get("org", "").strip()[:40]
        org = org_or_404(request.user, code) if code else None
        only = request.query_params.get("list", "").strip()
        if only and only not in LISTS:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"list": [f"Chọn một trong: {', '.join(LISTS)}."]})
        result = alerts_for(request.user, org.id if org else None)
        tree = load_tree()
        lists = []
        for key, title in LISTS.items():
            if only and key != only:
                continue
            rows = getattr(result, key)
            lists.append(
                {
                    "key": key,
                    "title": title,
                    "count": len(rows),
                    "alerts": [
                        {
                            "member": a.member_id,
                            "label": a.label,
                            "detail": a.detail,
                            "due": a.due,
                            "late": a.late,
                            "org": tree.orgs[a.org_id].code if a.org_id in tree.orgs else None,
                            "extra": _plain(a.extra),
                        }
                        for a in rows
                    ],
                }
            )
        rows = sum(entry["count"] for entry in lists)
        audit_read(request, f"Cảnh báo: {rows} dòng", rows=rows, org_id=org.id if org else None)
        data = {"day": result.day, "badge_day": result.badge_day, "total": rows, "lists": lists}
        return Response(AlertSetSerializer(data).data)
