"""The working-day calendar page (Lịch ngày nghỉ, ngày làm bù): a year's days off from the
`holidays` VN calendar and the days administrators added (core.models.DayOff). Everyone signed in
may read it; administrators add, correct and remove days (core/calendar_actions.py, audited).
The url is assembled by alerts/urls.py (the reminders' app: the deadlines count on this calendar)."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from xaydungdang.core import access, calendar_actions, workdays
from xaydungdang.core.dates import today
from xaydungdang.core.errors import DomainError
from xaydungdang.core.forms import StyledForm, VNDateField
from xaydungdang.core.models import DayOff
from xaydungdang.core.views import apply_domain_error, int_param, page

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


class DayOffForm(StyledForm):
    day = VNDateField(label="Ngày")
    kind = forms.ChoiceField(label="Loại", choices=DayOff.KIND_CHOICES, initial=DayOff.OFF)
    note = forms.CharField(
        label="Ghi chú",
        max_length=255,
        required=False,
        help_text="Ví dụ: số, ngày thông báo của Bộ Lao động – Thương binh và Xã hội (nay là Bộ Nội vụ).",
    )


class RemoveForm(StyledForm):
    day = VNDateField(label="Ngày")


def _is_admin(user) -> bool:
    return access.scope_for(user, access.ADMIN).is_global


def year_rows(year: int) -> list[dict]:
    """Every day of the year that is not an ordinary working Monday–Friday or weekend day."""
    named, worked = workdays.library_days(year)
    added = {row.day: row for row in DayOff.objects.filter(day__year=year)}
    rows = {}
    for day, name in named.items():
        rows[day] = {"day": day, "source": "Lịch nghỉ lễ, Tết (thư viện holidays)", "kind": DayOff.OFF, "note": name}
    for day in worked:
        rows[day] = {"day": day, "source": "Lịch nghỉ lễ, Tết (thư viện holidays)", "kind": DayOff.WORKING, "note": ""}
    for day, row in added.items():
        base = rows.get(day)
        rows[day] = {
            "day": day,
            "source": "Quản trị bổ sung" + (" (thay lịch có sẵn)" if base else ""),
            "kind": row.kind,
            "note": row.note,
            "added": True,
        }
    result = sorted(rows.values(), key=lambda r: r["day"])
    for r in result:
        r["weekday"] = WEEKDAYS[r["day"].weekday()]
        r["kind_label"] = "Ngày nghỉ" if r["kind"] == DayOff.OFF else "Ngày làm việc (làm bù)"
        r["working"] = workdays.is_working_day(r["day"])
    return result


@page
def days_off(request):
    year = int_param(
        request, "nam", today().year, low=calendar_actions.FIRST_YEAR, high=calendar_actions.LAST_YEAR, label="năm"
    )
    admin = _is_admin(request.user)
    form = DayOffForm(prefix="them")
    if request.method == "POST":
        if not admin:
            raise DjangoPermissionDenied
        if "xoa" in request.POST:
            remove = RemoveForm(request.POST, prefix="xoa")
            if remove.is_valid():
                try:
                    calendar_actions.do_remove_day_off(remove.cleaned_data["day"], acting_user=request.user)
                except DomainError as exc:
                    messages.error(request, exc.problems[0].message)
                else:
                    day = remove.cleaned_data["day"]
                    messages.success(request, f"Đã xóa ngày {day:%d/%m/%Y} khỏi lịch bổ sung.")
                    return redirect(f"{reverse('web:days_off')}?nam={day.year}")
            else:
                messages.error(request, "Ngày cần xóa không hợp lệ.")
        else:
            form = DayOffForm(request.POST, prefix="them")
            if form.is_valid():
                d = form.cleaned_data
                try:
                    calendar_actions.do_save_day_off(d["day"], d["kind"], d["note"], acting_user=request.user)
                except DomainError as exc:
                    apply_domain_error(form, exc)
                else:
                    messages.success(
                        request, f"Đã ghi ngày {d['day']:%d/%m/%Y} ({dict(DayOff.KIND_CHOICES)[d['kind']].lower()})."
                    )
                    return redirect(f"{reverse('web:days_off')}?nam={d['day'].year}")
    return render(
        request,
        "core/days_off.html",
        {
            "title": f"Lịch ngày nghỉ, ngày làm bù năm {year}",
            "year": year,
            "rows": year_rows(year),
            "form": form,
            "admin": admin,
            "years": [year - 1, year + 1],
            "working_days": workdays.working_days_between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31)),
        },
    )
