"""The indicators' JSON endpoint: every indicator of spec/indicators.md for an organization and
a period, from the one engine (cached on the data version)."""

import datetime as dt

from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from xaydungdang.core.api import query_day
from xaydungdang.core.dates import today
from xaydungdang.indicators.cache import report_data
from xaydungdang.organizations.views import org_or_404


@api_view(["GET"])
def org_indicators(request, code):
    """Every indicator of spec/indicators.md for the organization and period (default: this year)."""
    org = org_or_404(request.user, code)
    start = query_day(request, "from", dt.date(today().year, 1, 1))
    end = query_day(request, "to", dt.date(today().year, 12, 31))
    if end < start:
        raise ValidationError({"to": "Ngày kết thúc phải sau ngày bắt đầu."})
    data = report_data(org.code, start, end, series=False)
    return Response(
        {"org": {"code": org.code, "name": org.name}, "period": data["period"], "indicators": data["indicators"]}
    )
