"""django-filter filtersets of the administration lists.

The audit trail's filter is the one `xdd audit` uses (audit_trail.AuditFilter), read from the
audit form (which checks that an organization or a member asked for lies within the viewer's
scope); the user list is searched by user name or full name."""

import django_filters
from django.contrib.auth import get_user_model

from xaydungdang.accounts import forms
from xaydungdang.core.models import AuditEntry


class AuditFilterSet(django_filters.FilterSet):
    """Entries filtered by account, organization (with its subtree), member, action and dates.
    An invalid filter lists nothing (its errors are shown beside the fields)."""

    class Meta:
        model = AuditEntry
        fields: list = []
        form = forms.AuditFilterForm

    @property
    def form(self):
        if not hasattr(self, "_form"):
            user = self.request.user if self.request is not None else None
            self._form = forms.AuditFilterForm(self.data if self.is_bound else None, user=user)
        return self._form

    def filter_queryset(self, queryset):
        if not self.form.is_valid():
            return queryset.none()
        return self.form.to_filter().apply(queryset)

    def describe(self) -> dict:
        """The filters as written into the export's audit entry."""
        return self.form.to_filter().describe() if self.is_bound and self.form.is_valid() else {}


class UserFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Tìm người dùng", method="search")

    class Meta:
        model = get_user_model()
        fields: list = []

    def search(self, queryset, name, value):
        value = value.strip()[:150]
        if not value:
            return queryset
        return (queryset.filter(username__icontains=value) | queryset.filter(first_name__icontains=value)).distinct()
