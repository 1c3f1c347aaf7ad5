"""Pages for signing in and out (/dang-nhap/, /dang-xuat/: django-axes counts failures and locks
out), for administration (/quan-tri/: audit trail, users and roles) and for one's own
account (/tai-khoan/: password, second factor). Every read passes through accounts.scope;
every write through accounts.actions / twofactor."""

import io
from functools import wraps

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from xaydungdang.accounts import (
    actions,
    audit_trail,
    filtersets,
    forms,
    scope,
    tables,
    tokens,
    twofactor,
    user_rules,
)
from xaydungdang.core import audit
from xaydungdang.core.auditactions import AuditAction
from xaydungdang.core.errors import DomainError
from xaydungdang.core.models import AuditEntry
from xaydungdang.core.spreadsheet import XLSX_CONTENT_TYPE
from xaydungdang.core.tables import table_xlsx

PAGE_SIZE = 50

# Signing in and out, with Vietnamese labels (routed as web:login / web:logout by web/urls.py).
login = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=forms.LoginForm,
    redirect_authenticated_user=True,
    # Django's LoginView puts the host in site_name (RequestSite): the tab would read
    # "Đăng nhập — 127.0.0.1:8000". The application's name instead (web/context.py).
    extra_context={"title": "Đăng nhập", "site_name": "Xây dựng Đảng"},
)
logout = auth_views.LogoutView.as_view()


