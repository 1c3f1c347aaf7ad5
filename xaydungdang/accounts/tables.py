"""The administration lists as django-tables2 tables: the audit trail and the users.

What a row shows depends on the rows of its page (members who moved out of the viewer's scope
are hidden, organizations and roles are looked up once per page): the view calls `prepare()`
with the page's records once the table is paginated."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from xaydungdang.accounts import audit_trail, scope, twofactor
from xaydungdang.accounts.models import RoleGrant
from xaydungdang.core.tables import BaseTable
from xaydungdang.organizations.models import Organization


def _local(value, fmt: str) -> str:
    return dateformat.format(timezone.localtime(value), fmt) if value else "—"


class AuditTable(BaseTable):
    at = tables.Column(verbose_name="Thời điểm", order_by=("at", "id"), attrs={"td": {"class": "text-nowrap"}})
    username = tables.Column(verbose_name="Tài khoản", default="—")
    action = tables.Column(verbose_name="Thao tác")
    object_repr = tables.Column(verbose_name="Đối tượng", orderable=False, empty_values=())
    org = tables.Column(verbose_name="Tổ chức", accessor="org_id", orderable=False, empty_values=())
    changes = tables.Column(verbose_name="Thay đổi", accessor="id", orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        attrs = {"class": "table table-sm align-top"}
        empty_text = "Không có dòng nào khớp bộ lọc."
        order_by = "-at"
        page_field = "trang"

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self._hidden = frozenset()
        self._orgs: dict = {}
        self._people: dict = {}
        self._refs: dict = {}

    def prepare(self, entries) -> None:
        """Look up what the page's entries show: hidden members, organizations."""
        entries = list(entries)
        self._hidden = audit_trail.hidden_members(entries, self.viewer)
        org_ids = {e.org_id for e in entries if e.org_id is not None}
        self._orgs = {o.id: o for o in Organization.objects.filter(id__in=org_ids)}
        self._people = audit_trail.user_names(entries)
        self._refs = audit_trail.prefetch_references(entries)

    def render_at(self, value):
        return _local(value, "d/m/Y H:i:s")

    def render_username(self, value, record):
        return format_html(
            '{}<br><span class="small text-muted">{} · {}</span>',
            value,
            record.ip,
            audit_trail.VIA_LABELS.get(record.via, record.via),
        )

    def render_action(self, value, record):
        """The action as a sentence ("Nguyễn Văn A xuất báo cáo năm 2023 của … dạng XLSX")."""
        org = self._orgs.get(record.org_id)
        view = audit_trail.shown(record, self._hidden, self._refs)
        who = self._people.get(record.user_id, "")
        return format_html(
            '{}<br><span class="small text-muted">{}</span>',
            audit_trail.sentence(record, who, org.name if org else "", view.object_repr),
            audit_trail.action_label(value),
        )

    def render_object_repr(self, record):
        return audit_trail.shown(record, self._hidden, self._refs).object_repr or "—"

    def render_org(self, record):
        org = self._orgs.get(record.org_id)
        if org is None:
            return "—"
        return format_html('{} <span class="small text-muted">({})</span>', org.name, org.code)

    def render_changes(self, record):
        view = audit_trail.shown(record, self._hidden, self._refs)
        parts = []
        if view.changes:
            items = format_html_join(
                "",
                "<dt>{}</dt><dd>{}<ins>{}</ins></dd>",
                (
                    (c.label, format_html("<del>{}</del> → ", c.before) if c.before != "—" else "", c.after)
                    for c in view.changes
                ),
            )
            parts.append(format_html('<dl class="audit-changes mb-0 small">{}</dl>', items))
        if view.note:
            parts.append(format_html('<div class="small">{}</div>', view.note))
        return format_html_join("", "{}", ((p,) for p in parts))


class UserTable(BaseTable):
    username = tables.Column(verbose_name="Tên đăng nhập")
    first_name = tables.Column(verbose_name="Họ và tên", default="—")
    roles = tables.Column(verbose_name="Vai trò", accessor="pk", orderable=False, empty_values=())
    has_2fa = tables.Column(verbose_name="Xác thực hai lớp", accessor="pk", orderable=False, empty_values=())
    is_active = tables.Column(verbose_name="Trạng thái")
    last_login = tables.Column(verbose_name="Đăng nhập gần nhất", default="—")

    class Meta(BaseTable.Meta):
        attrs = {"class": "table table-sm"}
        empty_text = "Chưa có người dùng nào."
        order_by = "username"
        page_field = "trang"

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self._grants: dict = {}
        self._with_2fa: set = set()

    def prepare(self, users) -> None:
        """The roles the viewer may see (CHANGE scope) and who has a second factor, for the page."""
        users = list(users)
        visible = (
            scope.restrict(RoleGrant.objects.filter(user__in=users), self.viewer, scope.CHANGE)
            .select_related("org")
            .order_by("org__code")
        )
        self._grants = {}
        for grant in visible:
            self._grants.setdefault(grant.user_id, []).append(grant)
        self._with_2fa = set(
            twofactor.TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True)
        )

    def render_username(self, value, record):
        return format_html('<a href="{}">{}</a>', reverse("accounts:user", args=[record.pk]), value)

    def render_roles(self, record):
        grants = self._grants.get(record.pk)
        if not grants:
            return "—"
        return format_html_join(
            mark_safe("<br>"), "{} — {} ({})", ((g.get_role_display(), g.org.name, g.org.code) for g in grants)
        )

    def value_username(self, value):
        return value

    def value_roles(self, record):
        return "; ".join(
            f"{g.get_role_display()} — {g.org.name} ({g.org.code})" for g in self._grants.get(record.pk, [])
        )

    def value_is_active(self, value):
        return "Đang hoạt động" if value else "Đã khóa"

    def render_has_2fa(self, record):
        return "Đã bật" if record.pk in self._with_2fa else "Chưa bật"

    def render_is_active(self, value):
        return "Đang hoạt động" if value else format_html("<strong>Đã khóa</strong>")

    def render_last_login(self, value):
        return _local(value, "d/m/Y H:i")
