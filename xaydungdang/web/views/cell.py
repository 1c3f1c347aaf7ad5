"""A cell's own page (issue 12 item 7): what a cell secretary works with — the cell's members,
their deadlines (the alerts of the cell), the cell's tasks, and the round of ratings to
record — instead of the organization-level figures of a committee's dashboard, which mean
nothing for a cell ("Tổ chức cơ sở đảng 0")."""

from django.shortcuts import render
from django.urls import reverse

from xaydungdang.accounts import scope
from xaydungdang.alerts.cache import alerts_for
from xaydungdang.core.dates import today
from xaydungdang.core.rules import MIN_OFFICIAL_PER_CELL
from xaydungdang.members.models import Gender, Status
from xaydungdang.reviews.views import ratings_by_member, round_members, round_year
from xaydungdang.web.navigator import KIND_LABELS

# The member lists of alerts.rules a cell acts on, with what the cell has to do.
DEADLINES = (
    ("probation", "Xét công nhận đảng viên chính thức"),
    ("probation_soon", "Sắp hết thời gian dự bị"),
    ("badges", "Đề nghị tặng Huy hiệu Đảng"),
    ("away_overdue", "Đi làm ăn xa quá 12 tháng"),
    ("screening", "Rà soát, sàng lọc chưa có kết quả"),
    ("unpaid_dues", "Chưa đóng đảng phí từ 3 tháng liên tiếp"),
)


def cell_home(request, org, breadcrumbs):
    day = today()
    user = request.user
    members = round_members(user, org)
    year = round_year(day)
    rated = ratings_by_member([m.id for m in members], year)
    alerts = alerts_for(user, org.id)
    deadlines = []
    for attr, task in DEADLINES:
        for alert in getattr(alerts, attr):
            deadlines.append({"member_id": alert.member_id, "label": alert.label, "task": task, **_when(alert)})
    deadlines.sort(key=lambda d: (d["due"] is None, d["due"] or day, d["label"]))
    can_record = scope.scope_for(user, scope.RECORD).covers(org.id) and not org.dissolved_on
    tasks = []
    unrated = sum(1 for m in members if m.id not in rated)
    if unrated:
        tasks.append(
            {
                "text": f"Xếp loại chất lượng năm {year}: còn {unrated} trên {len(members)} đảng viên chưa ghi",
                "url": reverse("web:rating_round", args=[org.code]) + f"?nam={year}" if can_record else None,
            }
        )
    counts = {attr: len(getattr(alerts, attr)) for attr, _task in DEADLINES}
    for attr, text in (
        ("probation", "đảng viên dự bị đến hạn, quá hạn xét công nhận chính thức"),
        ("probation_soon", "đảng viên sắp hết thời gian dự bị (30 ngày tới)"),
        ("badges", "đảng viên đủ tuổi đảng nhận Huy hiệu Đảng"),
        ("away_overdue", "đảng viên đi làm ăn xa quá 12 tháng chưa trở về"),
        ("screening", "đảng viên trong diện rà soát, sàng lọc chưa có kết quả"),
        ("unpaid_dues", "đảng viên chưa đóng đảng phí từ 3 tháng liên tiếp"),
    ):
        if counts[attr]:
            tasks.append({"text": f"{counts[attr]} {text}", "url": None})
    if alerts.small_cells:
        n = alerts.small_cells[0].extra["official"]
        tasks.append({"text": f"Chi bộ có {n} đảng viên chính thức, cần ít nhất {MIN_OFFICIAL_PER_CELL}", "url": None})
    official = sum(1 for m in members if m.status == Status.OFFICIAL)
    rows = [{"member": m, "rating": rated.get(m.id)} for m in members]
    return render(
        request,
        "web/orgs/cell.html",
        {
            "title": org.name,
            "org": org,
            "kind_label": KIND_LABELS.get(org.kind),
            "breadcrumbs": breadcrumbs,
            "day": day,
            "year": year,
            "rows": rows,
            "official": official,
            "probationary": len(members) - official,
            "female": sum(1 for m in members if m.gender == Gender.FEMALE),
            "deadlines": deadlines,
            "tasks": tasks,
            "can_record": can_record,
        },
    )


def _when(alert) -> dict:
    return {"due": alert.due, "detail": alert.detail, "late": alert.late}