def managers_only(view):
    """Staff and admins: the audit trail and user management of their subtree."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not user_rules.may_manage_users(request.user):
            raise DjangoPermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@managers_only
def index(request):
    return render(request, "accounts/index.html", {"title": "Quản trị", "is_admin": user_rules.is_admin(request.user)})


# --- audit trail ---------------------------------------------------------------------------


def _audit_filterset(request) -> filtersets.AuditFilterSet:
    return filtersets.AuditFilterSet(
        request.GET or None, queryset=scope.restrict(AuditEntry.objects.all(), request.user), request=request
    )


@managers_only
def audit_list(request):
    filterset = _audit_filterset(request)
    table = tables.AuditTable(filterset.qs, viewer=request.user)
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    table.prepare(row.record for row in table.page.object_list)
    query = request.GET.copy()
    for name in ("trang", "sort"):
        query.pop(name, None)
    return render(
        request,
        "accounts/audit_list.html",
        {"title": "Nhật ký thay đổi", "form": filterset.form, "table": table, "query": query.urlencode()},
    )


@managers_only
def audit_export(request):
    fmt = request.GET.get("dinh_dang", "csv")
    if fmt not in ("csv", "xlsx"):
        raise Http404
    filterset = _audit_filterset(request)
    form = filterset.form
    if form.is_bound and not form.is_valid():
        messages.error(request, "Bộ lọc chưa hợp lệ: " + "; ".join(e for errs in form.errors.values() for e in errs))
        return redirect(f"{reverse('accounts:audit')}?{request.GET.urlencode()}")
    filters = filterset.describe()
    entries = filterset.qs.order_by("-at", "-id")
    total = entries.count()
    audit.record(
        "audit.export",
        model="core.auditentry",
        object_repr=f"nhat-ky.{fmt}",
        after={"format": fmt, "rows": total, "filters": filters},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "xlsx":
        out = io.BytesIO()
        audit_trail.write_xlsx(entries, out, viewer=request.user)
        response = HttpResponse(out.getvalue(), content_type=XLSX_CONTENT_TYPE)
    else:
        response = StreamingHttpResponse(_csv_stream(entries, request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nhat-ky-{stamp}.{fmt}"'
    return response


class _Echo:
    def write(self, value):
        return value


def _csv_stream(entries, viewer):
    from xaydungdang.core.spreadsheet import csv_writer

    writer = csv_writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(audit_trail.COLUMNS)
    for row in audit_trail.rows(entries, viewer=viewer):
        yield writer.writerow(row)


# --- users and roles -----------------------------------------------------------------------


def _user_or_404(request, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404
    user = user_rules.manageable_users(request.user).filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


@managers_only
def user_list(request):
    filterset = filtersets.UserFilterSet(request.GET, queryset=user_rules.manageable_users(request.user))
    table = tables.UserTable(filterset.qs, viewer=request.user)
    if request.GET.get("xuat") == "xlsx":
        return _user_export(request, table, filterset)
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    table.prepare(row.record for row in table.page.object_list)
    return render(
        request,
        "accounts/user_list.html",
        {"title": "Người dùng và phân quyền", "table": table, "q": filterset.form["q"].value() or ""},
    )


def _user_export(request, table, filterset):
    """The users the actor manages (the search applied), with the roles they may see, as a workbook;
    audited like every export."""
    RequestConfig(request, paginate=False).configure(table)
    records = list(filterset.qs)
    table.prepare(records)
    query = (filterset.form["q"].value() or "").strip()[:100]
    subtitle = [
        f"Tìm: “{query}”" if query else "Mọi người dùng anh/chị được quản lý",
        f"Xuất lúc {timezone.localtime():%d/%m/%Y %H:%M}; {len(records)} người dùng",
    ]
    content = table_xlsx(table, title="Người dùng và phân quyền", subtitle_lines=subtitle, sheet="Người dùng")
    audit.record(
        AuditAction.USER_EXPORT,
        None,
        model="auth.user",
        object_repr=f"Xuất danh sách {len(records)} người dùng",
        after={"filters": {"q": query}, "rows": len(records)},
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="nguoi-dung-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@managers_only
def user_create(request):
    roles = user_rules.grantable_roles(request.user)
    form = forms.UserCreateForm(request.POST or None, actor=request.user, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user_rules.require_grant(request.user, data["to_chuc"], data["vai_tro"])
            user = actions.create_user(
                data["ten_dang_nhap"],
                data["to_chuc"],
                data["vai_tro"],
                data["mat_khau"],
                full_name=data["ho_ten"],
                acting_user=request.user,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã tạo tài khoản {user.username}.")
            return redirect("accounts:user", pk=user.pk)
    return render(
        request,
        "web/form.html",
        {
            "title": "Tạo người dùng",
            "form": form,
            "submit_label": "Tạo tài khoản",
            "cancel_url": reverse("accounts:users"),
        },
    )


@managers_only
def user_detail(request, pk):
    user = _user_or_404(request, pk)
    roles = user_rules.grantable_roles(request.user)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "title": f"Tài khoản {user.username}",
            "account": user,
            "grants": user_rules.visible_grants(request.user, user).order_by("org__code"),
            "grant_form": forms.GrantForm(actor=request.user, roles=roles),
            "password_form": forms.PasswordResetForm(user=user),
            "has_2fa": twofactor.has_device(user),
            "is_self": user.pk == request.user.pk,
        },
    )


@managers_only
@require_POST
def user_grant(request, pk):
    user = _user_or_404(request, pk)
    form = forms.GrantForm(request.POST, actor=request.user, roles=user_rules.grantable_roles(request.user))
    if form.is_valid():
        try:
            user_rules.require_grant(request.user, form.cleaned_data["to_chuc"], form.cleaned_data["vai_tro"])
            actions.grant_role(
                user, form.cleaned_data["to_chuc"], form.cleaned_data["vai_tro"], acting_user=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã cấp quyền; quyền có hiệu lực ngay.")
    else:
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
    return redirect("accounts:user", pk=user.pk)


@managers_only
@require_POST
def user_revoke(request, pk, grant_id):
    user = _user_or_404(request, pk)
    grant = user_rules.visible_grants(request.user, user).filter(pk=grant_id).first()
    if grant is None:
        raise Http404
    try:
        user_rules.require_revoke(request.user, grant)
        actions.revoke_role(grant, acting_user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã thu hồi quyền; quyền hết hiệu lực ngay.")
    # The user may now be outside the actor's reach: go back to the list then.
    if user_rules.manageable_users(request.user).filter(pk=user.pk).exists():
        return redirect("accounts:user", pk=user.pk)
    return redirect("accounts:users")


@managers_only
@require_POST
def user_password(request, pk):
    user = _user_or_404(request, pk)
    form = forms.PasswordResetForm(request.POST, user=user)
    if form.is_valid():
        actions.set_password(user, form.cleaned_data["mat_khau"], acting_user=request.user)
        messages.success(request, f"Đã đặt mật khẩu mới cho {user.username}.")
    else:
        messages.error(request, "; ".join(e for errs in form.errors.values() for e in errs))
    return redirect("accounts:user", pk=user.pk)


@managers_only
@require_POST
def user_active(request, pk):
    user = _user_or_404(request, pk)
    active = request.POST.get("kich_hoat") == "1"
    if user.pk == request.user.pk and not active:
        messages.error(request, "Không thể tự khóa tài khoản của chính mình.")
    else:
        actions.set_active(user, active, acting_user=request.user)
        messages.success(request, f"Đã {'mở lại' if active else 'khóa'} tài khoản {user.username}.")
    return redirect("accounts:user", pk=user.pk)


@managers_only
@require_POST
def user_reset_2fa(request, pk):
    user = _user_or_404(request, pk)
    try:
        twofactor.remove(user, actor_is_admin=user_rules.is_admin(request.user))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã tắt xác thực hai lớp của {user.username}; người dùng có thể đăng ký lại.")
    return redirect("accounts:user", pk=user.pk)


# --- one's own account ---------------------------------------------------------------------


@login_required
def security(request):
    return render(
        request,
        "accounts/security.html",
        {
            "title": "Bảo mật tài khoản",
            "has_2fa": twofactor.has_device(request.user),
            "may_2fa": twofactor.may_use(request.user),
            "required_2fa": twofactor.required_for(request.user),
        },
    )


@login_required
def api_tokens(request):
    """One's personal API tokens (docs/api.md): create (the secret shown once, on this answer
    only), list, revoke. Each creation and revocation is audited (accounts/tokens.py)."""
    form = forms.ApiTokenForm(request.user, request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            token, raw = tokens.create_token(
                request.user, d["name"], days=d["days"], org=d["org"], acting_user=request.user
            )
        except DomainError as exc:
            for problem in exc.problems:
                form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        else:
            created = {"token": token, "raw": raw}
            form = forms.ApiTokenForm(request.user)
    response = render(
        request,
        "accounts/api_tokens.html",
        {
            "title": "Mã truy cập API",
            "form": form,
            "created": created,
            "tokens": tokens.live_tokens(request.user),
            "now": timezone.now(),
        },
    )
    return response


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = tokens.ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404
    tokens.revoke_token(token, acting_user=request.user)
    messages.success(request, f"Đã thu hồi mã {token.prefix}…; hệ thống dùng mã này sẽ không truy cập được nữa.")
    return redirect("accounts:api-tokens")


@login_required
def password_change(request):
    form = forms.PasswordChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.set_password(request.user, form.cleaned_data["mat_khau"], acting_user=request.user)
        update_session_auth_hash(request, request.user)
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("accounts:security")
    return render(
        request,
        "web/form.html",
        {
            "title": "Đổi mật khẩu",
            "form": form,
            "submit_label": "Đổi mật khẩu",
            "cancel_url": reverse("accounts:security"),
        },
    )


@login_required
def otp_enrol(request):
    user = request.user
    if not (twofactor.may_use(user) or twofactor.required_for(user)):
        raise DjangoPermissionDenied
    if twofactor.has_device(user) and not request.user.is_verified():
        return redirect(f"{reverse('accounts:otp-verify')}?next={reverse('accounts:otp-enrol')}")
    device = twofactor.pending_device(user)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = twofactor.confirm(user, form.cleaned_data["ma"])
        except DomainError as exc:
            form.add_error("ma", exc.message)
        else:
            from django_otp import login as otp_login

            otp_login(request, device)
            messages.success(request, "Đã bật xác thực hai lớp. Từ lần đăng nhập sau, cần nhập mã trên ứng dụng.")
            return redirect(_safe_next(request, reverse("accounts:security")))
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "title": "Bật xác thực hai lớp",
            "form": form,
            "qr": twofactor.qr_svg(device),
            "secret": twofactor.secret_text(device),
            "required": twofactor.required_for(user),
            "replacing": twofactor.has_device(user),
            "next": _safe_next(request, ""),
        },
    )


@login_required
@require_POST
def otp_remove(request):
    if not request.user.is_verified():
        raise DjangoPermissionDenied
    try:
        twofactor.remove(request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã tắt xác thực hai lớp.")
    return redirect("accounts:security")


@login_required
def otp_verify(request):
    if request.user.is_verified() or not twofactor.has_device(request.user):
        return redirect(_safe_next(request, reverse("web:home")))
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(request.user, form.cleaned_data["ma"])
        if device is None:
            form.add_error(
                "ma", "Mã xác thực không đúng hoặc đã hết hạn. Sai nhiều lần sẽ phải chờ lâu hơn mới thử lại được."
            )
        else:
            from django_otp import login as otp_login

            otp_login(request, device)
            return redirect(_safe_next(request, reverse("web:home")))
    return render(
        request,
        "accounts/otp_verify.html",
        {"title": "Xác thực hai lớp", "form": form, "next": _safe_next(request, "")},
    )


@login_required
def digest(request):
    """One's daily e-mail of open deadlines: opt in or out, and the address (audited)."""
    from xaydungdang.accounts import usersettings
    from xaydungdang.core.views import apply_domain_error

    initial = {"deadline_digest": usersettings.wants_digest(request.user), "email": request.user.email}
    form = forms.DigestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            usersettings.do_set_digest(request.user, d["deadline_digest"], d["email"], acting_user=request.user)
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(
                request, "Đã đăng ký nhận thư nhắc hạn." if d["deadline_digest"] else "Đã thôi nhận thư nhắc hạn."
            )
            return redirect("accounts:digest")
    return render(request, "accounts/digest.html", {"title": "Thư nhắc hạn cần xử lý", "form": form})
