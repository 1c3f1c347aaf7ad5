"""Filters of the member list (django-filter). The queryset they narrow is already scoped."""

import datetime as dt

import django_filters
from django import forms
from django.urls import reverse_lazy

from xaydungdang.core import access
from xaydungdang.core.context import current_actor
from xaydungdang.core.dates import today
from xaydungdang.core.forms import style
from xaydungdang.core.text import fold
from xaydungdang.members.models import Gender, MemberState, Occupation, PoliticalTheory, Status
from xaydungdang.organizations import pickers
from xaydungdang.organizations.models import Organization
from xaydungdang.organizations.tree import load_tree

AGE_BANDS = [
    ("upto_30", "Đến 30 tuổi"),
    ("31_40", "31–40 tuổi"),
    ("41_50", "41–50 tuổi"),
    ("51_60", "51–60 tuổi"),
    ("61_70", "61–70 tuổi"),
    ("over_70", "Trên 70 tuổi"),
]
AGE_LIMITS = {
    "upto_30": (0, 30),
    "31_40": (31, 40),
    "41_50": (41, 50),
    "51_60": (51, 60),
    "61_70": (61, 70),
    "over_70": (71, 200),
}


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label="Họ tên hoặc số lý lịch",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "ví dụ: nguyen van a"}),
    )
    to_chuc = django_filters.CharFilter(
        method="filter_org",
        label="Tổ chức",
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": "tên hoặc mã, ví dụ: ke sach",
                "autocomplete": "off",
                "data-picker-url": reverse_lazy("web:org_pick"),
            }
        ),
    )
    state = django_filters.ChoiceFilter(
        field_name="state",
        label="Tình trạng",
        empty_label="Tất cả",
        choices=[c for c in MemberState.choices if c[0] != MemberState.NONE],
    )
    status = django_filters.ChoiceFilter(
        field_name="status", label="Loại đảng viên", choices=Status.choices, empty_label="Tất cả"
    )
    gender = django_filters.ChoiceFilter(
        field_name="gender", label="Giới tính", choices=Gender.choices, empty_label="Tất cả"
    )
    dan_toc = django_filters.ChoiceFilter(
        method="filter_ethnicity",
        label="Dân tộc",
        empty_label="Tất cả",
        choices=[("kinh", "Kinh"), ("thieu_so", "Dân tộc thiểu số")],
    )
    tuoi = django_filters.ChoiceFilter(method="filter_age", label="Tuổi đời", choices=AGE_BANDS, empty_label="Tất cả")
    occupation = django_filters.ChoiceFilter(
        field_name="occupation", label="Nghề nghiệp", choices=Occupation.choices, empty_label="Tất cả"
    )
    political_theory = django_filters.ChoiceFilter(
        field_name="political_theory", label="Lý luận chính trị", choices=PoliticalTheory.choices, empty_label="Tất cả"
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            data.setdefault("state", MemberState.ACTIVE)
        super().__init__(data, *args, **kwargs)
        style(self.form)
        self.unknown_org = False
        self.org_candidates = []  # several organizations match the name typed: the message lists them
        self.chosen_org = None
        value = (self.form.data.get("to_chuc") or "").strip() if data is not None else ""
        if value:
            # The box shows the organization's name, not its code (picker.js reads data-label).
            self.form.fields["to_chuc"].widget.attrs["data-label"] = self._label_for(value)

    def filter_q(self, queryset, name, value):
        value = value[:200]
        if fold(value).replace(" ", "").isalnum() and any(ch.isdigit() for ch in value):
            by_no = queryset.filter(member_no__iexact=value.strip())
            if by_no.exists():
                return by_no
        return queryset.search(value)

    def _visible_orgs(self):
        user = getattr(self.request, "user", None) or current_actor().user
        return Organization.objects.restrict(user)

    def _label_for(self, value: str) -> str:
        org_id = load_tree().by_code.get(value[:40])
        if org_id is None or not self._visible_orgs().filter(pk=org_id).exists():
            return ""
        return pickers.org_label(org_id, load_tree().orgs[org_id].name)

    def filter_org(self, queryset, name, value):
        """An organization by its code, or by its name typed without accents ("ke sach" finds
        Đảng bộ xã Kế Sách); the members of its subtree today (a dissolved one: itself)."""
        value = value.strip()[:200]
        org_id = load_tree().by_code.get(value[:40])
        if org_id is not None and not self._visible_orgs().filter(pk=org_id).exists():
            org_id = None  # a code outside the scope is looked for as a name among the visible ones
        if org_id is None:
            org, candidates = pickers.resolve(self._visible_orgs(), value)
            if org is None:
                self.org_candidates = [pickers.org_label(o.id, o.name) for o in candidates[: pickers.SEARCH_LIMIT]]
                self.unknown_org = not candidates
                return queryset.none()
            org_id = org.id
        self.chosen_org = org_id
        return access.within(queryset, org_id)

    def describe(self) -> list[str]:
        """The filter applied, in words ("Tình trạng: Đang sinh hoạt"), for the export's title lines.
        Call after `.qs` (the organization named is resolved then)."""
        if not self.is_valid():
            return []
        parts = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if name == "to_chuc":
                continue  # the unit line says it
            choices = dict(getattr(field, "choices", ()) or ())
            shown = choices.get(value, value)
            parts.append(f"{field.label}: {'“' + str(shown)[:100] + '”' if name == 'q' else shown}")
        return parts

    def unit(self) -> str:
        """The organization the list is narrowed to ("name — path"), or "" (the whole scope)."""
        if self.chosen_org is None:
            return ""
        return pickers.org_label(self.chosen_org, load_tree().orgs[self.chosen_org].name)

    def filter_ethnicity(self, queryset, name, value):
        # The stored flag follows members.attributes.is_ethnic_minority, the one definition.
        return queryset.filter(ethnic_minority=(value == "thieu_so"))

    def filter_age(self, queryset, name, value):
        low, high = AGE_LIMITS[value]
        day = today()
        # Completed years at today: age ≥ low ⇔ birth ≤ today − low years; age ≤ high ⇔ birth > today − (high+1) years.
        return queryset.filter(birth_date__lte=_years_before(day, low), birth_date__gt=_years_before(day, high + 1))


class EventFilter(django_filters.FilterSet):
    """Filters of the API's event list (`/api/events/`): type and member number. The date range
    (`from`, `to`) is read by core.api.query_day, which answers 400 naming a bad date."""

    type = django_filters.CharFilter(method="filter_type")
    member_no = django_filters.CharFilter(method="filter_member_no")

    def filter_type(self, queryset, name, value):
        return queryset.filter(type=value[:24])

    def filter_member_no(self, queryset, name, value):
        return queryset.filter(member__member_no=value[:32])
